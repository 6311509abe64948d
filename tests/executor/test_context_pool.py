"""The context pool: spares made ahead, reuse only within an org after a verified reset, bounded and timed out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright
from prometheus_client import REGISTRY

from executor_service.browser import context_pool
from executor_service.browser.context_pool import ContextPool, PoolSettings
from executor_service.browser.context_reset import ContextUsage, ResetNotVerified
from executor_service.browser.launch import launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await launch_chromium(playwright)
        yield launched
        await launched.close()


def _pool(browser: Browser, **settings: object) -> ContextPool:
    return ContextPool(
        browser, spare=0, settle_timeout_ms=2000, navigation_timeout_ms=10_000,
        settings=PoolSettings(**settings),  # type: ignore[arg-type]
    )


def _count(event: str) -> float:
    return REGISTRY.get_sample_value("rote_executor_contexts_total", {"event": event}) or 0.0


async def _spare_made(pool: ContextPool) -> None:
    for _ in range(100):  # the spare is made in the background
        if pool._ready:
            return
        await asyncio.sleep(0.05)


async def _settled(pool: ContextPool) -> None:
    for _ in range(100):  # resets run in the background
        if not pool._recycling:
            return
        await asyncio.sleep(0.05)


async def test_each_run_gets_a_fresh_context_and_a_spare_is_made_ahead(site, browser: Browser) -> None:
    pool = ContextPool(browser, spare=1, settle_timeout_ms=2000, navigation_timeout_ms=10_000)
    try:
        first_context, first_page = await pool.acquire("a")
        await first_page.goto(f"{site.url}/login")
        await first_context.add_cookies([{"name": "leak", "value": "x", "url": site.url}])
        await _spare_made(pool)
        assert len(pool._ready) == 1
        second_context, _ = await pool.acquire("a")
        assert second_context is not first_context
        assert await second_context.cookies() == [], "a run never sees another run's state"
    finally:
        await pool.close()
    assert pool._ready == []


async def test_a_context_is_reused_only_by_its_org_and_after_a_clean_reset(site, browser: Browser) -> None:
    pool = _pool(browser)
    try:
        used, page = await pool.acquire("org-a")
        await page.goto(f"{site.url}/login")
        await page.evaluate("localStorage.setItem('k', 'v')")
        await used.add_cookies([{"name": "leak", "value": "x", "url": site.url}])
        await pool.release(used, reusable=True)
        other, _ = await pool.acquire("org-b")
        assert other is not used, "never across organisations"
        again, page = await pool.acquire("org-a")  # waits for the reset in flight
        assert again is used
        assert again.pages == [page] and page.url.endswith("/__rote_context_reset_check__"), "one page, checked"
        assert await page.evaluate("[history.length, window.name, document.title]") == [1, "", "rote reset check"]
        assert await again.cookies() == []
        await page.goto(f"{site.url}/login")
        assert await page.evaluate("localStorage.length") == 0
    finally:
        await pool.close()


async def test_contexts_of_stopped_runs_or_unverified_resets_are_closed(
    browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = _pool(browser)
    try:
        stopped, _ = await pool.acquire("org-a")
        await pool.release(stopped, reusable=False)  # timed out, cancelled or crashed
        assert pool.idle_orgs() == {}

        async def not_verified(context: BrowserContext, usage: ContextUsage, *args: object) -> None:
            raise ResetNotVerified("still sees storage")

        monkeypatch.setattr(context_pool, "reset_context", not_verified)
        dirty, _ = await pool.acquire("org-a")
        await pool.release(dirty, reusable=True)
        await _settled(pool)
        assert pool.idle_orgs() == {}
        fresh, _ = await pool.acquire("org-a")
        assert fresh not in (stopped, dirty)
    finally:
        await pool.close()


async def test_reuse_off_bounds_and_idle_timeout(browser: Browser) -> None:
    off = _pool(browser, reuse=False)
    try:
        used, _ = await off.acquire("org-a")
        await off.release(used, reusable=True)
        assert (await off.acquire("org-a"))[0] is not used
    finally:
        await off.close()
    pool = _pool(browser, capacity=2, per_org=1, idle_s=0.4)
    try:
        leased = [(await pool.acquire(org))[0] for org in ("org-a", "org-a", "org-b", "org-c")]
        for context in leased:
            await pool.release(context, reusable=True)
        await _settled(pool)
        assert sum(pool.idle_orgs().values()) <= 2 and pool.idle_orgs().get("org-a", 0) <= 1
        await asyncio.sleep(1.0)
        assert pool.idle_orgs() == {}, "idle contexts are closed after idle_s"
    finally:
        await pool.close()


async def test_code_runs_skip_images_fonts_and_media_only_when_configured(site, browser: Browser) -> None:
    for skip, code_mode, blocked in ((True, True, True), (True, False, False), (False, True, False)):
        pool = _pool(browser, skip_media_in_code=skip)
        try:
            _, page = await pool.acquire("org-a", code_mode=code_mode)
            failures: list[str] = []
            page.on("requestfailed", lambda request, seen=failures: seen.append(request.failure or ""))
            await page.goto(f"{site.url}/login")
            await page.evaluate(
                "src => new Promise(done => { const i = new Image(); i.onload = i.onerror = done; i.src = src })",
                f"{site.url}/logo.png",
            )
            assert any("BLOCKED_BY_CLIENT" in failure for failure in failures) is blocked, (skip, code_mode, failures)
        finally:
            await pool.close()


async def test_a_run_takes_a_ready_spare_rather_than_wait_for_its_orgs_reset(site, browser: Browser) -> None:
    pool = ContextPool(browser, spare=1, settle_timeout_ms=2000, navigation_timeout_ms=10_000)
    try:
        first, page = await pool.acquire("org-a")
        await page.goto(f"{site.url}/login")
        await _spare_made(pool)
        spare = pool._ready[0].context
        await pool.release(first, reusable=True)  # its reset starts in the background
        second, _ = await pool.acquire("org-a")
        assert second is spare, "the ready spare, not a wait for the reset in flight"
        await pool.release(second, reusable=True)
        await _settled(pool)
        assert pool.idle_orgs() == {"org-a": 2}
        third, page = await pool.acquire("org-a")
        assert third in (first, second), "the org's next run reuses a reset context: no new one"
        assert await third.cookies() == [] and third.pages == [page]
    finally:
        await pool.close()


async def test_an_org_that_holds_all_it_may_keep_waits_for_its_reset_rather_than_churn_the_spare(
    site, browser: Browser
) -> None:
    # per_org=1: taking the spare would give the org a second context, and one of the two would be closed once
    # reset; so the run waits for the reset in flight and the spare stays ready for another org.
    pool = ContextPool(
        browser, spare=1, settle_timeout_ms=2000, navigation_timeout_ms=10_000,
        settings=PoolSettings(capacity=2, per_org=1),
    )
    made = _count("made")
    closed = _count("closed")
    try:
        first, page = await pool.acquire("org-a")
        await page.goto(f"{site.url}/login")
        await first.add_cookies([{"name": "leak", "value": "x", "url": site.url}])
        await _spare_made(pool)
        spare = pool._ready[0].context
        await pool.release(first, reusable=True)  # its reset starts in the background
        second, page = await pool.acquire("org-a")
        assert second is first, "the org's own context once reset, not the spare"
        assert await second.cookies() == [] and second.pages == [page]
        assert [entry.context for entry in pool._ready] == [spare]
        other, _ = await pool.acquire("org-b")
        assert other is spare, "the spare still serves an org that holds nothing"
    finally:
        await pool.close()
    assert _count("made") - made == 2
    assert _count("closed") - closed == 0
