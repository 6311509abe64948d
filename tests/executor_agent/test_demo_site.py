"""The demo site itself: sign-in gate, quote submission counting and page variants (plain HTTP, no browser)."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request

import pytest

from examples.demo_site import PASSWORD, USERNAME, DemoSite
from examples.demo_site.quote_math import canonical_plan, expected_quote_rows, format_money, quote_rows


def _client() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _post(client: urllib.request.OpenerDirector, url: str, form: dict[str, str]) -> urllib.response.addinfourl:
    return client.open(url, data=urllib.parse.urlencode(form).encode())


def test_quote_page_requires_sign_in(demo_site: DemoSite) -> None:
    assert _client().open(f"{demo_site.url}/quote").url == f"{demo_site.url}/login"


def test_wrong_credentials_are_refused(demo_site: DemoSite) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(_client(), f"{demo_site.url}/login", {"username": USERNAME, "password": "nope"})
    assert refused.value.code == 401
    assert b"Invalid username or password" in refused.value.read()


def test_each_quote_post_is_counted_and_gets_a_reference(demo_site: DemoSite) -> None:
    client = _client()
    assert _post(client, f"{demo_site.url}/login", {"username": USERNAME, "password": PASSWORD}).url.endswith("/quote")
    before = demo_site.submissions
    form = {"full_name": "Alan Turing", "email": "a@t.uk", "plan": "basic", "start_date": "2025-01-02"}
    response = _post(client, f"{demo_site.url}/quote", form)
    assert demo_site.submissions == before + 1
    assert "/quote/result?ref=Q-" in response.url
    body = response.read().decode()
    for row in quote_rows(full_name="Alan Turing", plan="basic", roadside=False):
        assert format_money(row.monthly_cents) in body


def test_ids_changed_variant_keeps_labels_but_changes_ids(demo_site: DemoSite) -> None:
    client = _client()
    _post(client, f"{demo_site.url}/login", {"username": USERNAME, "password": PASSWORD})
    default = client.open(f"{demo_site.url}/quote").read().decode()
    changed = client.open(f"{demo_site.url}/quote?variant=ids_changed").read().decode()
    assert 'id="full_name"' in default and 'id="full_name"' not in changed
    for label in (">Full name<", ">Email<", ">Plan<", ">Start date<", "Add roadside assistance"):
        assert label in changed


def test_quote_math_depends_on_every_input() -> None:
    base = expected_quote_rows(full_name="Ada", plan="Standard", roadside=False)
    assert base != expected_quote_rows(full_name="Grace", plan="Standard", roadside=False)
    assert base != expected_quote_rows(full_name="Ada", plan="Premium", roadside=False)
    assert base != expected_quote_rows(full_name="Ada", plan="Standard", roadside=True)
    assert canonical_plan("premium") == "Premium"
