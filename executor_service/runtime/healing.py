"""Healing a target that matched nothing: the agent's element, kept only when it sits in the target's row and
shows the value that chose it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from playwright.async_api import ElementHandle
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.browser.whole_words import whole_words
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.target import ROWS, Target
from services.gen.rote.v1 import trace_pb2

Healer = Callable[[PlaywrightPage, str, trace_pb2.ElementFingerprint], Awaitable[ElementHandle | None]]
# The field the agent's reading of the page gives a parameter's value (by its key), none of those holding what
# the block typed before for other parameters (their texts by parameter), or None.
FieldFinder = Callable[[PlaywrightPage, str, Mapping[str, str]], Awaitable[ElementHandle | None]]
# Whether an element sits in a row or item holding each text (as one element's whole text when exact).
_IN_ROW_JS = """
(el, [rows, texts, exact]) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const row = el.closest(rows);
  if (!row) return false;
  const leaves = exact ? Array.from(row.querySelectorAll('*')).filter((n) => !n.children.length)
    .map((n) => norm(n.innerText || n.textContent)) : [];
  return texts.every((t) => exact ? leaves.includes(norm(t)) : norm(row.innerText).includes(norm(t)));
}
"""
# Every word an element shows for itself: its labels, aria-label, aria-labelledby text, own text, title, value.
_OWN_WORDS_JS = """
(el) => {
  const byIds = (attr) => (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean).map((n) => n.innerText);
  return [...(el.labels ? Array.from(el.labels).map((l) => l.innerText) : []), el.getAttribute('aria-label') || '',
          ...byIds('aria-labelledby'), el.innerText || el.textContent || '', el.getAttribute('title') || '',
          el.tagName === 'INPUT' && /^(button|submit)$/i.test(el.type) ? el.value : ''];
}
"""


async def healed_element(page: PlaywrightPage, healer: Healer, target: Target, intent: str) -> ElementHandle:
    """The element the agent finds for ``intent``; ReplayFailed when it finds none, one outside the target's row, or
    one that does not show the value that chose it."""
    handle = await healer(page, intent, target.fingerprint())
    if handle is not None and target.row and not await in_row(handle, target):
        # The row holds this run's inputs: an element found elsewhere is another row's (or the search box).
        handle = None
    if handle is not None and target.choice_texts() and not await bears_choice(handle, target):
        # The element an input chose: one that does not show this run's value is another choice (the recorded one).
        handle = None
    if handle is None:
        raise ReplayFailed(
            f"no unique visible element for {target.describe()} and healing by intent {intent!r} found none"
        )
    return handle


async def in_row(element: ElementHandle, target: Target) -> bool:
    try:
        return bool(await element.evaluate(_IN_ROW_JS, [ROWS, target.row_texts(), target.row_exact]))
    except PlaywrightError:
        return False


async def bears_choice(element: ElementHandle, target: Target) -> bool:
    """Whether the element's own words hold every value that chose it, as whole words."""
    try:
        words = [str(w) for w in await element.evaluate(_OWN_WORDS_JS) if w]
    except PlaywrightError:
        return False
    return all(any(whole_words(value).search(w) for w in words) for value in target.choice_texts())
