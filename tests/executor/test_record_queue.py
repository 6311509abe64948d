"""RecordQueue: block records leave in order while later blocks run, drain waits for all of them, and the last
one waits for FinishRun when the cache service takes it there."""

from __future__ import annotations

import asyncio

import pytest

from executor_service.engine.records import RecordQueue
from services.gen.rote.v1 import run_pb2


def _record(label: str) -> run_pb2.BlockRun:
    return run_pb2.BlockRun(label=label)


async def test_records_are_sent_in_order_without_the_caller_waiting() -> None:
    sent: list[str] = []
    gate = asyncio.Event()

    async def send(record: run_pb2.BlockRun) -> None:
        if record.label == "first":
            await gate.wait()  # the cache service is slow to take the first record
        sent.append(record.label)

    queue = RecordQueue(send)
    queue.put(_record("first"))
    queue.put(_record("second"))
    queue.put(_record("third"))
    await asyncio.sleep(0.05)
    assert sent == []  # put() returned at once; the second record waits behind the first
    gate.set()
    await queue.drain()
    assert sent == ["first", "second", "third"]


async def test_drain_survives_the_callers_cancellation() -> None:
    sent: list[str] = []
    gate = asyncio.Event()

    async def send(record: run_pb2.BlockRun) -> None:
        await gate.wait()
        sent.append(record.label)

    queue = RecordQueue(send)
    queue.put(_record("only"))
    waiter = asyncio.ensure_future(queue.drain())
    await asyncio.sleep(0.01)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    gate.set()
    await queue.drain()  # the record was not cancelled with the caller's wait
    assert sent == ["only"]


async def test_drain_with_nothing_queued_returns() -> None:
    async def send(record: run_pb2.BlockRun) -> None:
        raise AssertionError("nothing to send")

    await RecordQueue(send).drain()


async def test_the_last_record_is_kept_for_finish_run_only_when_the_cache_takes_it_there() -> None:
    sent: list[str] = []

    async def send(record: run_pb2.BlockRun) -> None:
        sent.append(record.label)

    keeping = RecordQueue(send, keep_last=True)
    keeping.put(_record("first"))
    keeping.put(_record("last"), last=True)
    await keeping.drain()
    assert sent == ["first"] and [r.label for r in keeping.final] == ["last"]

    sent.clear()
    older_cache = RecordQueue(send)  # a cache service that would drop records sent with FinishRun
    older_cache.put(_record("first"))
    older_cache.put(_record("last"), last=True)
    await older_cache.drain()
    assert sent == ["first", "last"] and older_cache.final == []
