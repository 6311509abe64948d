"""Which URLs this executor may open: http(s) only, and only allowlisted hosts when ROTE_ALLOWED_HOSTS is set."""

from __future__ import annotations

import functools

from playwright.async_api import Response

from executor_service.browser.policy_proxy import REFUSED_HEADER
from services.errors import InvalidArgument
from services.security.urls import check_url_allowed
from services.settings import SecuritySettings


@functools.cache
def _allowed_hosts() -> tuple[str, ...]:
    return SecuritySettings.from_env().allowed_hosts


def allowed_hosts() -> tuple[str, ...]:
    """ROTE_ALLOWED_HOSTS as read once by this process (empty: any http(s) host)."""
    return _allowed_hosts()


def check_navigation(url: str) -> None:
    """Raise InvalidArgument (the block fails with this reason) for a URL the executor must not open."""
    check_url_allowed(url, _allowed_hosts())


def check_response(response: Response | None) -> None:
    """Raise InvalidArgument when a navigation ended on the policy proxy's refusal (a redirect to a host that
    is not allowed, say): the block fails with the reason instead of carrying on on a 403 page."""
    reason = response.headers.get(REFUSED_HEADER, "") if response is not None else ""
    if reason:
        raise InvalidArgument(reason)
