"""Finding the one visible element a target names across the page and its frames, and whether it can be reached."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple, cast

from playwright.async_api import ElementHandle, Frame, Locator
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.browser.captions import field_by_caption, has_caption
from executor_service.browser.element_eval import evaluate_on
from executor_service.browser.own_label import LABEL_AWAY, OWN_LABEL
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.probes import COVER_JS, counting
from executor_service.runtime.target import Target

Element = Locator | ElementHandle
# Child frames a target is looked for in besides the page itself (an embedded form; ads beyond do not matter).
_MAX_FRAMES = 12
# How long a target may stay covered or moving before replay calls it drift (Playwright retries within it).
_REACH_MS = 400
# The strategy name of an element the agent found for a target that matched nothing once the page had settled.
HEALED_WHEN_SETTLED = "healed-when-settled"
# A look in the page's world that only counts (see _beside).
_COUNT_JS = "(els) => els.length"
# Strategies that find an element by where it is or by a name a page may reuse, not by its own words.
_POSITIONAL = frozenset({"id", "css", "xpath"})


class Sighting(NamedTuple):
    """The one visible element a target names, the strategy that named it, and what a probe run in the same look
    said of it (None when no probe ran there: the element was late, healed, or in a page with frames)."""

    strategy: str
    element: Element
    probed: Any = None


def scopes(page: PlaywrightPage) -> list[PlaywrightPage | Frame]:
    """The page, then its attached child frames (bounded): a recorded target may sit inside an iframe."""
    frames = [f for f in page.frames[1:] if not f.is_detached()][:_MAX_FRAMES]
    return [page, *frames]


def locators_by_strategy(page: PlaywrightPage, target: Target) -> list[list[tuple[str, Locator]]]:
    """Per strategy in rank order, its locator in every scope."""
    per_scope = [target.candidates(scope) for scope in scopes(page)]
    return [list(group) for group in zip(*per_scope, strict=True)]


async def unique_visible(candidates: list[list[tuple[str, Locator]]]) -> Locator | None:
    """The first strategy that names exactly one visible element across the page and its frames."""
    found = await unique_visible_by(candidates)
    return cast(Locator, found.element) if found is not None else None  # a look without waiting finds locators


async def unique_visible_by(
    candidates: list[list[tuple[str, Locator]]], probe: str = "", warm: bool = False
) -> Sighting | None:
    """The first strategy naming exactly one visible element in the page and frames. ``probe`` (a function of the
    element, see probes.py) runs in the same evaluation as the count when the page has no frames to look in.
    ``warm``: the first look at a new document, which also readies the selector world the look does not use."""
    for group in candidates:
        found: list[Locator] = []
        probed: Any = None
        for _, locator in group:
            visible = locator.filter(visible=True)
            if probe and len(group) == 1:
                look = visible.evaluate_all(counting(probe))
                count, probed = await (_beside(look, visible.count()) if warm else look)
            else:
                count = await (_beside(visible.count(), visible.evaluate_all(_COUNT_JS)) if warm else visible.count())
            warm = False
            if count:
                found.extend([visible] * count)
            if len(found) > 1:
                break
        if len(found) == 1:
            return Sighting(group[0][0], found[0], probed)
    return None


async def _beside(look: Awaitable[Any], other: Awaitable[Any]) -> Any:
    """``look``'s answer, with ``other`` sent beside it. Playwright readies its selector engine in a document's
    page world (our probes and read-backs) and in its own isolated world (its actions) on first use, each 10-30 ms;
    sent together the two overlap, where one after the other they add up (``python -m bench.first_look``).
    ``other`` may fail: whatever needs that world later asks again."""
    answers = await asyncio.gather(look, other, return_exceptions=True)
    if isinstance(answers[0], BaseException):
        raise answers[0]
    return answers[0]


async def captioned(frames: list[PlaywrightPage | Frame], target: Target, found: Sighting | None) -> Element | None:
    """For a field known by its caption: the match when it was found by its own words or still bears the
    caption, else the one field the caption names on this page (a reshuffled form), else None."""
    assert target.caption
    if found is not None and (found[0] not in _POSITIONAL or await has_caption(found[1], target.caption)):
        return found[1]
    return await field_by_caption(frames, target.caption)


async def locate(
    page: PlaywrightPage,
    target: Target,
    candidates: list[list[tuple[str, Locator]]],
    settle_ms: float,
    while_waiting: Callable[[], Awaitable[ElementHandle]] | None = None,
    probe: str = "",
    warm: bool = False,
) -> Sighting | None:
    """The one visible element the target names, waiting (bounded) for late elements; the strategy is "caption"
    for a field found by its caption. None when nothing fits: healing is the caller's. ``probe``, ``warm``: see
    unique_visible_by.

    ``while_waiting`` runs only once the target is not there at first look, beside the wait: when it returns an
    element first, the answer is (HEALED_WHEN_SETTLED, that element)."""
    found_by = await unique_visible_by(candidates, probe, warm)
    found = found_by[1] if found_by is not None else None
    if found is None:
        # Wait (event-driven, bounded) for any candidate to become visible in any frame: pages load late.
        waits: list[asyncio.Future[Any]] = []
        for column in zip(*candidates, strict=True):
            combined = column[0][1]
            for _, locator in column[1:]:
                combined = combined.or_(locator)
            waits.append(asyncio.ensure_future(combined.first.wait_for(state="visible", timeout=settle_ms)))
        early = asyncio.ensure_future(while_waiting()) if while_waiting is not None else None
        pending: set[asyncio.Future[Any]] = {*waits, *([early] if early is not None else [])}
        try:
            while pending:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                if early in done and early.exception() is None:
                    return Sighting(HEALED_WHEN_SETTLED, early.result())
                if any(wait in done and wait.exception() is None for wait in waits):
                    found_by = await unique_visible_by(candidates, probe)
                    found = found_by[1] if found_by is not None else None
                    break
                if not pending.difference({early}):
                    break  # every wait timed out: only the early look was left
        finally:
            for future in (*waits, *([early] if early is not None else [])):
                future.cancel()
            await asyncio.gather(*waits, *([early] if early is not None else []), return_exceptions=True)
    if target.caption:
        by_caption = await captioned(scopes(page), target, found_by)
        if by_caption is not None:
            # The probe spoke of the matched element only: another field found by its caption is asked afresh.
            same = found_by is not None and by_caption is found_by.element
            return Sighting("caption", by_caption, found_by.probed if same and found_by is not None else None)
        return None  # the position holds a field captioned otherwise: the agent looks for the right one
    return found_by


async def reachable(element: Element, target: Target, intent: str, settle_ms: float, cover: str | None = None) -> str:
    """A hit test at the target's centre (one evaluation; ``cover`` is its answer when a probe already ran it):
    when a dialog or banner covers it, Playwright's own actionability checks get a short while (a cover on its way
    out), then replay calls it drift at once rather than after the whole settle time, so healing or the agent's
    fallback starts now (issue 18). OWN_LABEL or LABEL_AWAY when the target is set through its own label (see
    own_label.set_box), else ''."""
    if cover is None:
        try:
            cover = str(await evaluate_on(element, COVER_JS) or "")
        except PlaywrightError:
            return ""  # the click itself will say what is wrong
    if cover in (OWN_LABEL, LABEL_AWAY):
        return cover
    if not cover:
        return ""
    try:
        await element.click(trial=True, timeout=min(settle_ms, _REACH_MS))
    except PlaywrightError:
        raise ReplayFailed(f"{intent or 'an action'!r}: {target.describe()} is covered by {cover}") from None
    return ""
