"""Chromium as the executor launches it: with reused contexts, no spare renderer, and Playwright's switches kept."""

from __future__ import annotations

import pathlib

import pytest
from playwright.async_api import Browser, async_playwright

from executor_service.browser.launch import (
    DISABLE_FEATURES,
    NO_SPARE_RENDERER,
    launch_chromium,
    playwrights_disabled_features,
)

pytestmark = pytest.mark.browser


async def _processes(browser: Browser) -> dict[str, set[int]]:
    """Chromium's processes by type (browser, renderer, GPU, ...), as Chromium reports them."""
    session = await browser.new_browser_cdp_session()
    try:
        info = await session.send("SystemInfo.getProcessInfo")
    finally:
        await session.detach()
    kinds: dict[str, set[int]] = {}
    for process in info["processInfo"]:
        kinds.setdefault(process["type"], set()).add(int(process["id"]))
    return kinds


async def _disabled_features(browser: Browser) -> set[str]:
    """What the running browser process's last --disable-features switch names (the one Chromium keeps)."""
    (pid,) = (await _processes(browser))["browser"]
    args = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().decode().replace("\0", " ").split()
    switches = [arg for arg in args if arg.startswith(DISABLE_FEATURES)]
    return set(switches[-1].removeprefix(DISABLE_FEATURES).split(",")) if switches else set()


async def _renderers_started_by_turns(browser: Browser, url: str) -> int:
    """Renderer processes started while two contexts load pages of one site in turn, after a first round."""
    pages = [await (await browser.new_context()).new_page() for _ in range(2)]
    for page in pages:
        await page.goto(f"{url}/login")
    before = (await _processes(browser)).get("renderer", set())
    seen = set(before)
    for turn in range(6):
        await pages[turn % 2].goto(f"{url}/login?turn={turn}")
        seen |= (await _processes(browser)).get("renderer", set())
    return len(seen - before)


async def test_reused_contexts_keep_playwrights_disabled_features_and_turn_off_the_spare_renderer(site) -> None:
    async with async_playwright() as playwright:
        disabled = await playwrights_disabled_features(playwright, "/usr/bin/chromium")
        assert disabled, "Playwright's --disable-features could not be read from the probe browser"
        plain = await launch_chromium(playwright)
        reusing = await launch_chromium(playwright, reuses_contexts=True)
        try:
            plain_disabled, reusing_disabled = await _disabled_features(plain), await _disabled_features(reusing)
            # Nothing Playwright turns off comes back on: our switch replaces its switch, so it must repeat it.
            assert set(disabled) <= plain_disabled
            assert plain_disabled | {NO_SPARE_RENDERER} == reusing_disabled
            # Why: two contexts navigating in turn throw the spare away and start another for the other one.
            assert await _renderers_started_by_turns(plain, site.url) > 0
            assert await _renderers_started_by_turns(reusing, site.url) == 0
        finally:
            await plain.close()
            await reusing.close()
