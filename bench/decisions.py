"""Cache decision latency on PostgreSQL: FinishRun (nothing to regenerate) and ResolveScript, 16 clients at once."""

from __future__ import annotations

import asyncio
import dataclasses
import pathlib
import time
from typing import Any

import grpc

from bench.stats import median, percentile
from cache_service.bootstrap import CacheSettings, start_cache_service
from codegen_service.bootstrap import CodegenSettings, start_codegen_service
from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2
from tests.cache.builders import block_run, linear_workflow
from tests.support.postgres import postgres_cluster
from tests.support.services import local_storage

ORG = "bench"
BLOCKS = 5
CLIENTS = 16
META = outgoing_metadata(ORG)


async def _recorded_run(stub: cache_service_pb2_grpc.CacheServiceStub, workflow_id: str, mode: int) -> str:
    started = await stub.StartRun(
        pb.StartRunRequest(workflow_id=workflow_id, parameters={"email": "a@example.com"},
                           run_with=run_pb2.RUN_WITH_CODE),
        metadata=META,
    )
    for sequence in range(BLOCKS):
        record = block_run(f"step_{sequence}", sequence, mode=mode)
        await stub.RecordBlockRun(pb.RecordBlockRunRequest(run_id=started.run_id, block_run=record), metadata=META)
    return started.run_id


async def measure(home: pathlib.Path, calls: int, progress: Any) -> dict[str, Any]:
    with postgres_cluster() as database_url:
        storage = local_storage(home / "objects")
        codegen = await start_codegen_service(dataclasses.replace(CodegenSettings.from_env(), storage=storage))
        cache = await start_cache_service(
            dataclasses.replace(CacheSettings.from_env(), database_url=database_url, codegen_address=codegen.address)
        )
        try:
            async with grpc.aio.insecure_channel(cache.address) as channel:
                stub = cache_service_pb2_grpc.CacheServiceStub(channel)
                definition = linear_workflow(BLOCKS)
                await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=definition), metadata=META)
                first = await _recorded_run(stub, definition.workflow_id, run_pb2.BLOCK_MODE_AGENT)
                await stub.FinishRun(
                    pb.FinishRunRequest(run_id=first, status=run_pb2.RUN_STATUS_COMPLETED), metadata=META
                )
                progress(f"preparing {calls // 2} runs that need no regeneration")
                run_ids = [await _recorded_run(stub, definition.workflow_id, run_pb2.BLOCK_MODE_CODE)
                           for _ in range(calls // 2)]
                work: list[tuple[str, str]] = [("finish", r) for r in run_ids] + [("resolve", "")] * (calls // 2)
                latencies: dict[str, list[float]] = {"finish": [], "resolve": []}
                published: list[int] = []
                queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
                for item in sorted(work, key=lambda w: hash(w) % 997):
                    queue.put_nowait(item)

                async def client() -> None:
                    while not queue.empty():
                        kind, run_id = queue.get_nowait()
                        started = time.perf_counter()
                        if kind == "finish":
                            done = await stub.FinishRun(
                                pb.FinishRunRequest(run_id=run_id, status=run_pb2.RUN_STATUS_COMPLETED), metadata=META
                            )
                            published.append(done.published_version)
                        else:
                            await stub.ResolveScript(
                                pb.ResolveScriptRequest(workflow_id=definition.workflow_id,
                                                        parameters={"email": "b@example.com"}),
                                metadata=META,
                            )
                        latencies[kind].append((time.perf_counter() - started) * 1000)

                progress(f"{calls} decisions from {CLIENTS} concurrent clients")
                started = time.perf_counter()
                await asyncio.gather(*(client() for _ in range(CLIENTS)))
                wall = time.perf_counter() - started
        finally:
            await cache.stop(1)
            await codegen.stop(1)
    every = latencies["finish"] + latencies["resolve"]
    return {
        "decision_p50_ms": round(percentile(every, 50), 2),
        "decision_p99_ms": round(percentile(every, 99), 2),
        "decisions_per_s": round(len(every) / wall, 1),
        "finish_run_p50_ms": round(median(latencies["finish"]), 2),
        "resolve_script_p50_ms": round(median(latencies["resolve"]), 2),
        "decision_calls": len(every),
        "regenerations_during_decision_load": sum(1 for v in published if v),
    }
