"""Clears a used browser context back to a fresh one's state and proves it, so another run may reuse it."""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

import ada_url
from playwright.async_api import BrowserContext, CDPSession, Download, Frame, Page, Route
from playwright.async_api import Error as PlaywrightError

CHECK_PATH = "/__rote_context_reset_check__"
CHECK_GLOB = "**" + CHECK_PATH
CHECK_PAGE = "<!doctype html><title>rote reset check</title>"
# Permissions a fresh Chromium context answers "prompt" for: any of them "granted" after the reset is a
# leftover grant (the others, clipboard-write or background-sync say, are granted to every fresh context).
PROMPTED = (
    "geolocation", "notifications", "camera", "microphone", "midi", "clipboard-read", "persistent-storage",
    "idle-detection", "local-fonts", "window-management", "display-capture", "captured-surface-control",
)
# What a page of the origin can still see; run on a synthetic page of that origin (routed, never fetched).
CHECK_JS = """async (prompted) => {
  const seen = {local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, name: window.name};
  seen.idb = indexedDB.databases ? (await indexedDB.databases()).length : 0;
  seen.caches = self.caches ? (await caches.keys()).length : 0;
  seen.workers = navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0;
  seen.granted = [];
  for (const name of prompted) {
    try { if ((await navigator.permissions.query({name})).state === "granted") seen.granted.push(name); } catch (e) {}
  }
  return seen;
}"""
CLEAN = {"local": 0, "session": 0, "cookie": "", "name": "", "idb": 0, "caches": 0, "workers": 0, "granted": []}


class ResetNotVerified(Exception):
    """The context still shows state after the reset: it must be closed, never reused."""


@dataclass
class ContextUsage:
    """What a run left behind in a context: the origins its frames loaded (where storage may live) and its
    downloads. Fed by page events, so popups and frames count too."""

    origins: set[str] = field(default_factory=set)
    downloads: list[Download] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("page", self._page)

    def _page(self, page: Page) -> None:
        page.on("framenavigated", self._navigated)
        page.on("download", self._downloaded)

    def _downloaded(self, download: Download) -> None:
        self.downloads.append(download)

    def _navigated(self, frame: Frame) -> None:
        origin = origin_of(frame.url)
        if origin:
            self.origins.add(origin)


def origin_of(url: str) -> str:
    """The http(s) origin of ``url``, or "" for about:, data:, blob: and the like (they hold no storage)."""
    if not url.startswith(("http://", "https://")):
        return ""
    try:
        return str(ada_url.URL(url).origin)
    except ValueError:
        return ""


async def reset_context(context: BrowserContext, usage: ContextUsage, page: Page, cdp: CDPSession) -> None:
    """Clear everything a run can leave in ``context`` and on its one ``page`` (kept for the next run), and
    verify it; ``cdp`` is a session on ``page``. Raises ResetNotVerified (or a Playwright error) when the context
    cannot be shown to be clean. The page is left on a synthetic page of the last origin checked (or on
    about:blank when the run loaded none), with a history of that one entry.

    The page is kept rather than replaced, and navigates once per origin the run visited: a new page starts a
    new renderer process and each navigation costs Chromium tens of milliseconds of CPU, most of what a reset
    cost. The first check page also ends the run's document (scripts, timers, sockets, workers; back/forward
    cache is off under Playwright) before anything is cleared, so nothing of the site runs while the state is
    cleared and read back. What a page keeps across documents is cleared and checked here too: its
    window.name, its session history and its sessionStorage (the check pages read this very page's).
    """
    # Closing the other pages ends popups and open dialogs (without beforeunload).
    for other in list(context.pages):
        if other is not page:
            await other.close()
    # The origin the page is on first: its check page is then a same-site navigation in the same renderer.
    here = origin_of(page.url)
    origins = sorted(usage.origins, key=lambda origin: (origin != here, origin))
    await page.route(CHECK_GLOB, _check_page)
    try:
        await _open_check_page(page, origins[0] if origins else "")
        downloads, usage.downloads = usage.downloads, []
        # Steps independent of one another are sent together: the reset's wall time is what the next run of the
        # org may wait for (goal 1), and each round trip takes tens of milliseconds on a loaded machine.
        await asyncio.gather(
            page.evaluate("window.name = ''"),
            # The pointer goes back where a new page's starts, so no hover lands where the last run left it.
            page.mouse.move(0, 0),
            *(_discard(download) for download in downloads),
            context.clear_cookies(),
            context.clear_permissions(),
            context.set_geolocation(None),
            context.set_extra_http_headers({}),
            context.set_offline(False),
            # Both act on this page's browser context only (its storage partition), never on other contexts.
            cdp.send("Network.clearBrowserCache"),
            *(cdp.send("Storage.clearDataForOrigin", {"origin": o, "storageTypes": "all"}) for o in origins),
        )
        await verify_clean(context, page, origins)
    except BaseException:
        with contextlib.suppress(PlaywrightError):
            await page.unroute(CHECK_GLOB, _check_page)
        raise
    await asyncio.gather(page.unroute(CHECK_GLOB, _check_page), _forget_history(page, cdp))
    usage.origins.clear()


async def _forget_history(page: Page, cdp: CDPSession) -> None:
    """The run's pages must not be reachable with history.back() from the next run; nor may its window name."""
    await cdp.send("Page.resetNavigationHistory")
    left = await page.evaluate("[history.length, window.name]")
    if left != [1, ""]:
        raise ResetNotVerified(f"the page kept history or a window name: {json.dumps(left)[:300]}")


async def _check_page(route: Route) -> None:
    await route.fulfill(status=200, content_type="text/html", body=CHECK_PAGE, headers={"cache-control": "no-store"})


async def _open_check_page(page: Page, origin: str) -> None:
    """Navigate ``page`` to ``origin``'s synthetic check page (routed, never fetched), or to about:blank."""
    url = origin + CHECK_PATH if origin else "about:blank"
    if page.url != url:
        await page.goto(url, wait_until="domcontentloaded")
    if page.url != url:
        # A leftover service worker or redirect answered instead of the synthetic page.
        raise ResetNotVerified(f"{origin}: the check page did not load ({page.url[:200]})")


async def _discard(download: Download) -> None:
    with contextlib.suppress(PlaywrightError):
        await download.cancel()
        await download.delete()


async def verify_clean(context: BrowserContext, page: Page, origins: list[str]) -> None:
    """Raise ResetNotVerified unless the context holds only ``page``, no cookies, and every origin a run visited
    sees no storage, caches, service workers, granted permissions or window name from ``page`` itself, on a
    synthetic page of the origin (routed by the caller: no script of the site runs, so none can hide anything).
    The first origin's page may be the one already open: it was loaded before the state was cleared, and what
    it reads is answered by the browser or kept in step with it, so anything left still shows."""
    if context.pages != [page]:
        raise ResetNotVerified(f"{len(context.pages)} pages open after the reset")
    cookies = asyncio.ensure_future(context.cookies())
    try:
        for origin in origins:
            await _open_check_page(page, origin)
            seen: dict[str, Any] = await page.evaluate(CHECK_JS, list(PROMPTED))
            if seen != CLEAN:
                raise ResetNotVerified(f"{origin} still sees {json.dumps(seen, sort_keys=True)[:300]}")
    finally:
        left = await asyncio.gather(cookies, return_exceptions=True)
    if left[0]:  # an error reading them, or cookies: either way not shown clean
        raise ResetNotVerified(f"cookies left after the reset ({str(left[0])[:200]})")
