"""Use cases of the cache service: each one owns a unit of work and speaks domain types."""
