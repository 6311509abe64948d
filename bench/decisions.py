"""Cache decisions per replica on PostgreSQL: FinishRun (nothing to regenerate) and ResolveScript from 16 clients at
once, with the resolution cache off (before) and on (after), side by side in alternating rounds; medians reported.

The clients run in their own process, as executors do: the replica's event loop and CPU serve decisions only.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import json
import multiprocessing
import os
import pathlib
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import grpc
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bench.cpu_by_process import snapshot
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
ROUNDS = 3
META = outgoing_metadata(ORG)
MODES = {"uncached": 0, "cached": CacheSettings.from_env().resolution_cache_size or 10_000}


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


async def _drive(address: str, workflow_id: str, run_ids: list[str], resolves: int) -> dict[str, Any]:
    """The clients: every call timed from here, the replica's side of the network included."""
    async with grpc.aio.insecure_channel(address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        resolve = pb.ResolveScriptRequest(workflow_id=workflow_id, parameters={"email": "b@example.com"})
        await stub.ResolveScript(resolve, metadata=META)  # connected, and the replica has seen the workflow
        work: list[tuple[str, str]] = [("finish", r) for r in run_ids] + [("resolve", "")] * resolves
        queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        for item in sorted(work, key=lambda w: hash(w) % 997):
            queue.put_nowait(item)
        latencies: dict[str, list[float]] = {"finish": [], "resolve": []}
        published: list[int] = []

        async def client() -> None:
            while not queue.empty():
                kind, run_id = queue.get_nowait()
                started = time.perf_counter()
                if kind == "finish":
                    finish = pb.FinishRunRequest(run_id=run_id, status=run_pb2.RUN_STATUS_COMPLETED)
                    published.append((await stub.FinishRun(finish, metadata=META)).published_version)
                else:
                    await stub.ResolveScript(resolve, metadata=META)
                latencies[kind].append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(CLIENTS)))
        wall = time.perf_counter() - started
    return {"latencies": latencies, "wall_s": wall, "regenerations": sum(1 for v in published if v)}


def _client_process(address: str, workflow_id: str, run_ids: list[str], resolves: int) -> dict[str, Any]:
    return asyncio.run(_drive(address, workflow_id, run_ids, resolves))


def _cluster_cpu_s(database_url: str) -> float:
    """CPU of the PostgreSQL cluster serving ``database_url`` (its postmaster and every backend), from /proc."""
    port = str(make_url(database_url).port)
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmd:
                args = cmd.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if args[0].endswith("postgres") and "-p" in args[:-1] and args[args.index("-p") + 1] == port:
            return sum(proc.own for proc in snapshot([int(entry)]).values()) / os.sysconf("SC_CLK_TCK")
    return 0.0


async def _analyse(database_url: str) -> None:
    """A database in service has planner statistics (autovacuum analyses a table once it grows); this one is
    seconds old and has none, and PostgreSQL then finds a run by scanning its organisation's runs."""
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:  # committed: statistics gathered in a rolled back one are lost
            await connection.execute(text("ANALYZE"))
    finally:
        await engine.dispose()


async def _round(
    pool: ProcessPoolExecutor, settings: CacheSettings, calls: int, progress: Any, profile: str, finishes: int
) -> dict[str, Any]:
    cache = await start_cache_service(settings)
    try:
        async with grpc.aio.insecure_channel(cache.address) as channel:
            stub = cache_service_pb2_grpc.CacheServiceStub(channel)
            definition = linear_workflow(BLOCKS)
            await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=definition), metadata=META)
            first = await _recorded_run(stub, definition.workflow_id, run_pb2.BLOCK_MODE_AGENT)
            await stub.FinishRun(pb.FinishRunRequest(run_id=first, status=run_pb2.RUN_STATUS_COMPLETED), metadata=META)
            progress(f"preparing {finishes} runs that need no regeneration")
            run_ids = [await _recorded_run(stub, definition.workflow_id, run_pb2.BLOCK_MODE_CODE)
                       for _ in range(finishes)]
        await _analyse(settings.database_url)
        loop = asyncio.get_running_loop()
        profiler = cProfile.Profile() if profile else None
        cpu, database_cpu = time.process_time(), _cluster_cpu_s(settings.database_url)
        if profiler is not None:
            profiler.enable()
        result: dict[str, Any] = await loop.run_in_executor(
            pool, _client_process, cache.address, definition.workflow_id, run_ids, calls - finishes
        )
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        # This process is the replica (codegen idles meanwhile): its CPU per decision does not depend on the load.
        result["server_cpu_s"] = time.process_time() - cpu
        # The replica's PostgreSQL shares the machine's cores with it.
        result["database_cpu_s"] = _cluster_cpu_s(settings.database_url) - database_cpu
        return result
    finally:
        await cache.stop(1)


def _figures(result: dict[str, Any]) -> dict[str, float]:
    every = result["latencies"]["finish"] + result["latencies"]["resolve"]
    return {
        "decisions_per_s": len(every) / result["wall_s"],
        "decision_p50_ms": percentile(every, 50),
        "decision_p99_ms": percentile(every, 99),
        "finish_run_p50_ms": median(result["latencies"]["finish"] or [0.0]),
        "resolve_script_p50_ms": median(result["latencies"]["resolve"] or [0.0]),
        "decision_server_cpu_ms": result["server_cpu_s"] * 1000 / len(every),
        "decision_database_cpu_ms": result["database_cpu_s"] * 1000 / len(every),
    }


async def measure(
    home: pathlib.Path, calls: int, progress: Any, rounds: int = ROUNDS, *, modes: Sequence[str] = tuple(MODES),
    profile: str = "", finish_share: float = 0.5,
) -> dict[str, Any]:
    """``profile``: write the replica's cProfile statistics of each mode's last round to ``<profile>.<mode>``;
    ``finish_share``: the part of the calls that are FinishRun (the rest are ResolveScript)."""
    finishes = round(calls * finish_share)
    figures: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    regenerations = 0
    with postgres_cluster() as database_url:
        storage = local_storage(home / "objects")
        codegen = await start_codegen_service(dataclasses.replace(CodegenSettings.from_env(), storage=storage))
        spawn = multiprocessing.get_context("spawn")
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
                for number in range(1, rounds + 1):
                    line = []
                    for mode in modes:
                        size = MODES[mode]
                        settings = dataclasses.replace(
                            CacheSettings.from_env(), database_url=database_url, codegen_address=codegen.address,
                            resolution_cache_size=size, lease_sweep_s=0,
                        )
                        progress(f"round {number}/{rounds}, resolution cache {mode}: {calls} decisions, {CLIENTS} "
                                 "clients")
                        profiled = f"{profile}.{mode}" if profile and number == rounds else ""
                        result = await _round(pool, settings, calls, progress, profiled, finishes)
                        regenerations += result["regenerations"]
                        figures[mode].append(_figures(result))
                        last = figures[mode][-1]
                        line.append(f"{mode} {last['decisions_per_s']:.0f}/s p99 {last['decision_p99_ms']:.1f} ms")
                    progress(f"round {number}: " + " | ".join(line) + f" (load {os.getloadavg()[0]:.1f})")
        finally:
            await codegen.stop(1)
    results: dict[str, Any] = {}
    for mode, suffix in (("cached", ""), ("uncached", "_uncached")):
        for key in figures[mode][0] if figures.get(mode) else ():
            value = median([round_[key] for round_ in figures[mode]])
            results[key + suffix] = round(value, 1 if key == "decisions_per_s" else 2)
    results.update(
        decision_calls=calls,
        decision_rounds=rounds,
        decision_load_avg=round(os.getloadavg()[0], 1),
        regenerations_during_decision_load=regenerations,
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=800, help="FinishRun + ResolveScript calls per round")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds per mode (medians reported)")
    parser.add_argument("--modes", default=",".join(MODES), help="resolution cache modes to run: cached,uncached")
    parser.add_argument("--finish-share", type=float, default=0.5, help="part of the calls that are FinishRun")
    parser.add_argument("--profile", default="", help="write cProfile stats of the replica to PATH.<mode>")
    args = parser.parse_args()
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory(prefix="rote-decisions-") as tmp:
        results = asyncio.run(
            measure(
                pathlib.Path(tmp), args.calls, lambda m: print(time.strftime("%H:%M:%S"), m), args.rounds,
                modes=[m for m in args.modes.split(",") if m], profile=args.profile, finish_share=args.finish_share,
            )
        )
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
