"""Persistence of the cache service: models, engine, migrations, repositories, unit of work."""
