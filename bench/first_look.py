"""A document's first action: the look (page world) then the action (Playwright's world), in turn or side by side.

``python -m bench.first_look [--repetitions N]``: on a fresh document of a small local form each time, the wall ms
of replay's first look at a radio (the count and hit test in one page-world evaluation) and of ticking it, as
replay did before (one after the other), as it does now (``_beside``: Playwright's own world readied beside the
look), and Playwright's ``set_checked`` alone (the floor); medians after two warm-up rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import http.server
import json
import statistics
import threading
import time
from collections.abc import Awaitable, Callable

from playwright.async_api import Locator, async_playwright

from executor_service.browser.launch import launch_chromium
from executor_service.runtime.locating import _beside
from executor_service.runtime.probes import COVER_JS, counting

_FORM = (
    "<!doctype html><title>Size</title><form>"
    + "".join(f"<label><input type=radio name=size value={n}> Size {n}</label><br>" for n in range(10))
    + "<button>Go</button></form>"
).encode()


class _Form(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(_FORM)

    def log_message(self, *_: object) -> None:
        return


async def _in_turn(box: Locator) -> None:
    await box.evaluate_all(counting(COVER_JS))
    await box.set_checked(True)


async def _side_by_side(box: Locator) -> None:
    await _beside(box.evaluate_all(counting(COVER_JS)), box.count())
    await box.set_checked(True)


async def _floor(box: Locator) -> None:
    await box.set_checked(True)


async def measure(repetitions: int) -> dict[str, float]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Form)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    kinds: dict[str, Callable[[Locator], Awaitable[None]]] = {
        "look then tick (before)": _in_turn, "look beside a count, then tick (now)": _side_by_side,
        "tick alone (floor)": _floor,
    }
    times: dict[str, list[float]] = {name: [] for name in kinds}
    try:
        async with async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            page = await (await browser.new_context()).new_page()
            for round_ in range(repetitions + 2):
                for name, first_action in kinds.items():
                    await page.goto(url)
                    started = time.perf_counter()
                    await first_action(page.get_by_label("Size 3", exact=True).filter(visible=True))
                    if round_ >= 2:
                        times[name].append((time.perf_counter() - started) * 1000)
            await browser.close()
    finally:
        server.shutdown()
    return {name: round(statistics.median(values), 1) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=15)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.repetitions)), indent=2))


if __name__ == "__main__":
    main()
