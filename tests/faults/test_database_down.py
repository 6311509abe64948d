"""Database down under a running cache service: the executor retries a run's records with backoff until the
cache service accepts them, or ends the run with an explicit "not recorded" (RunSummary.recorded=false and a
clear error); the cache never keeps a half-recorded run as if it were complete (its lease abandons it)."""

from __future__ import annotations

import asyncio
import pathlib
import time
from collections.abc import AsyncIterator, Callable

import pytest

from examples.demo_site import DemoSite
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2, workflow_pb2
from tests.executor.workflows import demo, demo_params
from tests.faults.harness import (
    StoppablePostgres,
    cache_stub,
    eventually,
    fault_stack,
    get_run,
    stoppable_postgres,
    version_numbers,
)
from tests.support.services import local_storage

pytestmark = [pytest.mark.postgres, pytest.mark.browser]
COMPLETED = run_pb2.RUN_STATUS_COMPLETED
PAUSE_S = 1.5


@pytest.fixture(scope="module")
async def postgres() -> AsyncIterator[StoppablePostgres]:
    async with stoppable_postgres() as cluster:
        yield cluster


def _paused_demo(workflow_id: str) -> workflow_pb2.Workflow:
    """The demo workflow behind a short wait, so the database can be stopped before the first record."""
    workflow = demo(workflow_id)
    pause = workflow_pb2.Block(label="pause", type=workflow_pb2.BLOCK_TYPE_WAIT, wait_seconds=PAUSE_S)
    blocks = [pause, *workflow.blocks]
    del workflow.blocks[:]
    workflow.blocks.extend(blocks)
    return workflow


async def _run_breaking_the_database(
    client: ExecutorClient,
    workflow: workflow_pb2.Workflow,
    params: dict[str, str],
    on_started: Callable[[], asyncio.Future | asyncio.Task | None],
) -> run_pb2.RunSummary:
    """Run to the end; ``on_started`` is called once the cache service has started the run."""
    summary, _ = await _timed_run_breaking_the_database(client, workflow, params, on_started)
    return summary


async def _timed_run_breaking_the_database(
    client: ExecutorClient,
    workflow: workflow_pb2.Workflow,
    params: dict[str, str],
    on_started: Callable[[], asyncio.Future | asyncio.Task | None],
) -> tuple[run_pb2.RunSummary, float]:
    """The same, with the seconds the caller waited from the run's start to its end. That is the measure of
    waiting for the database: the run's own wall_ms stops before FinishRun and the records it waits for."""
    started = 0.0
    async for event in client.stream_run(workflow, parameters=params, run_with="agent"):
        if event.HasField("run_started"):
            started = time.monotonic()
            await on_started()  # type: ignore[misc]
        if event.HasField("run_finished"):
            return event.run_finished.summary, time.monotonic() - started
    raise AssertionError("the stream ended without run_finished")


async def test_database_down_mid_run_the_records_are_retried_until_accepted(
    postgres: StoppablePostgres, site: DemoSite, tmp_path: pathlib.Path
) -> None:
    outage_s = 3.0
    restarted: list[asyncio.Task[None]] = []

    async def outage() -> None:
        await postgres.stop()

        async def back_later() -> None:
            await asyncio.sleep(outage_s)
            await postgres.start()

        restarted.append(asyncio.create_task(back_later()))

    storage = local_storage(tmp_path / "objects")
    async with fault_stack(storage, postgres.url, executor={"cache_retry_s": 30.0}) as stack:
        async with ExecutorClient(stack.executor_address) as client:
            summary, waited_s = await _timed_run_breaking_the_database(
                client, _paused_demo("db_blip"), demo_params("demo_first", site.url), outage
            )
        await restarted[0]
        assert summary.status == COMPLETED, summary.error
        assert summary.recorded and not summary.error, "every record reached the cache service in the end"
        assert waited_s >= outage_s * 0.8, "the run waited for the database instead of dropping records"
        assert summary.published_version == 1
        async with cache_stub(stack.cache_address) as stub:
            stored = await get_run(stub, summary.run_id)
            assert stored.summary.status == COMPLETED
            labels = [b.label for b in stored.block_runs]
            assert labels == ["pause", "login", "fill_quote", "extract_quote"], "no lost and no duplicated block"
            assert [b.sequence for b in stored.block_runs] == [0, 1, 2, 3]
            assert await version_numbers(stub, "db_blip") == [1]


async def test_database_down_past_the_retry_budget_the_run_says_it_was_not_recorded(
    postgres: StoppablePostgres, site: DemoSite, tmp_path: pathlib.Path
) -> None:
    async def outage() -> None:
        await postgres.stop()

    cache = {"default_lease_s": 6, "lease_sweep_s": 0.5}
    storage = local_storage(tmp_path / "objects")
    async with fault_stack(storage, postgres.url, cache=cache, executor={"cache_retry_s": 1.5}) as stack:
        try:
            async with ExecutorClient(stack.executor_address) as client:
                summary = await _run_breaking_the_database(
                    client, _paused_demo("db_gone"), demo_params("demo_first", site.url), outage
                )
        finally:
            await postgres.start()
        # The run itself went on (agent mode) and says plainly that the cache service does not have it.
        assert summary.status == COMPLETED
        assert not summary.recorded and summary.published_version == 0
        assert "run not recorded: block 'pause' could not be recorded (UNAVAILABLE" in summary.error, summary.error
        assert [b.label for b in summary.blocks] == ["pause", "login", "fill_quote", "extract_quote"]
        async with cache_stub(stack.cache_address) as stub:
            # The cache service's copy is incomplete, so it never completes: its lease runs out and it is abandoned.
            async def abandoned() -> bool:
                return (await get_run(stub, summary.run_id)).summary.status == run_pb2.RUN_STATUS_ABANDONED

            assert await eventually(abandoned, timeout_s=20)
            stored = await get_run(stub, summary.run_id)
            assert "abandoned" in stored.summary.error
            assert await version_numbers(stub, "db_gone") == []
