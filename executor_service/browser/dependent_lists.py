"""The option of a list under which another list offers a value (a team's department, a country's region, a car
model's make): each option is chosen in turn and the page's answer awaited (the list it fills in may be fetched),
until some list offers the value; a list that offers it under none of its options is put back as it was."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence

from playwright.async_api import ElementHandle, Locator, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.named_options import offered
from executor_service.browser.page_events import WAIT_FOR_CHANGE_JS, page_events

# A list with more options than this is a list of its own (every country), not the first of a pair: trying each
# would cost seconds and choose things nobody asked for.
MAX_TRIED = 12
# How long the answer to one choice may take to arrive (a fetch), and then to be shown.
_ANSWER_MS = 3000
_SHOWN_MS = 300
# Every list's options as (text, value) pairs, in document order: what changed, and what is offered now.
_LISTS_JS = """() => Array.from(document.querySelectorAll('select')).map((s) =>
  Array.from(s.options).map((o) => [o.text.trim(), o.value]))"""
_OPTIONS_JS = "(s) => [s.value, Array.from(s.options).map((o) => [o.value, o.text.trim()])]"

Lists = list[list[tuple[str, str]]]


async def lists_on(page: Page) -> Lists:
    """Every list's (text, value) options, in document order."""
    return [[(str(t), str(v)) for t, v in options] for options in await page.evaluate(_LISTS_JS)]


async def options_of(select: Locator | ElementHandle) -> tuple[str, list[tuple[str, str]]]:
    """(the value chosen now, every (value, text) option) of a list."""
    current, options = await select.evaluate(_OPTIONS_JS)
    return str(current), [(str(v), str(t)) for v, t in options]


def offering(values: Mapping[str, str], lists: Lists) -> str | None:
    """The key of the first value some list offers, None when none does."""
    return next((key for key, value in values.items() if any(offered(value, o) for o in lists)), None)


async def _choose(page: Page, select: Locator | ElementHandle, option: str, values: Mapping[str, str]) -> Lists:
    """Choose one option (nothing recorded) and return the lists once the page has answered: at once when a list
    offers a value, else after the page's requests end and it stops changing (bounded)."""
    events = page_events(page)
    mark = events.seq
    await select.select_option(value=option)
    if events.since(mark, "sent"):
        await events.in_flight_ended(_ANSWER_MS)
    lists = await lists_on(page)
    if offering(values, lists) is None and await page.evaluate(WAIT_FOR_CHANGE_JS, _SHOWN_MS):
        lists = await lists_on(page)  # filled in a moment after its answer (a timer, a framework's render)
    return lists


async def option_listing(
    page: Page, select: Locator | ElementHandle, values: Mapping[str, str]
) -> tuple[str, str] | None:
    """(key, option text) of the first option of ``select`` after which a list offers one of ``values`` (keyed
    by their keys), the list left showing it; None when none does, the list put back as it was. A list whose first
    option tried changes no list fills none in, and is put back at once."""
    current, options = await options_of(select)
    before = await lists_on(page)
    key = offering(values, before)
    if key is not None and current.strip():
        return key, next(text for code, text in options if code == current)  # the option chosen lists it already
    tried = [(code, text) for code, text in options if code.strip() and code != current][:MAX_TRIED]
    try:
        for n, (code, text) in enumerate(tried):
            now = await _choose(page, select, code, values)
            key = offering(values, now)
            if key is not None:
                return key, text
            if n == 0 and now == before:
                break  # choosing in it changed no list: it fills none in
    except PlaywrightError:
        pass
    with contextlib.suppress(PlaywrightError):
        await _choose(page, select, current, {})
    return None


def probed_values(values: Mapping[str, str], lists: Sequence[Sequence[tuple[str, str]]]) -> dict[str, str]:
    """The values no list offers yet."""
    return {key: value for key, value in values.items() if not any(offered(value, o) for o in lists)}
