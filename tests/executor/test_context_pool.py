"""The context pool hands every run a fresh, isolated context and keeps a spare one ready."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import async_playwright

from executor_service.browser.context_pool import ContextPool
from executor_service.browser.launch import launch_chromium

pytestmark = pytest.mark.browser


async def test_each_run_gets_a_fresh_context_and_a_spare_is_made_ahead(site) -> None:
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        pool = ContextPool(browser, spare=1, settle_timeout_ms=2000, navigation_timeout_ms=10_000)
        try:
            first_context, first_page = await pool.acquire()
            await first_page.goto(f"{site.url}/login")
            await first_context.add_cookies([{"name": "leak", "value": "x", "url": site.url}])
            for _ in range(50):  # the spare is made in the background
                if pool._ready:
                    break
                await asyncio.sleep(0.05)
            assert len(pool._ready) == 1
            second_context, _ = await pool.acquire()
            assert second_context is not first_context
            assert await second_context.cookies() == [], "a run never sees another run's state"
            await first_context.close()
            await second_context.close()
        finally:
            await pool.close()
            await browser.close()
    assert pool._ready == []
