"""Background work chained per key (one run's drafts are generated one after another, never at once)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Hashable

log = logging.getLogger(__name__)


class KeyedChains:
    """Per key, tasks run in the order they were scheduled; ``wait`` lets a caller catch up with them."""

    def __init__(self) -> None:
        self._tails: dict[Hashable, asyncio.Task[None]] = {}

    def schedule(self, key: Hashable, work: Callable[[], Awaitable[object]]) -> None:
        previous = self._tails.get(key)

        async def run() -> None:
            if previous is not None:
                with contextlib.suppress(BaseException):
                    await asyncio.shield(previous)
            try:
                await work()
            except Exception:  # noqa: BLE001 - background work logs and never kills the chain
                log.exception("background work failed", extra={"key": str(key)})

        task = asyncio.get_running_loop().create_task(run())
        self._tails[key] = task
        task.add_done_callback(lambda done: self._forget(key, done))

    def _forget(self, key: Hashable, task: asyncio.Task[None]) -> None:
        if self._tails.get(key) is task:
            del self._tails[key]

    async def wait(self, key: Hashable, timeout_s: float) -> bool:
        """Wait until the work scheduled for ``key`` so far is done; False if it took longer than ``timeout_s``."""
        task = self._tails.get(key)
        if task is None:
            return True
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout_s)
        except TimeoutError:
            return False
        return True

    def pending(self, key: Hashable) -> bool:
        return key in self._tails

    async def close(self) -> None:
        tasks = list(self._tails.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tails.clear()
