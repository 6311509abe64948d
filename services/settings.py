"""Settings read once from environment variables into frozen dataclasses."""

from __future__ import annotations

import os
from dataclasses import dataclass


def env_str(name: str, default: str) -> str:
    """Return the environment variable ``name`` or ``default`` when unset or empty."""
    value = os.environ.get(name, "")
    return value if value else default


def env_int(name: str, default: int) -> int:
    """Return an integer environment variable, failing loudly on a non-integer."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    """Return a float environment variable, failing loudly on a malformed value."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean environment variable (1/true/yes/on are true)."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class StorageSettings:
    """Where scripts and artefacts are stored: a local folder or an S3 bucket."""

    backend: str  # "local" or "s3"
    local_root: str
    s3_endpoint: str
    s3_access_key: str
    s3_secret_key: str
    s3_bucket: str
    s3_secure: bool
    s3_region: str

    @classmethod
    def from_env(cls) -> StorageSettings:
        return cls(
            backend=env_str("ROTE_STORAGE_BACKEND", "local"),
            local_root=env_str("ROTE_STORAGE_ROOT", os.path.join(env_str("ROTE_HOME", ".rote"), "objects")),
            s3_endpoint=env_str("ROTE_S3_ENDPOINT", "127.0.0.1:9000"),
            s3_access_key=env_str("ROTE_S3_ACCESS_KEY", ""),
            s3_secret_key=env_str("ROTE_S3_SECRET_KEY", ""),
            s3_bucket=env_str("ROTE_S3_BUCKET", "rote"),
            s3_secure=env_bool("ROTE_S3_SECURE", False),
            s3_region=env_str("ROTE_S3_REGION", "us-east-1"),
        )
