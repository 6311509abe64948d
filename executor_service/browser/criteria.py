"""Declared success and termination criteria (issue 13): whether one holds on the page or its first frames."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping
from typing import Literal

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.browser.page_events import page_events
from executor_service.browser.statements import answer_says, answer_sentences, contradicts, statement_checkable
from executor_service.browser.value_checks import value_matches
from services.workflows.criteria import Criterion, parse_criterion

# Frames a criterion is looked for in: the page and its first iframes (ads and trackers beyond do not matter).
_MAX_FRAMES = 12
# How often a plain statement is looked for while waiting: its sentences are read in one page evaluation.
_STATEMENT_POLL_S = 0.1
_VALUE_OF_JS = """
(sel) => { const el = document.querySelector(sel); if (!el) return null;
  return el.isContentEditable ? el.innerText : (el.value ?? el.innerText ?? ''); }
"""
_TEXT_OF_JS = """
(el) => { let n = el; for (let i = 0; i < 3 && n.parentElement && (n.innerText || '').length < 20; i++)
  n = n.parentElement; return (n.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 300); }
"""



async def criterion_holds(
    page: Page, criterion: Criterion | str, *, wait_ms: float = 0, acted: bool = False,
    named: Mapping[str, str] | None = None,
) -> bool:
    """Whether the criterion holds now (or within ``wait_ms``, waiting on the page's own events). ``acted`` when
    the block has clicked: a plain statement may then also be said in the page's words (``statements``), whose
    general nouns may stand for the run's parameters ``named`` (key -> value, secrets left out)."""
    parsed = parse_criterion(criterion) if isinstance(criterion, str) else criterion
    if parsed is None:
        return True
    if acted and parsed.plain and statement_checkable(parsed.target):
        return bool(await statement_evidence(page, parsed, wait_ms=wait_ms, named=named))
    timeout = max(1.0, wait_ms)
    try:
        if parsed.kind == "url":
            pattern = re.compile(parsed.target)
            if pattern.search(page.url) or not wait_ms:
                return bool(pattern.search(page.url))
            await page.wait_for_url(pattern, timeout=timeout)
            return True
        if parsed.kind in ("text", "selector", "absent"):
            return await _shown_in_frames(page, parsed, wait_ms, timeout)
        if parsed.kind == "value":
            if not wait_ms:
                held = await page.evaluate(_VALUE_OF_JS, parsed.target)
                return held is not None and value_matches(parsed.expected, str(held))
            await page.wait_for_function(
                "([sel, want]) => { const el = document.querySelector(sel); if (!el) return false;"
                " const v = el.isContentEditable ? el.innerText : (el.value ?? el.innerText ?? '');"
                " return String(v).trim() === want.trim(); }",
                arg=[parsed.target, parsed.expected],
                timeout=timeout,
            )
            return True
    except PlaywrightTimeoutError:
        # A value:: criterion may hold up to normalisation (a mask, a date input's ISO value).
        if parsed.kind == "value":
            return await criterion_holds(page, parsed, wait_ms=0)
        return False
    except (PlaywrightError, re.error):
        return False
    return False


async def criterion_evidence(
    page: Page, parsed: Criterion, *, wait_ms: float, acted: bool, named: Mapping[str, str] | None = None
) -> str:
    """How the criterion holds, for a verdict's evidence ('' when it does not): a plain statement after a click
    that sent something (``acted``) by ``statement_evidence``, any other criterion by its own grammar."""
    if acted and parsed.plain and statement_checkable(parsed.target):
        return await statement_evidence(page, parsed, wait_ms=wait_ms, named=named)
    return parsed.describe() if await criterion_holds(page, parsed, wait_ms=wait_ms) else ""


async def statement_evidence(
    page: Page, parsed: Criterion, *, wait_ms: float, named: Mapping[str, str] | None = None
) -> str:
    """For a plain statement after the block clicked: how it holds ('' when it does not) — its text shown, or a
    sentence that appeared since the last click saying it, and in either case nothing in the page's answer
    contradicting it (``statements``). Looked for until ``wait_ms`` has passed: a page's answer to a send comes
    once the server has answered. A match in other words counts only once the click's requests have their
    answers, none refused, and the answer read again still says it (an optimistic "Saved" before the error).
    The criterion's words may be said by the control the answer is to (``PageEvents.watch_name``) or stand for
    the parameters ``named``."""
    events = page_events(page)
    deadline = time.monotonic() + wait_ms / 1000
    settled = False
    while True:
        sentences, complete = await answer_sentences(page)
        if not any(contradicts(parsed.target, sentence) for sentence in sentences):
            if await _shown_in_frames(page, parsed, 0, 0):
                return parsed.describe()
            sentence = (
                answer_says(parsed.target, sentences, clicked=events.watch_name, about=events.watch_about,
                            named=named) if complete else ""
            )
            if sentence and settled:
                return f"the page says {sentence[:120]!r}"
            if sentence:
                await events.settle_sends(events.watch_mark, max(0.0, deadline - time.monotonic()) * 1000)
                if events.since(events.watch_mark, "refused"):
                    return ""
                settled = True
                continue  # read the answer again, now that the server has answered
        left = deadline - time.monotonic()
        if left <= 0:
            return ""
        await asyncio.sleep(min(_STATEMENT_POLL_S, left))


def _css_or_text(page: Page | Frame, target: str):  # type: ignore[no-untyped-def]
    """A selector: CSS when it parses as one the page accepts, else visible text (``absent:Loading...``)."""
    if re.search(r"[#.\[\]>:=]|^[a-z][a-z0-9-]*$", target):
        return page.locator(target)
    return page.get_by_text(target)


def _criterion_locator(where: Page | Frame, parsed: Criterion):  # type: ignore[no-untyped-def]
    return where.get_by_text(parsed.target) if parsed.kind == "text" else _css_or_text(where, parsed.target)


async def _shown_in_frames(page: Page, parsed: Criterion, wait_ms: float, limit_ms: float) -> bool:
    """text:/selector: hold when shown in any frame (a form inside an iframe says its thanks there); absent:
    holds when shown in none. With ``wait_ms``, the frames' own waits race each other."""
    frames = [f for f in page.frames if not f.is_detached()][:_MAX_FRAMES]
    locators = [_criterion_locator(frame, parsed).first for frame in frames]
    if not wait_ms:
        visible = False
        for locator in locators:
            try:
                visible = await locator.is_visible()
            except PlaywrightError:
                continue
            if visible:
                break
        return not visible if parsed.kind == "absent" else visible
    state: Literal["hidden", "visible"] = "hidden" if parsed.kind == "absent" else "visible"
    if parsed.kind == "absent":  # gone from every frame
        for locator in locators:
            await locator.wait_for(state=state, timeout=limit_ms)
        return True
    waits = [asyncio.ensure_future(locator.wait_for(state=state, timeout=limit_ms)) for locator in locators]
    try:
        for finished in asyncio.as_completed(waits):
            try:
                await finished
                return True
            except PlaywrightError:
                continue
        return False
    finally:
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)


async def termination_message(page: Page, criterion: str) -> str:
    """When the termination criterion holds: the page's own message (the matched text in its context)."""
    parsed = parse_criterion(criterion)
    if parsed is None or not await criterion_holds(page, parsed):
        return ""
    if parsed.kind in ("text", "selector"):
        text = ""
        for frame in [f for f in page.frames if not f.is_detached()][:_MAX_FRAMES]:
            locator = _criterion_locator(frame, parsed).first
            try:
                if await locator.is_visible():
                    text = str(await locator.evaluate(_TEXT_OF_JS))
                    break
            except PlaywrightError:
                continue
        return text or parsed.target
    if parsed.kind == "url":
        return f"the page went to {page.url}"
    return parsed.describe()
