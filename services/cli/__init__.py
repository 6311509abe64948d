"""The `rote` command-line interface."""
