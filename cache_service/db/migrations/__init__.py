"""Alembic migrations of the cache service (a package so that they ship with it)."""
