"""Turning a table's pages while reading it (the agent's extraction and replayed code alike): the control that
shows its next page, and the wait until the table or the page has changed."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.browser.snapshot import SnapshotElement

MAX_PAGES = 50  # pages one read turns at most
# The control that shows a table's next page: rel=next, or a button or link named "Next", "›", "»", "Older".
NEXT_JS = """
(table) => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const enabled = (el) => !el.disabled && el.getAttribute('aria-disabled') !== 'true' &&
    !/\\bdisabled\\b/.test(el.className || '');
  const name = (el) => (el.getAttribute('aria-label') || el.innerText || (el.tagName === 'INPUT' ? el.value : '') ||
    el.title || '').replace(/\\s+/g, ' ').trim();
  // "Next", "Next page ›", "Older entries", "» ": words once arrows and punctuation are set aside, or arrows alone.
  const words = /^(next|older|forward|more)( (page|entries|items|results|rows|posts))?$/i;
  const bare = (el) => name(el).replace(/[^\\p{L}\\p{N} ]+/gu, ' ').replace(/\\s+/g, ' ').trim();
  const arrows = /^[›»>→⟩❯]+$/;
  // Reading never posts: a button that submits a POST form ("Next" of a wizard's step) changes what the server
  // holds, whatever it is named (a pager sends GET requests or redraws on the page).
  const posts = (el) => !!el.form && (el.form.getAttribute('method') || '').toLowerCase() === 'post' &&
    ((el.tagName === 'BUTTON' && (el.getAttribute('type') || 'submit').toLowerCase() === 'submit') ||
     (el.tagName === 'INPUT' && ['submit', 'image'].includes((el.type || '').toLowerCase())));
  const all = Array.from(document.querySelectorAll('a[href], button, input[type=submit], [role=button], [role=link]'))
    .filter((el) => visible(el) && !posts(el) && (el.getAttribute('rel') === 'next' || words.test(bare(el)) ||
      arrows.test(name(el).replace(/\\s+/g, ''))));
  // The closest to the table: the one sharing the deepest ancestor with it.
  const depth = (el) => { let n = el, d = 0; while (n && !n.contains(table)) { n = n.parentElement; d++; } return d; };
  all.sort((a, b) => depth(a) - depth(b));
  const next = all.find(enabled);
  return next || null;
}
"""
_TABLE_TEXT_JS = "(t) => t.isConnected ? t.innerText : ''"


async def turn_page(page: Page, table: ElementHandle, settle_ms: float) -> bool:
    """Show the table's next page: click its next control, wait until the table (or the page) changes. Turning a
    page is reading, not acting: it is never recorded (replayed code turns the pages itself)."""
    try:
        control = (await table.evaluate_handle(NEXT_JS)).as_element()
        if control is None:
            return False
        before, url = await table.evaluate(_TABLE_TEXT_JS), page.url
        await control.click()
    except PlaywrightError:
        return False
    # Either the document is replaced (server-side pages) or the table redraws in place (client-side pages).
    deadline = asyncio.get_running_loop().time() + settle_ms / 1000
    while asyncio.get_running_loop().time() < deadline:
        try:
            if page.url != url:
                await page.wait_for_load_state("domcontentloaded", timeout=settle_ms)
                return True
            if await table.evaluate(_TABLE_TEXT_JS) != before:
                return True
        except (PlaywrightError, PlaywrightTimeoutError):
            pass  # the old document is going away: look again
        await asyncio.sleep(0.05)
    return False


def table_by_columns(
    tables: Sequence[SnapshotElement], columns: Mapping[str, str]
) -> tuple[SnapshotElement, dict[str, str]] | None:
    """The table of a later page: the first one showing every column the first page's was read by (a page's few
    rows may not show again what told its columns apart)."""
    wanted = {header.casefold() for header in columns.values()}
    for table in tables:
        if wanted <= {header.casefold() for header in table.headers}:
            return table, dict(columns)
    return None


def new_rows(seen: list[list[str]], before: list[list[str]], rows: list[list[str]]) -> list[list[str]] | None:
    """The rows of a page not read yet (None: the same rows again, the table did not turn); "Show more" keeps the
    rows shown and adds to them."""
    if rows and (seen[-len(rows):] == rows or rows == before):
        return None
    return rows[len(before):] if before and rows[: len(before)] == before else rows
