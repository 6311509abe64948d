"""User templates and code snippets run in worker processes under hard time and memory limits."""
