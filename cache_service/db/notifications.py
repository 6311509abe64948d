"""Cache invalidation across replicas: NOTIFY in the writer's transaction, LISTEN on a dedicated connection."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from cache_service.db.resolution_cache import ResolutionCache

log = logging.getLogger(__name__)
CHANNEL = "rote_resolution_changed"
MIN_BACKOFF_S = 0.1
MAX_BACKOFF_S = 5.0
# A half-open connection never reports its loss: it is probed this often, and must answer within this time.
PROBE_EVERY_S = 5.0


async def notify_changed(session: AsyncSession, org: str, workflow_id: str) -> None:
    """Sent with the writer's transaction: PostgreSQL delivers it on commit, and never if it rolls back."""
    payload = json.dumps([org, workflow_id])
    await session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


def asyncpg_dsn(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class InvalidationListener:
    """Keeps ``cache`` live only while LISTEN is up: on a lost connection everything is dropped and nothing is
    cached (notifications may be missed) until it is back, retried with exponential backoff."""

    def __init__(self, database_url: str, cache: ResolutionCache) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self.cache = cache
        self.connected = asyncio.Event()
        self.received = 0
        self.server_pid = 0
        self._task: asyncio.Task[None] | None = None

    async def start(self, wait_s: float) -> None:
        """Start listening; wait up to ``wait_s`` for the first connection (the cache stays dark until then)."""
        self._task = asyncio.get_running_loop().create_task(self._run())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.connected.wait(), wait_s)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.cache.clear(live=False)

    def _on_notify(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self.received += 1
        try:
            org, workflow_id = json.loads(payload)
        except (ValueError, TypeError):
            self.cache.clear(live=True)  # an unreadable change could be anything
            return
        self.cache.invalidate(str(org), str(workflow_id))

    async def _run(self) -> None:
        backoff = MIN_BACKOFF_S
        while True:
            try:
                await self._listen()
                log.warning("resolution cache listener lost its connection; cache dropped")
                backoff = MIN_BACKOFF_S
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure means the same: reconnect later
                log.warning("resolution cache listener down", extra={"reason": f"{type(exc).__name__}: {exc}"[:200]})
            finally:
                self.connected.clear()
                self.cache.clear(live=False)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_S)

    async def _listen(self) -> None:
        """Listen until the connection is lost (returns) or fails (raises); the cache is live meanwhile."""
        connection = await asyncpg.connect(self._dsn)
        try:
            lost = asyncio.Event()
            connection.add_termination_listener(lambda _c: lost.set())
            await connection.add_listener(CHANNEL, self._on_notify)
            self.server_pid = connection.get_server_pid()
            # Live only once LISTEN is up: whatever was read before may predate a change it did not see.
            self.cache.clear(live=True)
            self.connected.set()
            while not lost.is_set():
                try:
                    await asyncio.wait_for(lost.wait(), PROBE_EVERY_S)
                except TimeoutError:
                    await asyncio.wait_for(connection.fetchval("SELECT 1"), PROBE_EVERY_S)
        finally:
            self.connected.clear()
            self.cache.clear(live=False)
            connection.terminate()
