"""Saves what take_snapshot reads from each of our pages (tests/agents/snapshots/pages.py) as <pattern>__<case>.json."""

from __future__ import annotations

import asyncio
import json
import pathlib
import sys
from collections.abc import Iterable
from typing import Any

from playwright.async_api import Browser, async_playwright

from executor_service.browser.launch import launch_chromium
from executor_service.browser.snapshot import _SNAPSHOT_AS_JSON
from tests.agents.snapshots.pages import CASES, Case, serving

HERE = pathlib.Path(__file__).resolve().parent
# The server's port changes every run; the saved text names one fixed origin instead.
ORIGIN = "http://snapshots.test"
SETTLE_MS = 5000


def dumps(raw: dict[str, Any]) -> str:
    """The saved form: sorted keys and indented, so a changed snapshot shows as a small diff."""
    return json.dumps(raw, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


async def capture(browser: Browser, base: str, case: Case) -> dict[str, Any]:
    """The raw snapshot of one case, read exactly as take_snapshot reads it, after the case's steps."""
    context = await browser.new_context()
    context.set_default_timeout(SETTLE_MS)
    try:
        page = await context.new_page()
        await page.goto(base + case.path)
        for action, selector, text in case.steps:
            if action == "fill":
                await page.fill(selector, text)
            else:
                await page.click(selector)
        if case.ready:
            await page.wait_for_selector(case.ready, state="visible")
        text = await page.evaluate(_SNAPSHOT_AS_JSON)
    finally:
        await context.close()
    raw: dict[str, Any] = json.loads(text.replace(base, ORIGIN))
    raw.pop("look", None)  # a look's name is new every time: a saved page has no look of its own
    return raw


async def capture_cases(cases: Iterable[Case]) -> dict[str, dict[str, Any]]:
    """File name -> raw snapshot for each case, from one Chromium and one local server."""
    found: dict[str, dict[str, Any]] = {}
    with serving() as base:
        async with async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            try:
                for case in cases:
                    found[case.file] = await capture(browser, base, case)
            finally:
                await browser.close()
    return found


def main(names: list[str]) -> None:
    cases = [c for c in CASES if not names or c.file.removesuffix(".json") in names]
    for file, raw in asyncio.run(capture_cases(cases)).items():
        (HERE / file).write_text(dumps(raw))
        print(f"wrote {file}: {len(raw['elements'])} elements, {len(raw['tables'])} tables")


if __name__ == "__main__":
    main(sys.argv[1:])
