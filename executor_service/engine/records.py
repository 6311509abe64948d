"""A run's block records go to the cache service in order while the next block runs: the caller waits for none of
them but what is still on its way when the run finishes (FinishRun must come after every record), and the last
one travels inside FinishRun itself when the cache service takes it there."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from services.gen.rote.v1 import run_pb2

Send = Callable[[run_pb2.BlockRun], Awaitable[None]]


class RecordQueue:
    """Records sent one after another, each once the one before it is done; ``send`` handles its own failures
    (a record that cannot be delivered marks the run unrecorded, and the ones after it are then not sent).

    With ``keep_last`` the run's last record is kept for FinishRun (``final``) instead: one round trip and one
    wait fewer at the end of every run."""

    def __init__(self, send: Send, *, keep_last: bool = False) -> None:
        self._send = send
        self._keep_last = keep_last
        self._last: asyncio.Future[None] | None = None
        self.final: list[run_pb2.BlockRun] = []

    def put(self, record: run_pb2.BlockRun, *, last: bool = False) -> None:
        """Queue ``record`` behind the ones before it; it is sent without the caller waiting (or, being the run's
        ``last`` and the queue keeping that one, it waits in ``final`` for FinishRun)."""
        if last and self._keep_last:
            self.final.append(record)
            return
        self._last = asyncio.ensure_future(self._after(self._last, record))

    async def _after(self, previous: asyncio.Future[None] | None, record: run_pb2.BlockRun) -> None:
        if previous is not None:
            await previous
        await self._send(record)

    async def drain(self) -> None:
        """Wait until every queued record is sent (or given up on). Shielded: a caller cancelled while waiting
        leaves the records on their way, and a cancelled run still finishes after them."""
        if self._last is not None:
            await asyncio.shield(self._last)
