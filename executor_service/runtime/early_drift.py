"""Drift recognised as soon as the page has settled: a target that matches nothing on a quiet page, while the
agent finds the element its intent names, is healed now instead of after the whole settle time (issue 18)."""

from __future__ import annotations

import asyncio

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.browser.page_events import page_events
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.healing import Healer, healed_element
from executor_service.runtime.target import Target

# How long the document must go without a change (and without a request in flight) to count as settled.
QUIET_MS = 400
# Early looks per action: a model-backed agent pays per look, and a page whose content is only late needs none.
MAX_EARLY_LOOKS = 2
# Resolves once the document has gone ``quiet`` ms without a DOM change; with ``changed``, only after a first
# change (the page has already been looked at in its present state).
_QUIET_JS = """
([quiet, changed]) => new Promise((resolve) => {
  let timer = null;
  const done = () => { observer.disconnect(); resolve(document.readyState === 'complete'); };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  if (!changed) timer = setTimeout(done, quiet);
  // A page that never stops changing (a clock, a ticker) must not keep an observer alive after the look ends.
  setTimeout(() => { observer.disconnect(); resolve(false); }, 30000);
})
"""


async def settled(page: PlaywrightPage, *, after_change: bool) -> None:
    """Return once the main document is loaded, unchanged for QUIET_MS and has no content request in flight."""
    events = page_events(page)
    while True:
        try:
            loaded = await page.main_frame.evaluate(_QUIET_JS, [QUIET_MS, after_change])
        except PlaywrightError:
            loaded = False  # the document went away: look again at the next one
        if loaded and not events.in_flight:
            return
        after_change = False
        await asyncio.sleep(QUIET_MS / 1000)


async def _matches_anything(candidates: list[list[tuple[str, Locator]]]) -> bool:
    for group in candidates:
        for _, locator in group:
            if await locator.count():
                return True
    return False


async def healed_when_settled(
    page: PlaywrightPage, healer: Healer, target: Target, intent: str, candidates: list[list[tuple[str, Locator]]]
) -> ElementHandle:
    """The element the agent finds for ``intent`` once the page has settled with no strategy matching anything.

    Runs beside the ordinary wait for the target (``locate``'s ``while_waiting``), cancelled when that wait ends.
    Looks again after a later change of the page (MAX_EARLY_LOOKS in all); never returns without an element (a
    page whose content is only late keeps the ordinary wait; the agent's element must still sit in the target's
    row)."""
    after_change = False
    for _ in range(MAX_EARLY_LOOKS):
        await settled(page, after_change=after_change)
        after_change = True
        if await _matches_anything(candidates):
            continue  # present (maybe not yet visible, or not yet unique): the ordinary wait decides
        try:
            return await healed_element(page, healer, target, intent)
        except (ReplayFailed, PlaywrightError):
            continue
    await asyncio.Event().wait()  # no more early looks: the ordinary wait (and its heal) decides
    raise AssertionError("unreachable")

