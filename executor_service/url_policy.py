"""Which URLs this executor may open: http(s) only, and only allowlisted hosts when ROTE_ALLOWED_HOSTS is set."""

from __future__ import annotations

import functools

from services.security.urls import check_url_allowed
from services.settings import SecuritySettings


@functools.cache
def _allowed_hosts() -> tuple[str, ...]:
    return SecuritySettings.from_env().allowed_hosts


def check_navigation(url: str) -> None:
    """Raise InvalidArgument (the block fails with this reason) for a URL the executor must not open."""
    check_url_allowed(url, _allowed_hosts())
