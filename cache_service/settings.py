"""Settings of the cache service, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from services.settings import SecuritySettings, StorageSettings, env_bool, env_float, env_int, env_str


def default_database_url() -> str:
    home = env_str("ROTE_HOME", ".rote")
    return f"sqlite+aiosqlite:///{os.path.join(home, 'rote.db')}"


@dataclass(frozen=True)
class CacheSettings:
    """Where the database and the codegen service are, and how the service is exposed."""

    database_url: str
    codegen_address: str
    auto_migrate: bool
    host: str
    port: int
    log_level: str
    codegen_timeout_s: float
    default_lease_s: int
    # Object storage, read-only here: operators see stored code (same ROTE_STORAGE_* / ROTE_S3_* as the others).
    storage: StorageSettings
    # Seconds between sweeps that mark runs whose lease expired as ABANDONED (0: no periodic sweep).
    lease_sweep_s: float
    # Whether completed blocks are drafted while the run executes (DESIGN §4 rule 6).
    drafts_enabled: bool
    # (workflow, cache key) resolutions kept in memory per replica (0: none, every decision reads the database).
    resolution_cache_size: int = 10_000
    # API keys, TLS and message limits, for the server and the calls to the codegen service.
    security: SecuritySettings = field(default_factory=SecuritySettings.from_env)
    # Prometheus metrics on this port (0: none).
    metrics_port: int = 0

    @classmethod
    def from_env(cls) -> CacheSettings:
        return cls(
            database_url=env_str("ROTE_DATABASE_URL", default_database_url()),
            codegen_address=env_str("ROTE_CODEGEN_ADDRESS", "127.0.0.1:50053"),
            auto_migrate=env_bool("ROTE_DB_AUTO_MIGRATE", True),
            host=env_str("ROTE_BIND_HOST", "127.0.0.1"),
            port=env_int("ROTE_CACHE_PORT", 50052),
            log_level=env_str("ROTE_LOG_LEVEL", "INFO"),
            codegen_timeout_s=env_float("ROTE_CODEGEN_TIMEOUT_S", 60.0),
            default_lease_s=env_int("ROTE_RUN_LEASE_S", 3600),
            storage=StorageSettings.from_env(),
            lease_sweep_s=env_float("ROTE_LEASE_SWEEP_S", 30.0),
            drafts_enabled=env_bool("ROTE_DRAFTS", True),
            resolution_cache_size=env_int("ROTE_RESOLUTION_CACHE_SIZE", 10_000),
            security=SecuritySettings.from_env(),
            metrics_port=env_int("ROTE_METRICS_PORT", 0),
        )
