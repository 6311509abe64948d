"""A sustained mixed load on the cache service, as executors and operators would put on it: resolve, start,
record each block (as code when cached, through the agent otherwise; now and then a fallback that regenerates
the block), finish, read the run back, list recent runs."""

from __future__ import annotations

import asyncio
import itertools
import time

import grpc

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2, workflow_pb2
from tests.cache.builders import block_run, linear_workflow
from tests.load.recorder import Recorder

RS = run_pb2
BLOCKS = 3
# One run in FALLBACK_EVERY records a block that fell back to the agent: that block is regenerated (rule 7).
FALLBACK_EVERY = 25


async def put_workflows(stub: cache_service_pb2_grpc.CacheServiceStub, org: str, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        definition: workflow_pb2.Workflow = linear_workflow(BLOCKS)
        await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=definition), metadata=outgoing_metadata(org))
        ids.append(definition.workflow_id)
    return ids


async def _one_run(
    stub: cache_service_pb2_grpc.CacheServiceStub, org: str, workflow_id: str, number: int, rec: Recorder
) -> None:
    meta = outgoing_metadata(org)
    params = {"email": f"user{number}@example.com"}
    await rec.call("ResolveScript", stub.ResolveScript(
        pb.ResolveScriptRequest(workflow_id=workflow_id, parameters=params), metadata=meta, timeout=30
    ))
    started = await rec.call("StartRun", stub.StartRun(
        pb.StartRunRequest(workflow_id=workflow_id, parameters=params, run_with=RS.RUN_WITH_AUTO),
        metadata=meta, timeout=30,
    ))
    run_id = started.run_id
    cached = {block.label for block in started.resolution.cached_blocks}
    run_meta = outgoing_metadata(org, run_id)
    for sequence in range(BLOCKS):
        label = f"step_{sequence}"
        mode = RS.BLOCK_MODE_CODE if label in cached else RS.BLOCK_MODE_AGENT
        if label in cached and number % FALLBACK_EVERY == 0 and sequence == number % BLOCKS:
            mode = RS.BLOCK_MODE_FALLBACK
        await rec.call("RecordBlockRun", stub.RecordBlockRun(
            pb.RecordBlockRunRequest(run_id=run_id, block_run=block_run(label, sequence, mode=mode)),
            metadata=run_meta, timeout=30,
        ))
    await rec.call("FinishRun", stub.FinishRun(
        pb.FinishRunRequest(run_id=run_id, status=RS.RUN_STATUS_COMPLETED, wall_ms=10), metadata=run_meta, timeout=60
    ))
    got = await rec.call("GetRun", stub.GetRun(pb.GetRunRequest(run_id=run_id), metadata=meta, timeout=30))
    assert got.summary.status == RS.RUN_STATUS_COMPLETED and len(got.block_runs) == BLOCKS
    await rec.call("ListRuns", stub.ListRuns(
        pb.ListRunsRequest(workflow_id=workflow_id, limit=20), metadata=meta, timeout=30
    ))


async def mixed_load(address: str, org: str, *, seconds: float, workers: int, workflows: int) -> Recorder:
    """``workers`` loops, each running whole runs back to back over ``workflows`` workflows until time is up."""
    numbers = itertools.count()
    async with grpc.aio.insecure_channel(address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        ids = await put_workflows(stub, org, workflows)
        deadline = time.perf_counter() + seconds
        rec = Recorder(workflow_ids=ids)

        async def worker() -> None:
            while time.perf_counter() < deadline:
                number = next(numbers)
                try:
                    await _one_run(stub, org, ids[number % len(ids)], number, rec)
                except grpc.aio.AioRpcError:
                    pass  # kept in rec.errors; the load goes on
                except AssertionError as exc:
                    rec.errors.append(f"inconsistent run: {exc}")

        await asyncio.gather(*(worker() for _ in range(workers)))
        rec.stop()
    return rec
