"""An executor process killed mid-run (SIGKILL): no partial version is published, a later run never uses the
dead run's pending draft, and the dead run is marked abandoned once its lease runs out."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import pathlib
import sys
from collections.abc import AsyncIterator

import grpc
import pytest

from examples.demo_site import DemoSite
from executor_service.bootstrap import start_executor_service
from executor_service.settings import ExecutorSettings
from services.call_context import outgoing_metadata
from services.client import ClientError, ExecutorClient, wait_until_serving
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.settings import StorageSettings
from tests.executor.workflows import demo, demo_params
from tests.faults.harness import ORG, cache_stub, eventually, fault_stack, get_run, version_numbers
from tests.support.s3_server import free_port
from tests.support.services import local_storage

pytestmark = pytest.mark.browser
LEASE_S = 10


@contextlib.asynccontextmanager
async def executor_process(home: pathlib.Path, cache_address: str, storage: StorageSettings) -> AsyncIterator[
    tuple[asyncio.subprocess.Process, str]
]:
    """``python -m executor_service`` as its own process, wired to the test's cache service and storage."""
    port = free_port()
    env = {
        **os.environ,
        "ROTE_EXECUTOR_PORT": str(port),
        "ROTE_CACHE_ADDRESS": cache_address,
        "ROTE_STORAGE_BACKEND": "local",
        "ROTE_STORAGE_ROOT": storage.local_root,
        "ROTE_SETTLE_TIMEOUT_MS": "1500",
        "ROTE_METRICS_PORT": "0",
        "PYTHONUNBUFFERED": "1",
    }
    with open(home / "executor.log", "wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "executor_service", env=env, stdout=log, stderr=log
        )
    try:
        await wait_until_serving(f"127.0.0.1:{port}", 60)
        yield process, f"127.0.0.1:{port}"
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


def _public(params: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in params.items() if key != "password"}


def _lingering_demo(workflow_id: str, seconds: float) -> workflow_pb2.Workflow:
    """The demo workflow, then a wait: the process is killed while it waits."""
    workflow = demo(workflow_id)
    workflow.blocks.append(
        workflow_pb2.Block(label="linger", type=workflow_pb2.BLOCK_TYPE_WAIT, wait_seconds=seconds)
    )
    return workflow


async def test_a_killed_executor_publishes_nothing_its_draft_is_never_used_and_its_run_is_abandoned(
    site: DemoSite, tmp_path: pathlib.Path
) -> None:
    storage = local_storage(tmp_path / "objects")
    database = f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}"
    cache = {"default_lease_s": LEASE_S, "lease_sweep_s": 0.5}
    workflow = _lingering_demo("killed", 60)
    params = demo_params("demo_first", site.url)
    async with fault_stack(storage, database, cache=cache, start_executor=False) as stack:
        async with cache_stub(stack.cache_address) as stub:
            async with executor_process(tmp_path, stack.cache_address, storage) as (process, address):
                async with ExecutorClient(address) as client:
                    events = client.stream_run(workflow, parameters=params, run_with="agent")
                    dead_run = ""
                    async for event in events:
                        if event.HasField("run_started"):
                            dead_run = event.run_started.run_id
                        if event.HasField("block_started") and event.block_started.label == "linger":
                            break
                    # Every block before the wait is recorded and drafted: a pending draft exists.
                    async def drafted() -> bool:
                        return (await get_run(stub, dead_run)).draft.number >= 3

                    assert await eventually(drafted, timeout_s=30)
                    process.kill()  # SIGKILL: no graceful shutdown, no FinishRun
                    await process.wait()
                    with pytest.raises(ClientError):
                        async for _ in events:
                            pass

            dead = await get_run(stub, dead_run)
            assert dead.summary.status == run_pb2.RUN_STATUS_RUNNING, "running until its lease runs out"
            assert [b.label for b in dead.block_runs] == ["login", "fill_quote", "extract_quote"]
            assert await version_numbers(stub, "killed") == [], "no partial version"
            resolved = await stub.ResolveScript(
                pb.ResolveScriptRequest(workflow_id="killed", parameters=_public(params)),
                metadata=outgoing_metadata(ORG),
            )
            assert not resolved.resolution.cached_blocks, "a pending draft is never resolved"

            # A later run (another executor) while the dead run still holds its lease: it uses none of its draft.
            settings = dataclasses.replace(
                ExecutorSettings.from_env(), cache_address=stack.cache_address, storage=storage,
                settle_timeout_ms=1500.0,
            )
            survivor = await start_executor_service(settings)
            stack.extra.append(survivor)
            async with ExecutorClient(survivor.address) as client:
                # The same workflow with a short final wait (an edit of the last, uncacheable block only).
                shorter = _lingering_demo("killed", 0)
                later = (await client.run(shorter, parameters=params, run_with="code")).summary
            # Nothing was cached: every demo block went through the agent, none came from the dead run's draft.
            assert later.status == run_pb2.RUN_STATUS_COMPLETED, later.error
            assert later.script_version == 0
            assert {b.mode for b in later.blocks if b.label != "linger"} == {run_pb2.BLOCK_MODE_AGENT}
            assert later.published_version == 1, later.error
            script = (await stub.ListScripts(
                pb.ListScriptsRequest(workflow_id="killed"), metadata=outgoing_metadata(ORG)
            )).scripts[0]
            version = await stub.GetScriptVersion(
                pb.GetScriptVersionRequest(script_id=script.script_id, version=1), metadata=outgoing_metadata(ORG)
            )
            assert version.version.source_run_id == later.run_id
            assert all(dead_run not in block.file.storage_key for block in version.blocks)

            async def abandoned() -> bool:
                return (await get_run(stub, dead_run)).summary.status == run_pb2.RUN_STATUS_ABANDONED

            assert await eventually(abandoned, timeout_s=LEASE_S + 10)
            dead = await get_run(stub, dead_run)
            assert "lease expired" in dead.summary.error and dead.summary.published_version == 0
            assert not dead.draft.usable
            with pytest.raises(grpc.aio.AioRpcError) as late:
                await stub.FinishRun(
                    pb.FinishRunRequest(run_id=dead_run, status=run_pb2.RUN_STATUS_COMPLETED),
                    metadata=outgoing_metadata(ORG, dead_run),
                )
            assert late.value.code() == grpc.StatusCode.FAILED_PRECONDITION
            assert await version_numbers(stub, "killed") == [1], "the late finish published nothing"
