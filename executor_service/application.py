"""The executor's application object: the long-lived dependencies every run uses, built once at bootstrap."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Browser, Playwright

from executor_service.agents.base import Agent
from executor_service.browser.context_pool import ContextPool
from executor_service.cache_client import CacheClient
from executor_service.engine.block_runner import BlockLimits
from executor_service.engine.script_loader import ScriptLoader
from executor_service.settings import ExecutorSettings
from services.storage import ObjectStore


@dataclass(frozen=True)
class ExecutorApp:
    """Settings, Chromium and its context pool, the cache client, the script loader, the agent and the object
    store: one of each per process, shared by every run (a run builds only what is its own)."""

    settings: ExecutorSettings
    contexts: ContextPool
    cache: CacheClient
    loader: ScriptLoader
    agent: Agent
    store: ObjectStore | None
    limits: BlockLimits
    # Kept only to be closed: runs reach Chromium through the context pool.
    browser: Browser | None = None
    playwright: Playwright | None = None

    async def close(self) -> None:
        """Close what the process opened, users first: the cache channel, the contexts, Chromium, Playwright."""
        await self.cache.close()
        await self.contexts.close()
        if self.browser is not None:
            await self.browser.close()
        if self.playwright is not None:
            await self.playwright.stop()


def block_limits(settings: ExecutorSettings) -> BlockLimits:
    """The per-block limits of ``settings``, read once."""
    return BlockLimits(
        settle_timeout_ms=settings.settle_timeout_ms,
        code_block_timeout_s=settings.code_block_timeout_s,
        max_output_bytes=settings.max_output_bytes,
    )
