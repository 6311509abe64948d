"""Replay figures: code mode vs the hand-written floor, agent vs code, agent-step counts, runs per second."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import pathlib
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import grpc
from playwright.async_api import Browser, async_playwright

from bench.handwritten import handwritten_quote
from bench.stats import median, timed_ms
from executor_service.browser.launch import launch_chromium
from executor_service.engine.script_loader import LoadedScript, ScriptLoader
from executor_service.runtime import Page, RunContext
from services.call_context import outgoing_metadata
from services.cli.local_stack import LocalStack, free_port
from services.client import CacheClient, ExecutorClient
from services.gen.rote.v1 import cache_service_pb2, cache_service_pb2_grpc, run_pb2, trace_pb2
from services.settings import StorageSettings
from services.storage import open_object_store
from services.workflows import load_parameters_file, load_workflow_file

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORKFLOW = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")


def _params(name: str, base_url: str) -> dict[str, str]:
    return {**load_parameters_file(ROOT / "examples" / "params" / f"{name}.yaml"), "base_url": base_url}


async def _load_published(stack: LocalStack, params: dict[str, str]) -> LoadedScript:
    async with grpc.aio.insecure_channel(stack.address("cache")) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        public = {p.key: params[p.key] for p in WORKFLOW.parameters if not p.secret and p.key in params}
        resolved = await stub.ResolveScript(
            cache_service_pb2.ResolveScriptRequest(workflow_id=WORKFLOW.workflow_id, parameters=public),
            metadata=outgoing_metadata("default"),
        )
    storage = dataclasses.replace(StorageSettings.from_env(), backend="local", local_root=str(stack.home / "objects"))
    return await ScriptLoader(open_object_store(storage)).load(list(resolved.resolution.cached_blocks))


async def _runtime_replay(browser: Browser, script: LoadedScript, params: dict[str, str]) -> dict[str, Any]:
    """The generated functions alone, in process: no gRPC, no storage, no records."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        ctx = RunContext(
            run_id="bench",
            parameters=params,
            secret_keys=frozenset(p.key for p in WORKFLOW.parameters if p.secret),
            schemas={
                b.label: json.loads(b.extraction_schema_json) for b in WORKFLOW.blocks if b.extraction_schema_json
            },
        )

        async def ignore(action: trace_pb2.Action, healed: bool) -> None:
            return None

        replay = Page(page, ctx, on_action=ignore)
        for block in WORKFLOW.blocks:
            await script.run_block(block.label, replay, ctx)
        return ctx.outputs
    finally:
        await context.close()


async def _service_run(client: ExecutorClient, params: dict[str, str], run_with: str) -> run_pb2.RunSummary:
    result = await client.run(WORKFLOW, parameters=params, run_with=run_with)
    if result.summary.status != run_pb2.RUN_STATUS_COMPLETED:
        raise RuntimeError(f"{run_with} run failed: {result.summary.error}")
    return result.summary


async def _throughput(client: ExecutorClient, params: dict[str, str], concurrency: int, runs: int) -> float:
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await _service_run(client, params, "code")

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(runs)))
    return runs / (time.perf_counter() - started)


@contextlib.contextmanager
def _demo_site_process() -> Iterator[str]:
    """The demo site in its own process, as a real site would be: no GIL shared with the code under test."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "examples.demo_site", "--port", str(port)], stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/login", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


async def measure(home: pathlib.Path, repetitions: int, progress: Any) -> dict[str, Any]:
    """The services run as their own processes (as `rote up` starts them), the site in another."""
    results: dict[str, Any] = {}
    stack = LocalStack(
        home,
        {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
        extra_env={"ROTE_MAX_CONCURRENT_RUNS": "8", "ROTE_LOG_LEVEL": "WARNING"},
    )
    with _demo_site_process() as site_url:
        await stack.start()
        try:
            results = await _measure(stack, site_url, repetitions, progress)
        finally:
            await asyncio.to_thread(stack.stop)
    return results


async def _measure(stack: LocalStack, site_url: str, repetitions: int, progress: Any) -> dict[str, Any]:
    first, second = _params("demo_first", site_url), _params("demo_second", site_url)
    results: dict[str, Any] = {}
    async with (
        ExecutorClient(stack.address("executor")) as client,
        async_playwright() as playwright,
    ):
        browser = await launch_chromium(playwright)
        progress("agent run (records and publishes the script)")
        agent_first = await _service_run(client, first, "agent")
        async with CacheClient(stack.address("cache")) as cache:
            recorded = await cache.get_run(agent_first.run_id)
        results["generations_per_block"] = recorded.max_generations_per_block
        script = await _load_published(stack, second)
        # Warm-up: one of each path, not measured.
        await handwritten_quote(browser, site_url, second)
        await _runtime_replay(browser, script, second)
        await _service_run(client, second, "code")
        floor, runtime, service, agent, code_steps, code_llm, regenerations = [], [], [], [], [], [], 0
        for rep in range(repetitions):
            progress(f"side-by-side repetition {rep + 1}/{repetitions}")
            floor.append(await timed_ms(lambda: handwritten_quote(browser, site_url, second)))
            runtime.append(await timed_ms(lambda: _runtime_replay(browser, script, second)))
            started = time.perf_counter()
            code_summary = await _service_run(client, second, "code")
            service.append((time.perf_counter() - started) * 1000)
            code_steps.append(code_summary.agent_steps)
            code_llm.append(code_summary.llm_calls)
            regenerations += int(code_summary.published_version != 0)
            started = time.perf_counter()
            await _service_run(client, first, "agent")
            agent.append((time.perf_counter() - started) * 1000)
        results.update(
            floor_ms=round(median(floor), 1),
            runtime_replay_ms=round(median(runtime), 1),
            code_run_ms=round(median(service), 1),
            agent_run_ms=round(median(agent), 1),
            replay_overhead_ratio=round(median([s / f for s, f in zip(service, floor, strict=True)]), 3),
            replay_overhead_ratio_runtime=round(median([r / f for r, f in zip(runtime, floor, strict=True)]), 3),
            agent_vs_code_speedup=round(median([a / s for a, s in zip(agent, service, strict=True)]), 3),
            agent_steps_agent_mode=agent_first.agent_steps,
            agent_steps_code_mode=max(code_steps),
            llm_calls_code_mode=max(code_llm),
            regenerations_on_identical_rerun=regenerations,
        )
        for concurrency, runs in ((1, 6), (4, 12), (8, 16)):
            progress(f"throughput at concurrency {concurrency}")
            rates = [await _throughput(client, second, concurrency, runs) for _ in range(repetitions)]
            results[f"code_runs_per_s_c{concurrency}"] = round(median(rates), 2)
        await browser.close()
    return results

