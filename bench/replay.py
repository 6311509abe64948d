"""Replay figures: code mode vs the hand-written floor, agent vs code, agent-step counts, runs per second."""

from __future__ import annotations

import asyncio
import json
import pathlib
import time
from typing import Any

import grpc
from playwright.async_api import Browser, async_playwright

from bench.handwritten import handwritten_quote
from bench.stats import median, timed_ms
from examples.demo_site import start_demo_site
from executor_service.browser.launch import launch_chromium
from executor_service.engine.script_loader import LoadedScript, ScriptLoader
from executor_service.runtime import Page, RunContext
from services.call_context import outgoing_metadata
from services.client import ExecutorClient
from services.gen.rote.v1 import cache_service_pb2, cache_service_pb2_grpc, run_pb2, trace_pb2
from services.storage import open_object_store
from services.workflows import load_parameters_file, load_workflow_file
from tests.support.services import RunningStack, running_stack

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORKFLOW = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")


def _params(name: str, base_url: str) -> dict[str, str]:
    return {**load_parameters_file(ROOT / "examples" / "params" / f"{name}.yaml"), "base_url": base_url}


async def _load_published(stack: RunningStack, params: dict[str, str]) -> LoadedScript:
    async with grpc.aio.insecure_channel(stack.cache.address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        public = {p.key: params[p.key] for p in WORKFLOW.parameters if not p.secret and p.key in params}
        resolved = await stub.ResolveScript(
            cache_service_pb2.ResolveScriptRequest(workflow_id=WORKFLOW.workflow_id, parameters=public),
            metadata=outgoing_metadata("default"),
        )
    return await ScriptLoader(open_object_store(stack.storage)).load(list(resolved.resolution.cached_blocks))


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


async def measure(home: pathlib.Path, repetitions: int, progress: Any) -> dict[str, Any]:
    site = start_demo_site()
    first, second = _params("demo_first", site.url), _params("demo_second", site.url)
    results: dict[str, Any] = {}
    try:
        async with (
            running_stack(home, executor_overrides={"max_concurrent_runs": 8}) as stack,
            ExecutorClient(stack.executor.address) as client,
            async_playwright() as playwright,
        ):
            browser = await launch_chromium(playwright)
            progress("agent run (records and publishes the script)")
            agent_first = await _service_run(client, first, "agent")
            script = await _load_published(stack, second)
            # Warm-up: one of each path, not measured.
            await handwritten_quote(browser, site.url, second)
            await _runtime_replay(browser, script, second)
            await _service_run(client, second, "code")
            floor, runtime, service, agent, code_steps, code_llm, regenerations = [], [], [], [], [], [], 0
            for rep in range(repetitions):
                progress(f"side-by-side repetition {rep + 1}/{repetitions}")
                floor.append(await timed_ms(lambda: handwritten_quote(browser, site.url, second)))
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
                floor_ms=median(floor),
                runtime_replay_ms=median(runtime),
                code_run_ms=median(service),
                agent_run_ms=median(agent),
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
    finally:
        site.stop()
    return results

