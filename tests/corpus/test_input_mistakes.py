"""The input-pattern judges (patterns 2–7) refuse the mistakes a naive run makes, in real Chromium on the real pages."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from playwright.async_api import Browser, Page

from examples.corpus.server import CorpusSite
from examples.corpus.tasks._data_inputs import code

pytestmark = pytest.mark.browser

Act = Callable[[Page, dict[str, str]], Awaitable[bool]]  # a naive attempt; False when the seed cannot show it


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


async def _attempt(site: CorpusSite, browser: Browser, task: str, seed: int, act: Act) -> dict[str, Any] | None:
    """Run one naive attempt; None when ``act`` says this seed does not exhibit the mistake."""
    fresh = _get(f"{site.url}/api/tasks/{task}/instance?seed={seed}")
    context = await browser.new_context()
    try:
        pw = await context.new_page()
        pw.set_default_timeout(10_000)
        await pw.goto(fresh["start_url"])
        if not await act(pw, fresh["params"]):
            return None
    finally:
        await context.close()
    return _get(f"{site.url}/api/verdict/{fresh['token']}")


async def _refused(site: CorpusSite, browser: Browser, task: str, act: Act, reason_has: str) -> None:
    for seed in range(1, 30):
        seen = await _attempt(site, browser, task, seed, act)
        if seen is None:
            continue
        assert seen["ok"] is False, f"{task} seed {seed}: the mistake was judged correct"
        assert reason_has in seen["reason"], seen["reason"]
        return
    pytest.fail(f"{task}: no seed in 1..29 exhibits the mistake")


async def _submit(pw: Page) -> None:
    async with pw.expect_navigation():
        await pw.click(f'[data-f="{code("go")}"]')


async def test_choosing_an_option_by_its_value_instead_of_its_text_is_refused(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    async def by_value(pw: Page, params: dict[str, str]) -> bool:
        # The guests select is valued by zero-based index: value "3" shows "4". (Playwright's select_option
        # also matches labels, so the mistake is made the way a script setting .value makes it.)
        await pw.eval_on_selector(f'[data-f="{code("guests")}"]', "(s, v) => { s.value = v; }", params["guests"])
        await pw.select_option(f'[data-f="{code("room_type")}"]', label=params["room_type"])
        await pw.select_option(f'[data-f="{code("board")}"]', label=params["board"])
        await _submit(pw)
        return True

    await _refused(corpus_site, corpus_browser, "hotel-guests-room", by_value, "guests: expected")


async def test_typing_into_an_autocomplete_without_picking_a_suggestion_is_refused(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    async def typed_only(pw: Page, params: dict[str, str]) -> bool:
        for key in ("origin", "destination"):
            await pw.fill(f'[data-f="{code(key)}"]', params[key])
        # The page blocks its own submit; a run that forces the form out anyway is still refused.
        # Wait for the post itself: a load-state wait can return before the navigation starts (a race).
        async with pw.expect_navigation():
            await pw.evaluate("document.getElementById('search').submit()")
        return True

    await _refused(corpus_site, corpus_browser, "flight-combobox", typed_only, "no airport picked from the list")


async def test_a_date_typed_in_iso_where_the_page_asks_for_its_own_format_is_refused(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    async def iso(pw: Page, params: dict[str, str]) -> bool:
        await pw.fill(f'[data-f="{code("check_in")}"]', params["check_in"])
        await pw.fill(f'[data-f="{code("check_out")}"]', params["check_out"])
        async with pw.expect_navigation():  # bypasses the browser's pattern check, as a script would
            await pw.evaluate("document.forms[0].submit()")
        return True

    await _refused(corpus_site, corpus_browser, "stay-dates", iso, "check-out: expected")


async def test_leaving_boxes_that_were_already_ticked_is_refused(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    async def tick_only(pw: Page, params: dict[str, str]) -> bool:
        wanted = {c.strip() for c in params["channels"].split(",")}
        ticked = await pw.eval_on_selector_all(
            "input[type=checkbox]:checked", "boxes => boxes.map(b => b.closest('div').textContent.trim())"
        )
        if set(ticked) <= wanted:
            return False  # nothing extra was ticked on this seed
        for channel in wanted:
            await pw.get_by_label(channel, exact=True).check()
        await pw.get_by_label(params["frequency"], exact=True).check()
        await _submit(pw)
        return True

    await _refused(corpus_site, corpus_browser, "notification-channels", tick_only, "channels: expected exactly")


async def test_typing_after_an_old_value_instead_of_replacing_it_is_refused(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    async def appended(pw: Page, params: dict[str, str]) -> bool:
        for key in ("job_title", "department", "work_phone"):
            field = pw.locator(f'[data-f="{code(key)}"]')
            await field.click()
            await field.press("End")
            await field.type(params[key])
        await _submit(pw)
        return True

    await _refused(corpus_site, corpus_browser, "employee-row-headers", appended, "job_title: expected")


async def test_a_day_and_month_swapped_in_three_selects_is_refused(
    corpus_site: CorpusSite, corpus_browser: Browser
) -> None:
    async def swapped(pw: Page, params: dict[str, str]) -> bool:
        born = dt.date.fromisoformat(params["date_of_birth"])
        if born.day > 12 or born.day == born.month:
            return False  # a swap would be impossible or invisible on this seed
        month = pw.locator(f'[data-f="{code("month")}"]')
        padded = await month.locator("option").nth(1).get_attribute("value") == "01"
        await pw.fill(f'[data-f="{code("full_name")}"]', params["full_name"])
        await pw.select_option(f'[data-f="{code("day")}"]', str(born.month))
        await month.select_option(f"{born.day:02d}" if padded else str(born.day))
        await pw.select_option(f'[data-f="{code("year")}"]', str(born.year))
        await _submit(pw)
        return True

    await _refused(corpus_site, corpus_browser, "birth-date-selects", swapped, "date of birth: expected")
