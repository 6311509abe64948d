"""Which URLs the executor may open: an optional allowlist of hosts (ROTE_ALLOWED_HOSTS).

URLs are parsed by the WHATWG URL rules, as Chromium parses them (the ``ada-url`` library): Python's
``urlsplit`` reads ``http://a:1\\@b:2/`` as host ``b`` while the browser goes to ``a`` (issue 16).
"""

from __future__ import annotations

from collections.abc import Sequence

import ada_url

from services.errors import InvalidArgument

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


def host_matches(host: str, pattern: str) -> bool:
    """``example.com`` matches itself only; ``*.example.com`` matches its subdomains (not the apex)."""
    pattern = pattern.lower().rstrip(".")
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return host == pattern


def _canonical_host(name: str) -> str:
    """A host as the browser would name it (IDNA, IPv4 forms such as ``127.1``, lower case), or '' if invalid."""
    try:
        return ada_url.URL(f"http://{name}/").hostname.rstrip(".")
    except ValueError:
        return ""


def _pattern(entry: str) -> tuple[str, str]:
    """(host pattern, pinned port or '') of one allowlist entry: ``host``, ``*.host``, ``host:port``, ``[v6]:port``."""
    entry = entry.strip().lower()
    if entry.startswith("["):
        host, _, rest = entry.partition("]")
        return host + "]", rest.removeprefix(":")
    name, _, port = entry.partition(":")
    if name.startswith("*."):
        return "*." + (_canonical_host(name[2:]) or name[2:]), port
    return _canonical_host(name) or name, port


def parse_web_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL by the WHATWG rules; InvalidArgument for anything else."""
    try:
        parsed = ada_url.URL(url.strip())
    except ValueError:
        raise InvalidArgument(f"URL {url!r} is not valid") from None
    scheme = parsed.protocol.removesuffix(":").lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InvalidArgument(f"URL {url!r} is refused: only http and https URLs may be opened")
    host = parsed.hostname.lower().rstrip(".")
    if not host:
        raise InvalidArgument(f"URL {url!r} is refused: it names no host")
    return scheme, host, int(parsed.port or DEFAULT_PORTS[scheme])


def check_url_allowed(url: str, allowed: Sequence[str]) -> None:
    """Raise InvalidArgument unless ``url`` is http(s) and, when ``allowed`` is non-empty, its host is listed.

    ``allowed`` entries are host names (``shop.example.com``), wildcards (``*.example.com``), or
    ``host:port`` to pin a port. An empty list allows any host; the scheme is checked either way, so
    ``file:``, ``javascript:``, ``data:`` and ``chrome:`` URLs are never opened.
    """
    _, host, port = parse_web_url(url)
    if not allowed:
        return
    for entry in allowed:
        name, pinned = _pattern(entry)
        if host_matches(host, name) and (not pinned or str(port) == pinned):
            return
    raise InvalidArgument(
        f"URL {url!r} is refused: host {host!r} (port {port}) is not in ROTE_ALLOWED_HOSTS ({', '.join(allowed)})"
    )
