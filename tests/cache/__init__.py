"""Tests of the cache service: pure caching rules, and the real service over gRPC on SQLite and PostgreSQL."""
