"""Pure caching rules: definitions, parameters, cache keys, resolution, regeneration."""
