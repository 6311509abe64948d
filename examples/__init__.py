"""Examples: the demo site, the demo workflow and its parameter files."""
