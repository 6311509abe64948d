"""Clears a used browser context back to a fresh one's state and proves it, so another run may reuse it."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

import ada_url
from playwright.async_api import BrowserContext, Download, Frame, Page, Route
from playwright.async_api import Error as PlaywrightError

CHECK_PATH = "/__rote_context_reset_check__"
CHECK_PAGE = "<!doctype html><title>rote reset check</title>"
# Permissions a fresh Chromium context answers "prompt" for: any of them "granted" after the reset is a
# leftover grant (the others, clipboard-write or background-sync say, are granted to every fresh context).
PROMPTED = (
    "geolocation", "notifications", "camera", "microphone", "midi", "clipboard-read", "persistent-storage",
    "idle-detection", "local-fonts", "window-management", "display-capture", "captured-surface-control",
)
# What a page of the origin can still see; run on a synthetic page of that origin (routed, never fetched).
CHECK_JS = """async (prompted) => {
  const seen = {local: localStorage.length, session: sessionStorage.length, cookie: document.cookie};
  seen.idb = indexedDB.databases ? (await indexedDB.databases()).length : 0;
  seen.caches = self.caches ? (await caches.keys()).length : 0;
  seen.workers = navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0;
  seen.granted = [];
  for (const name of prompted) {
    try { if ((await navigator.permissions.query({name})).state === "granted") seen.granted.push(name); } catch (e) {}
  }
  return seen;
}"""
CLEAN = {"local": 0, "session": 0, "cookie": "", "idb": 0, "caches": 0, "workers": 0, "granted": []}


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


async def reset_context(context: BrowserContext, usage: ContextUsage, run_page: Page) -> tuple[Page, Page]:
    """Clear everything a run can leave in ``context`` and verify it; returns (new blank page, keeper).

    The run's page is parked on about:blank as the keeper: its document (scripts, timers, sockets) is gone,
    but its renderer process stays, and starting renderers is most of what a fresh context costs. The next
    run gets a new page, so no page-level state of the run (listeners, sessionStorage, history) carries over.
    Raises ResetNotVerified (or a Playwright error) when the context cannot be shown to be clean.
    """
    # Closing the other pages ends popups, the previous keeper and open dialogs (without beforeunload).
    for page in list(context.pages):
        if page is not run_page:
            await page.close()
    await run_page.goto("about:blank")
    for download in usage.downloads:
        with contextlib.suppress(PlaywrightError):
            await download.cancel()
            await download.delete()
    usage.downloads.clear()
    await context.clear_cookies()
    await context.clear_permissions()
    await context.set_geolocation(None)
    await context.set_extra_http_headers({})
    await context.set_offline(False)
    page = await context.new_page()
    origins = sorted(usage.origins)
    cdp = await context.new_cdp_session(page)
    try:
        # Both act on this page's browser context only (its storage partition), never on other contexts.
        await cdp.send("Network.clearBrowserCache")
        for origin in origins:
            await cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        await verify_clean(context, page, origins, keeper=run_page)
        await page.goto("about:blank")
        # The check pages must not be reachable with history.back() from the next run.
        await cdp.send("Page.resetNavigationHistory")
    finally:
        with contextlib.suppress(PlaywrightError):
            await cdp.detach()
    usage.origins.clear()
    return page, run_page


async def verify_clean(context: BrowserContext, page: Page, origins: list[str], *, keeper: Page) -> None:
    """Raise ResetNotVerified unless the context holds only ``page`` and the blank keeper, no cookies, and
    every origin a run visited sees no storage, caches, service workers or granted permissions from a fresh
    page of its own (a synthetic one: no script of the site runs, so none can hide anything)."""
    if set(context.pages) != {page, keeper} or keeper.url != "about:blank":
        raise ResetNotVerified(f"{len(context.pages)} pages open after the reset")
    if await context.cookies():
        raise ResetNotVerified("cookies left after the reset")

    async def blank(route: Route) -> None:
        await route.fulfill(
            status=200, content_type="text/html", body=CHECK_PAGE, headers={"cache-control": "no-store"}
        )

    for origin in origins:
        url = origin + CHECK_PATH
        await page.route(url, blank)
        try:
            await page.goto(url, wait_until="domcontentloaded")
            seen: dict[str, Any] = await page.evaluate(CHECK_JS, list(PROMPTED))
        finally:
            await page.unroute(url, blank)
        if page.url != url:
            # A leftover service worker or redirect answered instead of the synthetic page.
            raise ResetNotVerified(f"{origin}: the check page did not load ({page.url[:200]})")
        if seen != CLEAN:
            raise ResetNotVerified(f"{origin} still sees {json.dumps(seen, sort_keys=True)[:300]}")
