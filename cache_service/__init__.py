"""The cache service: workflows, runs, scripts, and every caching decision."""
