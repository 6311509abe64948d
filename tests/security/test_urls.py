"""ROTE_ALLOWED_HOSTS: the executor opens only http(s) URLs, and only listed hosts when a list is set."""

from __future__ import annotations

import pytest

from services.errors import InvalidArgument
from services.security.urls import check_url_allowed
from services.settings import SecuritySettings
from tests.security.conftest import environment

ALLOWED = ("shop.example.com", "*.corp.example", "127.0.0.1:8765")


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example.com/login",
        "http://shop.example.com:8080/",
        "https://a.corp.example/x",
        "https://deep.a.corp.example/",
        "http://127.0.0.1:8765/quote",
    ],
)
def test_listed_hosts_are_allowed(url: str) -> None:
    check_url_allowed(url, ALLOWED)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.com/",
        "https://shop.example.com.evil.net/",
        "https://corp.example/",  # a wildcard covers subdomains, not the apex
        "https://xcorp.example/",
        "http://127.0.0.1:9999/",
        "http://169.254.169.254/latest/meta-data/",
        "https://shop.example.com@evil.net/",
    ],
)
def test_other_hosts_are_refused_naming_the_setting(url: str) -> None:
    with pytest.raises(InvalidArgument, match="ROTE_ALLOWED_HOSTS"):
        check_url_allowed(url, ALLOWED)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "chrome://settings", "ftp://x/", "", "http://"],
)
def test_non_web_urls_are_refused_even_without_a_list(url: str) -> None:
    with pytest.raises(InvalidArgument):
        check_url_allowed(url, ())


def test_without_a_list_any_web_host_is_allowed() -> None:
    check_url_allowed("https://anything.example/", ())


def test_the_setting_is_a_comma_separated_list() -> None:
    with environment(ROTE_ALLOWED_HOSTS=" Shop.Example.com, *.corp.example ,"):
        assert SecuritySettings.from_env().allowed_hosts == ("shop.example.com", "*.corp.example")
