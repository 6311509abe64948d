"""The reading half of the replay API: an element's text, a table's rows by recorded header, the expected end state."""

from __future__ import annotations

import re

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Page as PlaywrightPage
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.browser.snapshot import TableTooLarge, read_table_rows
from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.target import Target

Element = Locator | ElementHandle


class PageReading:
    """What generated code reads from the page (nothing is acted on or recorded); Page resolves the targets."""

    _page: PlaywrightPage
    _settle_ms: float
    tables_read: int

    async def _resolve(self, target: Target, intent: str) -> tuple[Element, bool]:
        raise NotImplementedError  # Page's: the one visible element the target names

    async def text(self, target: Target, *, intent: str = "") -> str:
        element, _ = await self._resolve(target, intent)
        return str(await element.inner_text()).strip()

    async def table(self, target: Target, *, columns: dict[str, str], intent: str = "") -> list[dict[str, str]]:
        """Rows of a table as dicts, each output property read from the column with the recorded header."""
        element, _ = await self._resolve(target, intent)
        self.tables_read += 1  # block completion asks whether a table read may have had more pages
        try:
            # In chunks, parsed off the loop for big tables, at most MAX_TABLE_ROWS rows.
            raw_headers, raw_rows = await read_table_rows(element)
        except TableTooLarge as exc:
            raise ReplayFailed(f"table {target.describe()}: {exc}") from None
        headers = [h.casefold() for h in raw_headers]
        indexes: dict[str, int] = {}
        for prop, header in columns.items():
            if header.casefold() not in headers:
                raise ReplayFailed(f"table {target.describe()} has no column {header!r} (has {raw_headers})")
            indexes[prop] = headers.index(header.casefold())
        return [{prop: row[i] if i < len(row) else "" for prop, i in indexes.items()} for row in raw_rows]

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
