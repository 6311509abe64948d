"""Which URLs the executor may open: an optional allowlist of hosts (ROTE_ALLOWED_HOSTS)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from services.errors import InvalidArgument

ALLOWED_SCHEMES = ("http", "https")


def host_matches(host: str, pattern: str) -> bool:
    """``example.com`` matches itself only; ``*.example.com`` matches its subdomains (not the apex)."""
    pattern = pattern.lower().rstrip(".")
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern


def check_url_allowed(url: str, allowed: Sequence[str]) -> None:
    """Raise InvalidArgument unless ``url`` is http(s) and, when ``allowed`` is non-empty, its host is listed.

    ``allowed`` entries are host names (``shop.example.com``), wildcards (``*.example.com``), or
    ``host:port`` to pin a port. An empty list allows any host; the scheme is checked either way, so
    ``file:``, ``javascript:``, ``data:`` and ``chrome:`` URLs are never opened.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InvalidArgument(f"URL {url!r} is not valid: {exc}") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InvalidArgument(f"URL {url!r} is refused: only http and https URLs may be opened")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidArgument(f"URL {url!r} is refused: it names no host")
    if not allowed:
        return
    for pattern in allowed:
        name, _, pinned = pattern.strip().lower().partition(":")
        if host_matches(host, name) and (not pinned or str(port or _default_port(parts.scheme)) == pinned):
            return
    raise InvalidArgument(
        f"URL {url!r} is refused: host {host!r} is not in ROTE_ALLOWED_HOSTS ({', '.join(allowed)})"
    )


def _default_port(scheme: str) -> int:
    return 443 if scheme.lower() == "https" else 80
