"""CPU per page call, across Chromium's processes, the driver and Python: Locator.evaluate against evaluate_on.

``python -m bench.element_eval [--calls N]``: N calls of each kind on the demo's login page, one reused page;
/proc CPU deltas per process kind (``cpu_by_process``). What a code run's checks cost is mostly how many of
these it makes and of which kind.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Awaitable, Callable

from playwright.async_api import async_playwright

from bench.cpu_by_process import Sampler
from bench.replay import _demo_site_process
from executor_service.browser.element_eval import evaluate_on
from executor_service.browser.launch import launch_chromium

READ = "(el) => el.value"


async def measure(url: str, calls: int) -> dict[str, float]:
    """CPU ms per call of each kind."""
    results: dict[str, float] = {}
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright, reuses_contexts=True)
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(f"{url}/login", wait_until="domcontentloaded")
        field = page.locator("#username")
        kinds: dict[str, Callable[[], Awaitable[object]]] = {
            "Locator.evaluate": lambda: field.evaluate(READ),
            "evaluate_on": lambda: evaluate_on(field, READ),
            "Locator.count (visible)": lambda: field.filter(visible=True).count(),
            "Locator.fill": lambda: field.fill("demo"),
            "Page.evaluate": lambda: page.evaluate("1"),
        }
        for name, call in kinds.items():
            await call()
            with Sampler([os.getpid()]) as sampler:
                for _ in range(calls):
                    await call()
            seconds, _ = sampler.breakdown()
            results[name] = round(sum(seconds.values()) / calls * 1000, 2)
            parts = ", ".join(f"{kind} {value / calls * 1000:.2f}" for kind, value in sorted(seconds.items()) if value)
            print(f"{name:26s} {results[name]:6.2f} ms CPU per call ({parts})")
        await browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    with _demo_site_process() as url:
        asyncio.run(measure(url, args.calls))


if __name__ == "__main__":
    main()
