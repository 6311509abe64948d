"""The hand-written floor: a task's own Playwright solution, timed from goto to its end on a ready context."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Browser

from examples.corpus.kit import Floor

FLOOR_TIMEOUT_MS = 15_000


@dataclass
class FloorRun:
    """One timed floor: its wall time, what it returned (extraction tasks) and the error if it raised."""

    wall_ms: float
    output: Any = None
    error: str = ""


async def time_floor(browser: Browser, floor: Floor, start_url: str, params: dict[str, str]) -> FloorRun:
    """Context and page are created before the clock starts (the services keep a spare context ready too)."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        page.set_default_timeout(FLOOR_TIMEOUT_MS)
        started = time.perf_counter()
        try:
            output = await floor(page, start_url, params)
        except Exception as exc:  # noqa: BLE001 - a floor that breaks is a figure, the harness goes on
            return FloorRun((time.perf_counter() - started) * 1000, error=f"{type(exc).__name__}: {exc}"[:500])
        return FloorRun((time.perf_counter() - started) * 1000, output=output)
    finally:
        await context.close()
