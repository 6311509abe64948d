"""Patterns 14-18 and the lying pages say no for the right reason: masks change what is typed, tables compare fairly."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from playwright.async_api import Browser

from examples.corpus.server import CorpusSite
from examples.corpus.tasks._data_advanced import mark
from examples.corpus.tasks.paginated_table import compare_rows

KINDS = {"id": "text", "status": "casefold", "total": "number", "day": "date"}
WANT = [
    {"id": "A-1", "status": "Paid", "total": 1234.5, "day": "2026-03-01"},
    {"id": "A-2", "status": "Overdue", "total": 7, "day": "2026-02-27"},
]


def test_a_fair_table_comparison_accepts_the_same_data_in_other_spellings() -> None:
    got = [
        {"id": " A-1 ", "status": "paid", "total": "$1,234.50", "day": "Mar 01, 2026", "extra": "ignored"},
        {"id": "A-2", "status": "OVERDUE", "total": 7.0, "day": "27 Feb 2026"},
    ]
    assert compare_rows(got, WANT, KINDS, ordered=True, key="id").ok
    assert compare_rows(list(reversed(got)), WANT, KINDS, ordered=False, key="id").ok


@pytest.mark.parametrize(
    ("got", "ordered", "why"),
    [
        ([WANT[1], WANT[0]], True, "row 1"),
        ([WANT[0]], False, "expected 2 rows, got 1"),
        ([WANT[0], WANT[1], WANT[1]], False, "expected 2 rows, got 3"),
        ([WANT[0], {**WANT[1], "total": 7.01}], False, "rows differ"),
        ([WANT[0], {**WANT[1], "day": "2026-02-28"}], True, "row 2"),
        ([WANT[0], WANT[0]], False, "rows differ"),
        (["A-1", "A-2"], False, "rows differ"),
    ],
)
def test_the_table_comparison_refuses_wrong_order_missing_extra_and_wrong_values(
    got: list[Any], ordered: bool, why: str
) -> None:
    verdict = compare_rows(got, WANT, KINDS, ordered=ordered, key="id")
    assert not verdict.ok
    assert why in verdict.reason


def _instance(site: CorpusSite, task: str, seed: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"{site.url}/api/tasks/{task}/instance?seed={seed}", timeout=10) as answer:
        return json.load(answer)


def _verdict(site: CorpusSite, token: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{site.url}/api/verdict/{token}", timeout=10) as answer:
        return json.load(answer)


@pytest.mark.browser
async def test_a_phone_typed_with_its_country_code_is_not_what_the_masked_field_sends(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    # Typing the parameter verbatim: the mask keeps the first ten digits, "1" included, so the number is wrong.
    for seed in range(40):
        run = _instance(corpus_site, "callback-phone-mask", seed)
        if run["params"]["phone"].startswith(("+1", "1-")):
            break
    else:
        pytest.fail("no seed gave a phone number written with its country code")
    context = await corpus_browser.new_context()
    try:
        pw = await context.new_page()
        await pw.goto(run["start_url"])
        await pw.fill(f'[data-q="{mark("name")}"]', run["params"]["name"])
        await pw.fill(f'[data-q="{mark("phone")}"]', run["params"]["phone"])
        await pw.fill(f'[data-q="{mark("zip")}"]', run["params"]["zip_code"])
        async with pw.expect_navigation():
            await pw.click(f'[data-q="{mark("call")}"]')
    finally:
        await context.close()
    seen = _verdict(corpus_site, run["token"])
    assert seen["ok"] is False
    assert seen["reason"].startswith("phone:"), seen


@pytest.mark.browser
async def test_the_late_profile_must_keep_the_saved_values(corpus_site: CorpusSite, corpus_browser: Browser) -> None:
    # Clearing a pre-filled field the user did not ask to change is a failure, not a harmless extra.
    run = _instance(corpus_site, "late-profile-prefill", 3)
    context = await corpus_browser.new_context()
    try:
        pw = await context.new_page()
        await pw.goto(run["start_url"])
        await pw.fill(f'[data-q="{mark("email")}"]', run["params"]["new_email"])
        await pw.fill(f'[data-q="{mark("city")}"]', run["params"]["new_city"])
        await pw.fill(f'[data-q="{mark("phone")}"]', "")
        async with pw.expect_navigation():
            await pw.click(f'[data-q="{mark("save")}"]')
    finally:
        await context.close()
    seen = _verdict(corpus_site, run["token"])
    assert seen["ok"] is False
    assert "phone" in seen["reason"] and "stayed as saved" in seen["reason"], seen


@pytest.mark.browser
async def test_a_lying_page_looks_done_but_its_verdict_says_why_not(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    run = _instance(corpus_site, "lying-saved-toast", 2)
    context = await corpus_browser.new_context()
    try:
        pw = await context.new_page()
        await pw.goto(run["start_url"])
        await pw.fill(f'[data-q="{mark("display_name")}"]', run["params"]["display_name"])
        await pw.fill(f'[data-q="{mark("timezone")}"]', run["params"]["timezone"])
        await pw.click(f'[data-q="{mark("save")}"]')
        await pw.get_by_text("Saved!").wait_for()  # the surface says success
    finally:
        await context.close()
    seen = _verdict(corpus_site, run["token"])
    assert seen["ok"] is False
    assert "nothing reached the server" in seen["reason"], seen
