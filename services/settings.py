"""Settings read once from environment variables into frozen dataclasses."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from services.booleans import is_true


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
    """Return a boolean environment variable (the true words: 1/true/yes/y/on)."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    return is_true(raw)


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


DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class TlsSettings:
    """Optional TLS: a server serves TLS when it has a certificate and key; a client trusts ``ca_file``."""

    cert_file: str
    key_file: str
    ca_file: str
    # Name the server certificate must carry when it differs from the address dialled (e.g. an IP).
    server_name: str

    @classmethod
    def plaintext(cls) -> TlsSettings:
        """No certificate and no CA: plaintext both ways."""
        return cls(cert_file="", key_file="", ca_file="", server_name="")

    @classmethod
    def from_env(cls) -> TlsSettings:
        return cls(
            cert_file=env_str("ROTE_TLS_CERT_FILE", ""),
            key_file=env_str("ROTE_TLS_KEY_FILE", ""),
            ca_file=env_str("ROTE_TLS_CA_FILE", ""),
            server_name=env_str("ROTE_TLS_SERVER_NAME", ""),
        )

    @property
    def serves_tls(self) -> bool:
        if bool(self.cert_file) != bool(self.key_file):
            raise ValueError("ROTE_TLS_CERT_FILE and ROTE_TLS_KEY_FILE must be set together")
        return bool(self.cert_file)


@dataclass(frozen=True)
class SecuritySettings:
    """Who may call (API keys), over what (TLS), and how much a request may hold."""

    # Raw ROTE_API_KEYS ("key=org,key2=@service"); empty turns authentication off (the embedded default).
    api_keys: str = field(repr=False)
    # Key this process presents on its own service-to-service calls (mapped to @service on the callee).
    service_api_key: str = field(repr=False)
    tls: TlsSettings
    max_message_bytes: int
    # Hosts the executor may open (ROTE_ALLOWED_HOSTS, comma-separated; "*.example.com" allowed); empty = any.
    allowed_hosts: tuple[str, ...]

    @classmethod
    def from_env(cls) -> SecuritySettings:
        hosts = tuple(h.strip().lower() for h in env_str("ROTE_ALLOWED_HOSTS", "").split(",") if h.strip())
        return cls(
            api_keys=env_str("ROTE_API_KEYS", ""),
            service_api_key=env_str("ROTE_SERVICE_API_KEY", ""),
            tls=TlsSettings.from_env(),
            max_message_bytes=env_int("ROTE_MAX_MESSAGE_BYTES", DEFAULT_MAX_MESSAGE_BYTES),
            allowed_hosts=hosts,
        )

    @property
    def calls(self) -> CallSettings:
        """How this service calls the others: the same TLS trust, message limit and service key."""
        return CallSettings(
            tls=self.tls, max_message_bytes=self.max_message_bytes, service_api_key=self.service_api_key
        )


@dataclass(frozen=True)
class CallSettings:
    """How a service calls another: the CA it trusts, the largest message, and the service key it presents."""

    tls: TlsSettings
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    service_api_key: str = field(default="", repr=False)

    @classmethod
    def plaintext(cls) -> CallSettings:
        """No TLS and no service key: the embedded default, and what tests of a single service use."""
        return cls(tls=TlsSettings.plaintext())

    @classmethod
    def from_env(cls) -> CallSettings:
        return SecuritySettings.from_env().calls
