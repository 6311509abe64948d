"""Corpus task modules: one module per pattern (or family), each exporting TASKS."""
