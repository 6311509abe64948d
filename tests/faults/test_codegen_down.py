"""Codegen down (or hung) at finish: the run finishes, nothing is published, the decision is kept, no call waits
longer than its timeout, and once codegen is back the cache's periodic sweep publishes the version once."""

from __future__ import annotations

import asyncio
import dataclasses
import pathlib
import time
from collections.abc import AsyncIterator

import pytest

from cache_service.bootstrap import CacheSettings, start_cache_service
from examples.demo_site import DemoSite
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2
from services.settings import StorageSettings
from tests.cache.builders import block_run, linear_workflow
from tests.cache.grpc_calls import finish, put, record, start
from tests.executor.workflows import demo, demo_params
from tests.faults.harness import cache_stub, eventually, fault_stack, version_numbers
from tests.support.services import local_storage

COMPLETED = run_pb2.RUN_STATUS_COMPLETED


@pytest.fixture
async def hung_codegen() -> AsyncIterator[str]:
    """An address that accepts TCP connections and never answers (a codegen stuck for good)."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    yield f"127.0.0.1:{server.sockets[0].getsockname()[1]}"
    server.close()
    for writer in held:
        writer.transport.abort()


async def test_a_hung_codegen_never_holds_a_finish_longer_than_its_timeout(
    hung_codegen: str, tmp_path: pathlib.Path
) -> None:
    settings = dataclasses.replace(
        CacheSettings.from_env(),
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}",
        codegen_address=hung_codegen,
        codegen_timeout_s=1.0,
        storage=local_storage(tmp_path / "objects"),
        lease_sweep_s=0,
    )
    cache = await start_cache_service(settings)
    try:
        async with cache_stub(cache.address) as stub:
            definition = linear_workflow(2)
            await put(stub, definition)
            started = await start(stub, definition.workflow_id)
            for sequence in range(2):
                await record(stub, started.run_id, block_run(f"step_{sequence}", sequence))
            began = time.perf_counter()
            finished = await finish(stub, started.run_id)
            elapsed = time.perf_counter() - began
            # Two drafts (1 s each at most), the wait for them, then one publish attempt: bounded, never forever.
            assert elapsed < 8, f"FinishRun took {elapsed:.1f}s with a hung codegen"
            assert finished.published_version == 0 and finished.decision.regenerate
            assert any(r.startswith("publish deferred") for r in finished.decision.reasons)
            assert await version_numbers(stub, definition.workflow_id, "acme") == []
    finally:
        await cache.stop(0)


@pytest.mark.browser
async def test_codegen_down_at_finish_then_the_sweep_publishes_once_it_is_back(
    site: DemoSite, tmp_path: pathlib.Path
) -> None:
    storage: StorageSettings = local_storage(tmp_path / "objects")
    database = f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}"
    cache = {"lease_sweep_s": 0.5, "codegen_timeout_s": 3.0}
    async with fault_stack(storage, database, cache=cache) as stack:
        await stack.stop_codegen()
        async with ExecutorClient(stack.executor_address) as client, cache_stub(stack.cache_address) as stub:
            began = time.perf_counter()
            first = (await client.run(
                demo("codegen_down"), parameters=demo_params("demo_first", site.url), run_with="agent"
            )).summary
            assert time.perf_counter() - began < 30, "a run never waits long for a dead codegen"
            assert first.status == COMPLETED and first.recorded and first.published_version == 0, first.error
            assert await version_numbers(stub, "codegen_down") == []
            await asyncio.sleep(1.5)  # sweeps run meanwhile and publish nothing: codegen is still down
            assert await version_numbers(stub, "codegen_down") == []

            await stack.start_codegen()

            async def published() -> list[int]:
                return await version_numbers(stub, "codegen_down")

            assert await eventually(published, timeout_s=30) == [1]
            await asyncio.sleep(1.5)  # later sweeps find nothing left to do: still exactly one version
            assert await published() == [1]

            second = (await client.run(
                demo("codegen_down"), parameters=demo_params("demo_second", site.url), run_with="code"
            )).summary
            assert second.status == COMPLETED and second.agent_steps == 0 and second.script_version == 1, second.error
