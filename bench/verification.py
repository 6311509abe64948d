"""Verification cost (issue 13): what checking each action's postcondition adds, per action, in Chromium.

Each action kind runs twice on the same local page: bare (the Playwright call alone) and verified (the shared
postcondition code the recorder and the runtime use). The figure is the median of (verified - bare) over every
action and repetition: `verification_ms_per_action`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from playwright.async_api import Locator, Page, async_playwright

from bench.stats import median
from executor_service.browser.click_watch import ClickWatch
from executor_service.browser.launch import launch_chromium
from executor_service.browser.value_checks import choice_verified, fill_verified, state_verified

# A form like the ones Rote replays: text, date, masked phone, select, checkbox, and a button with an in-page effect.
FORM = """<!doctype html><main><form onsubmit="event.preventDefault()">
<label>Name <input id="name"></label><label>Start <input id="start" type="date"></label>
<label>Phone <input id="phone"></label>
<label>Plan <select id="plan"><option>Basic</option><option>Pro</option></select></label>
<label><input id="news" type="checkbox"> News</label>
<button id="save" type="button"
  onclick="document.getElementById('out').textContent = 'Saved ' + Date.now()">Save</button>
</form><p id="out"></p></main>
<script>const p = document.getElementById('phone'); p.addEventListener('input', () => {
  const d = p.value.replace(/\\D/g, '');
  p.value = d.length > 6 ? `(${d.slice(0,3)}) ${d.slice(3,6)}-${d.slice(6)}` : d; });
</script>"""
SETTLE_MS = 5000

Step = Callable[[], Awaitable[Any]]


async def _timed(step: Step) -> float:
    started = time.perf_counter()
    await step()
    return (time.perf_counter() - started) * 1000


def _pairs(page: Page) -> dict[str, tuple[Step, Step]]:
    """(bare, verified) per action kind."""

    def at(css: str) -> Locator:
        return page.locator(css)

    async def click_verified() -> None:
        watch = await ClickWatch.arm(page, at("#save"))
        await at("#save").click()
        await watch.effect(SETTLE_MS)

    async def check_verified() -> None:
        await at("#news").set_checked(True)
        await state_verified(at("#news"), True)

    async def select_verified() -> None:
        await at("#plan").select_option("Pro")
        await choice_verified(at("#plan"), "Pro")

    return {
        "fill": (lambda: at("#name").fill("Ada Lovelace"), lambda: fill_verified(at("#name"), "Ada Lovelace")),
        "fill_date": (lambda: at("#start").fill("2025-07-01"), lambda: fill_verified(at("#start"), "2025-07-01")),
        "fill_masked": (lambda: at("#phone").fill("5551234567"), lambda: fill_verified(at("#phone"), "5551234567")),
        "select": (lambda: at("#plan").select_option("Pro"), select_verified),
        "check": (lambda: at("#news").set_checked(True), check_verified),
        "click": (lambda: at("#save").click(), click_verified),
    }


async def measure(repetitions: int, progress: Callable[[str], None]) -> dict[str, Any]:
    """Median verification cost per action (ms), overall and by action kind."""
    progress("verification cost per action (bare vs verified, in Chromium)")
    costs: dict[str, list[float]] = {}
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        try:
            page = await browser.new_page()
            await page.set_content(FORM)
            pairs = _pairs(page)
            for _, (bare, verified) in pairs.items():  # warm-up: first calls compile the scripts
                await bare()
                await verified()
            for _ in range(max(1, repetitions) * 4):
                for kind, (bare, verified) in pairs.items():
                    costs.setdefault(kind, []).append(await _timed(verified) - await _timed(bare))
        finally:
            await browser.close()
    every = [cost for values in costs.values() for cost in values]
    return {
        "verification_ms_per_action": round(median(every), 2),
        "verification_ms_by_kind": {kind: round(median(values), 2) for kind, values in sorted(costs.items())},
    }


def main() -> None:
    """`python -m bench.verification`: print the figures and merge them into bench/results.json."""
    import json

    from bench.__main__ import RESULTS

    figures = asyncio.run(measure(5, print))
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update(figures)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
