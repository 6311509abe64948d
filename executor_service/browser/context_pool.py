"""Fresh browser contexts made ahead of time, so a run starts without waiting for Chromium to build one."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from playwright.async_api import Browser, BrowserContext, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.policy_proxy import PolicyProxy
from executor_service.url_policy import allowed_hosts, check_navigation

log = logging.getLogger(__name__)


class ContextPool:
    """Keeps ``spare`` unused contexts (each with its page) ready; every run gets a new one, never a used one.

    A context is isolated (cookies, storage, cache), so one made a moment early is as fresh as one made on
    demand: the pool only moves Chromium's context start-up (about 100 ms) off the run's critical path.
    """

    def __init__(self, browser: Browser, *, spare: int, settle_timeout_ms: float, navigation_timeout_ms: float) -> None:
        self._browser = browser
        self._spare = spare
        self._settle_ms = settle_timeout_ms
        self._navigation_ms = navigation_timeout_ms
        self._ready: list[tuple[BrowserContext, Page]] = []
        self._filling: set[asyncio.Task[None]] = set()
        self._closed = False
        self._proxy: PolicyProxy | None = None
        self._proxy_url = ""
        self._proxy_lock = asyncio.Lock()

    async def _policy_proxy(self) -> str:
        """The URL of this executor's policy proxy, started on first use."""
        async with self._proxy_lock:
            if self._proxy is None:
                self._proxy = PolicyProxy(check_navigation)
                self._proxy_url = await self._proxy.start()
        return self._proxy_url

    async def _make(self) -> tuple[BrowserContext, Page]:
        proxy = None
        if allowed_hosts():
            # ROTE_ALLOWED_HOSTS holds for every request of the context, redirects and frames included (issue 16):
            # loopback too (Chromium skips the proxy for it unless told `<-loopback>`).
            proxy = {"server": await self._policy_proxy(), "bypass": "<-loopback>"}
        context = await self._browser.new_context(accept_downloads=True, proxy=proxy)  # type: ignore[arg-type]
        # Actions wait for their element at most the settle time (a drifted page then heals or falls back
        # quickly); page loads get the longer navigation timeout.
        context.set_default_timeout(self._settle_ms)
        context.set_default_navigation_timeout(self._navigation_ms)
        return context, await context.new_page()

    async def _fill_one(self) -> None:
        try:
            made = await self._make()
        except PlaywrightError as exc:  # the next acquire makes its own; nothing is lost
            log.warning("could not prepare a spare browser context", extra={"error": str(exc)})
            return
        if self._closed:
            await made[0].close()
        else:
            self._ready.append(made)

    def _refill(self) -> None:
        while not self._closed and len(self._ready) + len(self._filling) < self._spare:
            task = asyncio.get_running_loop().create_task(self._fill_one())
            self._filling.add(task)
            task.add_done_callback(self._filling.discard)

    async def acquire(self) -> tuple[BrowserContext, Page]:
        """A fresh context and its page for one run; the caller closes the context when the run ends."""
        made = self._ready.pop(0) if self._ready else await self._make()
        self._refill()
        return made

    async def close(self) -> None:
        self._closed = True
        for task in list(self._filling):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        while self._ready:
            context, _ = self._ready.pop()
            with contextlib.suppress(PlaywrightError):
                await context.close()
        if self._proxy is not None:
            await self._proxy.close()
