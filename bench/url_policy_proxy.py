"""Benchmark: page loads through the executor's URL-policy proxy vs direct (python -m bench.url_policy_proxy)."""

from __future__ import annotations

import asyncio
import http.server
import statistics
import threading
import time

from playwright.async_api import async_playwright

from executor_service.browser.launch import launch_chromium
from executor_service.browser.policy_proxy import PolicyProxy
from services.security.urls import check_url_allowed

LOADS = 30


class _Page(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>" + b"<p>row</p>" * 500 + b"</body></html>")


async def main() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/"
    proxy = PolicyProxy(lambda target: check_url_allowed(target, (f"127.0.0.1:{port}",)))
    proxy_url = await proxy.start()
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright, executable_path="/usr/bin/chromium", headless=True)
        proxied = {"server": proxy_url, "bypass": "<-loopback>"}
        for name, options in (("direct", None), ("through the policy proxy", proxied)):
            context = await browser.new_context(proxy=options)  # type: ignore[arg-type]
            page = await context.new_page()
            await page.goto(url)  # warm-up
            times = []
            for index in range(LOADS):
                began = time.perf_counter()
                await page.goto(f"{url}?i={index}", wait_until="domcontentloaded")
                times.append((time.perf_counter() - began) * 1000)
            times.sort()
            print(f"{name}: median {statistics.median(times):.1f} ms, p90 {times[int(LOADS * 0.9) - 1]:.1f} ms "
                  f"over {LOADS} loads of a 5 KB loopback page")
            await context.close()
        await browser.close()
    await proxy.close()
    server.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
