"""The reading half of the replay API: an element's text, a table's rows by recorded header, the expected end state."""

from __future__ import annotations

import re

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Page as PlaywrightPage
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.browser.row_filters import filter_rows
from executor_service.browser.snapshot import TableTooLarge, read_table_rows
from executor_service.browser.table_pages import MAX_PAGES, new_rows, turn_page
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.target import Target

Element = Locator | ElementHandle


class PageReading:
    """What generated code reads from the page (nothing is acted on or recorded); Page resolves the targets."""

    _page: PlaywrightPage
    _settle_ms: float
    tables_read: int
    # The block's goal with this run's values: which rows of a table it asks for (set by the engine per block).
    goal: str

    async def _resolve(self, target: Target, intent: str) -> tuple[Element, bool]:
        raise NotImplementedError  # Page's: the one visible element the target names

    async def text(self, target: Target, *, intent: str = "") -> str:
        element, _ = await self._resolve(target, intent)
        return str(await element.inner_text()).strip()

    async def table(self, target: Target, *, columns: dict[str, str], intent: str = "") -> list[dict[str, str]]:
        """Rows of a table as dicts, each output property read from the column with the recorded header: every
        page of it (its next-page control turned as the agent turns it, never recorded), only the rows the block's
        goal asks for (a category it names, dates within its bounds), as the agent reads them."""
        element, _ = await self._resolve(target, intent)
        self.tables_read += 1  # block completion asks whether a table read may have had more pages
        raw_headers, raw_rows, shown = await self._rows(target, element)
        # The columns are checked on the first page, before any page is turned: a fallback starts where this began.
        headers = [h.casefold() for h in raw_headers]
        indexes: dict[str, int] = {}
        for prop, header in columns.items():
            if header.casefold() not in headers:
                raise ReplayFailed(f"table {target.describe()} has no column {header!r} (has {raw_headers})")
            indexes[prop] = headers.index(header.casefold())
        for _ in range(MAX_PAGES - 1):
            handle = element if isinstance(element, ElementHandle) else await element.element_handle()
            if not await turn_page(self._page, handle, self._settle_ms):
                break
            try:
                element, _ = await self._resolve(target, intent)
            except ReplayFailed:
                break  # the next page shows no such table: the rows read are all there is
            _, rows, now = await self._rows(target, element)
            fresh = new_rows(raw_rows, shown, rows)
            if fresh is None:
                break  # the same rows again: the table did not turn
            raw_rows.extend(fresh)
            shown = now
        raw_rows = filter_rows(self.goal, raw_headers, raw_rows)
        return [{prop: row[i] if i < len(row) else "" for prop, i in indexes.items()} for row in raw_rows]

    async def _rows(self, target: Target, element: Element) -> tuple[list[str], list[list[str]], list[list[str]]]:
        """(headers, rows, rows again: what the page shows now) of one page of a table."""
        try:
            # In chunks, parsed off the loop for big tables, at most MAX_TABLE_ROWS rows.
            headers, rows = await read_table_rows(element)
        except TableTooLarge as exc:
            raise ReplayFailed(f"table {target.describe()}: {exc}") from None
        return headers, rows, list(rows)

    async def expect(self, *, url_matches: str = "", landmark: str = "") -> None:
        """Check the block's recorded end state; a mismatch means the replay went somewhere else."""
        try:
            if url_matches:
                await self._page.wait_for_url(re.compile(url_matches), timeout=self._settle_ms)
            if landmark:
                await self._page.get_by_text(landmark).first.wait_for(state="visible", timeout=self._settle_ms)
        except PlaywrightTimeoutError as exc:
            raise ReplayFailed(
                f"end state not reached: expected url ~ {url_matches!r} and text {landmark!r}, "
                f"page is {self._page.url}"
            ) from exc
