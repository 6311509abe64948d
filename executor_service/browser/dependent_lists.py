"""The option of a list under which another list offers a value (a team's department, a country's region, a car
model's make): each option is chosen in turn and the page's answer awaited (the list it fills in may be fetched),
until some list offers the value; a list that offers it under none of its options is put back as it was."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping, Sequence

from playwright.async_api import ElementHandle, Locator, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.named_options import offered
from executor_service.browser.page_events import page_events

# A list with more options than this is a list of its own (every country), not the first of a pair: trying each
# would cost seconds and choose things nobody asked for.
MAX_TRIED = 12
# How long the answer to one choice may take (a fetch, then its rendering); how long the lists must stay as they
# are, with no request in flight, to be taken as that answer; how often they are read meanwhile.
_ANSWER_MS = 4000
_STILL_S = 0.4
_POLL_S = 0.08
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


def changed(before: Lists, now: Lists) -> Lists:
    """The lists ``now`` shows that ``before`` did not show so (filled in, refilled, or new): only these can be
    what a choice made offer a value; a list offering it all along (every country, for a nationality) is not."""
    return [options for n, options in enumerate(now) if n >= len(before) or options != before[n]]


async def _choose(
    page: Page, select: Locator | ElementHandle, option: str, values: Mapping[str, str], before: Lists
) -> Lists:
    """Choose one option (nothing recorded) and return the lists once the page has answered: at once when a list
    it changed offers a value, else once no request is in flight and the lists stayed as they are for a moment
    (bounded)."""
    events = page_events(page)
    await select.select_option(value=option)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _ANSWER_MS / 1000
    last: Lists | None = None
    still_since = loop.time()
    while True:
        lists = await lists_on(page)
        now = loop.time()
        if offering(values, changed(before, lists)) is not None or now >= deadline:
            return lists
        if lists != last:
            last, still_since = lists, now  # "Loading…", then the options: each change restarts the wait
        elif not events.in_flight and now - still_since >= _STILL_S:
            return lists
        await asyncio.sleep(_POLL_S)


async def option_listing(
    page: Page, select: Locator | ElementHandle, values: Mapping[str, str]
) -> tuple[str, str] | None:
    """(key, option text) of the first option of ``select`` after which a list it changed offers one of ``values``
    (keyed by their keys), the list left showing it; None when none does, the list put back as it was. A list whose
    first option tried fills in no list of the values' kind is put back at once. An option chosen already (a page's
    default) stands when a list offers the value; else the others are tried."""
    current, options = await options_of(select)
    before = await lists_on(page)
    key = offering(values, before)
    if key is not None and current.strip():
        return key, next(text for code, text in options if code == current)  # its option lists the value already
    tried = [(code, text) for code, text in options if code.strip() and code != current][:MAX_TRIED]
    try:
        for n, (code, text) in enumerate(tried):
            now = await _choose(page, select, code, values, before)
            key = offering(values, changed(before, now))
            if key is not None:
                return key, text
            if n == 0 and not _lists_kind(values, before, now):
                break  # it fills in no list, or one of another kind (a month its days): not the value's list
    except PlaywrightError:
        pass
    with contextlib.suppress(PlaywrightError):
        await _choose(page, select, current, {}, before)
    return None


def _lists_kind(values: Mapping[str, str], before: Lists, now: Lists) -> bool:
    """Whether a list the choice changed (or showed) now lists things of a value's kind: words for a value with
    letters ("Payroll"), anything for one without."""
    worded = any(any(c.isalpha() for c in value) for value in values.values())
    return any(
        code.strip() and (not worded or any(c.isalpha() for c in text))
        for options in changed(before, now) for text, code in options
    )


def probed_values(values: Mapping[str, str], lists: Sequence[Sequence[tuple[str, str]]]) -> dict[str, str]:
    """The values no list offers yet."""
    return {key: value for key, value in values.items() if not any(offered(value, o) for o in lists)}
