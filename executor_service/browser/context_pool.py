"""Browser contexts for runs: spares made ahead of time, and used ones reset, verified and reused within one org."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field

from playwright.async_api import Browser, BrowserContext, CDPSession, Page, Route
from playwright.async_api import Error as PlaywrightError
from prometheus_client import Counter

from executor_service.browser.context_reset import ContextUsage, ResetNotVerified, reset_context
from executor_service.browser.page_events import forget_page_events
from executor_service.browser.policy_proxy import PolicyProxy
from executor_service.url_policy import allowed_hosts, check_navigation

log = logging.getLogger(__name__)
CONTEXTS = Counter(
    "rote_executor_contexts_total",
    "Browser contexts handed to runs or let go: made, reused, reset_failed, closed_idle, closed",
    ["event"],
)
# Skipped in lean code runs (ROTE_SKIP_MEDIA_IN_CODE): matched on the URL in the browser, so only these
# requests ever cross to the driver (a resource-type check would send every request through Python).
MEDIA_GLOB = (
    "**/*.{png,jpg,jpeg,gif,webp,avif,svg,ico,bmp,woff,woff2,ttf,otf,eot,mp4,webm,ogg,ogv,mp3,wav,m4a,aac,flac}"
)


@dataclass
class PoolSettings:
    """Reuse on/off and its bounds (idle contexts per org and in all, idle lifetime, reset time limit), and
    whether code-mode runs skip images, fonts and media."""

    reuse: bool = True
    capacity: int = 4
    per_org: int = 4
    idle_s: float = 60.0
    reset_timeout_s: float = 5.0
    skip_media_in_code: bool = False


@dataclass
class _Entry:
    context: BrowserContext
    page: Page
    usage: ContextUsage = field(default_factory=ContextUsage)
    # A DevTools session on ``page`` for the resets, opened at the first one and kept with the page.
    cdp: CDPSession | None = None
    # Whether this run's page skips media (a route the reset removes; the next run may not be in code mode).
    skipping_media: bool = False
    org: str = ""
    idle_since: float = 0.0


class ContextPool:
    """Hands each run a context that is fresh (a spare made ahead, or made on demand) or was used by a run of
    the same organisation and has since been reset and verified clean (``context_reset``).

    A context is never shared across organisations and never reused when its reset cannot be verified; idle
    contexts are bounded per org and in all (``PoolSettings``) and closed after ``idle_s``. Every context goes
    through the same policy proxy (one per executor, one allowlist), so a reused one keeps the right policy.
    """

    def __init__(
        self,
        browser: Browser,
        *,
        spare: int,
        settle_timeout_ms: float,
        navigation_timeout_ms: float,
        settings: PoolSettings | None = None,
    ) -> None:
        self._browser = browser
        self._spare = spare
        self._settle_ms = settle_timeout_ms
        self._navigation_ms = navigation_timeout_ms
        self.settings = settings or PoolSettings()
        self._ready: list[_Entry] = []
        self._filling: set[asyncio.Task[None]] = set()
        self._leased: dict[BrowserContext, _Entry] = {}
        self._idle: dict[str, list[_Entry]] = {}
        self._resetting: dict[str, int] = {}
        self._recycling: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Condition()
        self._sweeper: asyncio.Task[None] | None = None
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

    async def _make(self) -> _Entry:
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
        usage = ContextUsage()
        usage.watch(context)  # before the first page, so it is watched too
        return _Entry(context, await context.new_page(), usage)

    async def _fill_one(self) -> None:
        try:
            made = await self._make()
        except PlaywrightError as exc:  # the next acquire makes its own; nothing is lost
            log.warning("could not prepare a spare browser context", extra={"error": str(exc)})
            return
        if self._closed:
            await made.context.close()
        else:
            self._ready.append(made)

    def _refill(self) -> None:
        while not self._closed and len(self._ready) + len(self._filling) < self._spare:
            task = asyncio.get_running_loop().create_task(self._fill_one())
            self._filling.add(task)
            task.add_done_callback(self._filling.discard)

    async def acquire(self, org: str = "default", *, code_mode: bool = False) -> tuple[BrowserContext, Page]:
        """A context and its one page for a run of ``org``: reused from the same org when one is clean, else
        fresh; a code-mode run skips images, fonts and media when so configured. Give it back with ``release``."""
        entry = await self._take_idle(org) if self.settings.reuse else None
        if entry is not None:
            CONTEXTS.labels("reused").inc()
            log.debug("browser context reused", extra={"org": org})
        else:
            entry = self._ready.pop(0) if self._ready else await self._make()
            CONTEXTS.labels("made").inc()
            self._refill()
        entry.org = org
        self._leased[entry.context] = entry
        if code_mode and self.settings.skip_media_in_code:
            await entry.page.route(MEDIA_GLOB, _skip)
            entry.skipping_media = True
        return entry.context, entry.page

    async def _take_idle(self, org: str) -> _Entry | None:
        """An idle context of ``org``; when one of its contexts is being reset and no spare is ready, wait for it
        (a reset is far cheaper than a new context) up to the reset time limit.

        With a spare ready the run takes it rather than wait (goal 1: no run waits on the previous run's reset).
        That costs one new context for the spare, but once, not per run: the org then holds one context more
        than it runs at once, so its next run finds the one reset during the previous run idle. An org that
        already holds as many contexts as it may keep waits for its reset instead: the spare would only be
        made again and one of the org's contexts closed once reset (at concurrency 8 on a busy machine, where
        resets are slow, that churn cost a new context every few runs)."""
        deadline = time.monotonic() + self.settings.reset_timeout_s
        async with self._changed:
            while True:
                idle = self._idle.get(org)
                if idle:
                    return idle.pop()
                left = deadline - time.monotonic()
                take_spare = bool(self._ready) and self._held(org) < self.settings.per_org
                if not self._resetting.get(org) or left <= 0 or take_spare:
                    return None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)

    async def release(self, context: BrowserContext, *, reusable: bool) -> None:
        """Give back a run's context: reset and kept for its org when ``reusable`` and there is room, else
        closed. The reset runs in the background; the run does not wait for it."""
        entry = self._leased.pop(context, None)
        room = self._idle_count() + sum(self._resetting.values()) < self.settings.capacity
        if entry is None or not (self.settings.reuse and reusable and room) or self._closed:
            CONTEXTS.labels("closed").inc()
            await _close(context)
            return
        self._resetting[entry.org] = self._resetting.get(entry.org, 0) + 1
        task = asyncio.get_running_loop().create_task(self._recycle(entry))
        self._recycling.add(task)
        task.add_done_callback(self._recycling.discard)

    async def _recycle(self, entry: _Entry) -> None:
        try:
            async with asyncio.timeout(self.settings.reset_timeout_s):
                if entry.skipping_media:
                    await entry.page.unroute(MEDIA_GLOB, _skip)
                    entry.skipping_media = False
                if entry.cdp is None:
                    entry.cdp = await entry.context.new_cdp_session(entry.page)
                await reset_context(entry.context, entry.usage, entry.page, entry.cdp)
                forget_page_events(entry.page)
        except asyncio.CancelledError:  # the executor is stopping
            await asyncio.shield(_close(entry.context))
            raise
        except (ResetNotVerified, PlaywrightError, TimeoutError) as exc:
            CONTEXTS.labels("reset_failed").inc()
            log.warning("browser context not reused: its reset was not verified", extra={"error": str(exc)[:300]})
            await _close(entry.context)
            kept = False
        else:
            kept = not self._closed
        async with self._changed:
            self._resetting[entry.org] -= 1
            if kept:
                entry.idle_since = time.monotonic()
                idle = self._idle.setdefault(entry.org, [])
                idle.append(entry)
                while len(idle) > self.settings.per_org:
                    CONTEXTS.labels("closed").inc()
                    await _close(idle.pop(0).context)
            self._changed.notify_all()
        if kept and self._sweeper is None:
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep())
        if self._closed and kept:
            await _close(entry.context)

    async def resets_done(self) -> None:
        """Return once no reset is in flight (each ends with its context idle or closed)."""
        while self._recycling:
            await asyncio.wait(set(self._recycling))  # wait() never cancels them, unlike gather()

    def _held(self, org: str) -> int:
        """Contexts ``org`` holds: leased to its runs, idle, or being reset for it."""
        leased = sum(1 for entry in self._leased.values() if entry.org == org)
        return leased + len(self._idle.get(org, ())) + self._resetting.get(org, 0)

    def _idle_count(self) -> int:
        return sum(len(idle) for idle in self._idle.values())

    async def _sweep(self) -> None:
        """Close contexts idle for longer than ``idle_s`` (they hold a renderer each)."""
        while not self._closed:
            await asyncio.sleep(max(self.settings.idle_s / 4, 0.05))
            cutoff = time.monotonic() - self.settings.idle_s
            for org, idle in list(self._idle.items()):
                stale = [entry for entry in idle if entry.idle_since < cutoff]
                self._idle[org] = [entry for entry in idle if entry.idle_since >= cutoff]
                if not self._idle[org]:
                    del self._idle[org]
                for entry in stale:
                    CONTEXTS.labels("closed_idle").inc()
                    await _close(entry.context)

    def idle_orgs(self) -> dict[str, int]:
        """Idle (reset, verified) contexts per org."""
        return {org: len(idle) for org, idle in self._idle.items() if idle}

    async def close(self) -> None:
        self._closed = True
        for task in [*self._filling, *self._recycling, *([self._sweeper] if self._sweeper else [])]:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        entries = [*self._ready, *(e for idle in self._idle.values() for e in idle)]
        self._ready.clear()
        self._idle.clear()
        for entry in entries:
            await _close(entry.context)
        if self._proxy is not None:
            await self._proxy.close()


async def _skip(route: Route) -> None:
    await route.abort("blockedbyclient")


async def _close(context: BrowserContext) -> None:
    with contextlib.suppress(PlaywrightError):
        await context.close()
