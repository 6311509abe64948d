"""Healing a target that matched nothing: the agent's element, kept only when it sits in the target's row."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from playwright.async_api import ElementHandle
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.target import ROWS, Target
from services.gen.rote.v1 import trace_pb2

Healer = Callable[[PlaywrightPage, str, trace_pb2.ElementFingerprint], Awaitable[ElementHandle | None]]
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


async def healed_element(page: PlaywrightPage, healer: Healer, target: Target, intent: str) -> ElementHandle:
    """The element the agent finds for ``intent``; ReplayFailed when it finds none, or one outside the target's row."""
    handle = await healer(page, intent, target.fingerprint())
    if handle is not None and target.row and not await in_row(handle, target):
        # The row holds this run's inputs: an element found elsewhere is another row's (or the search box).
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
