"""`replay_overhead_ratio_fast`: code runs through the services ÷ the hand-written floor, on fast corpus pages.

The demo's quote form appears 800 ms after load on purpose, so there the floor is mostly that wait and the
services' own cost hides in it. Here the pages are corpus tasks with no artificial delay (no late content, no
debounce, no timed modal) whose recorded script replays in pure code mode. Per task: one agent run on seed 0
records and publishes the script; then, per repetition, on a fresh instance of the same seed each, the task's
hand-written Playwright floor (goto + solve, context and page made before the clock starts) and a
``run_with=code`` run through the executor's gRPC API (the client's whole call, as a user waits for it), in
alternating order. The page's own verdict is read after every run: only runs the page accepted and that
replayed in pure code (0 agent steps, nothing healed, no fallback) enter the ratio; the others are counted.

Headline: the median over tasks of each task's median paired ratio (code ÷ floor). Beside it: medians of the
floor and the code run, the extra milliseconds, and where the extra time sits as the client sees the events
(until the first action's event, which is the goto's, so the page load is in it; between the first and the last
action's events; after the last one: records and finish).

Run alone: ``python -m bench.fast_replay [--repetitions N] [--tasks a,b]`` (prints JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pathlib
import tempfile
import time
from typing import Any

from playwright.async_api import Browser, async_playwright

from bench.corpus.floor import time_floor
from bench.corpus.rows import last_output
from bench.corpus.site import CorpusClient, corpus_site_process
from bench.stats import median
from examples.corpus.registry import all_tasks
from executor_service.browser.launch import launch_chromium
from services.cli.local_stack import LocalStack, free_port
from services.client import ExecutorClient
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2
from services.workflows.yaml_format import workflow_from_mapping

# Corpus tasks whose pages have no artificial delay and whose scripts replayed in pure code on every seed of
# the corpus report of 2026-12-03 (bench/corpus_after_2026-12-03.json): one or more per pattern that qualifies.
FAST_TASKS: tuple[str, ...] = (
    "toolbar-command",
    "help-centre-link",
    "order-row-link",
    "callback-phone-mask",
    "notification-channels",
    "pizza-radio-toppings",
    "product-dropdowns",
    "appointment-calendar",
    "shadow-feedback",
)
RECORD_SEED = 0
RUN_TIMEOUT_S = 60


def _workflow(instance: dict[str, Any], workflow_id: str) -> Any:
    return workflow_from_mapping({**instance["workflow"], "workflow_id": workflow_id}, instance["task"])


async def _verdict(site: CorpusClient, instance: dict[str, Any], output: Any) -> bool:
    if instance["needs_output"]:
        return bool((await site.verdict(instance["token"], output=output, post=True))["ok"])
    return bool((await site.verdict(instance["token"]))["ok"])


async def _code_run(
    executor: ExecutorClient, site: CorpusClient, task: str, seed: int, workflow_id: str, run_with: str = "code"
) -> dict[str, Any]:
    """One run through the executor, timed as the caller waits; event arrival times split it into phases."""
    instance = await site.instance(task, seed)
    workflow = _workflow(instance, workflow_id)
    arrivals: list[tuple[str, float]] = []

    def seen(event: ex_pb.RunWorkflowResponse) -> None:
        arrivals.append((event.WhichOneof("event") or "", time.perf_counter()))

    started = time.perf_counter()
    result = await executor.run(
        workflow, parameters=dict(instance["params"]), run_with=run_with, timeout_seconds=RUN_TIMEOUT_S,
        on_event=seen,
    )
    ended = time.perf_counter()
    summary = result.summary
    actions = [at for kind, at in arrivals if kind == "action_done"]
    ok = await _verdict(site, instance, last_output(summary))
    pure = (
        summary.status == run_pb2.RUN_STATUS_COMPLETED
        and summary.agent_steps == 0
        and all(b.mode in (run_pb2.BLOCK_MODE_CODE, run_pb2.BLOCK_MODE_LIVE) for b in summary.blocks)
        and any(b.mode == run_pb2.BLOCK_MODE_CODE for b in summary.blocks)
        and all(b.healed_actions == 0 for b in summary.blocks)
    )
    modes = ",".join(run_pb2.BlockMode.Name(b.mode).removeprefix("BLOCK_MODE_").lower() for b in summary.blocks)
    return {
        "ms": (ended - started) * 1000,
        "ok": ok,
        "pure": pure,
        "why": f"{run_pb2.RunStatus.Name(summary.status)} blocks {modes} agent steps {summary.agent_steps} "
        f"{summary.error[:200]}".strip(),
        "actions": len(actions),
        "before_first_action_ms": ((actions[0] - started) * 1000) if actions else None,
        "actions_span_ms": ((actions[-1] - actions[0]) * 1000) if actions else None,
        "after_last_action_ms": ((ended - actions[-1]) * 1000) if actions else None,
    }


async def _floor_run(browser: Browser, site: CorpusClient, task: str, seed: int) -> dict[str, Any]:
    floor = all_tasks()[task].floor
    instance = await site.instance(task, seed)
    timed = await time_floor(browser, floor, instance["start_url"], dict(instance["params"]))
    ok = not timed.error and await _verdict(site, instance, timed.output)
    return {"ms": timed.wall_ms, "ok": ok, "why": timed.error[:200]}


async def measure(
    home: pathlib.Path, repetitions: int, progress: Any, tasks: tuple[str, ...] = FAST_TASKS
) -> dict[str, Any]:
    """The corpus site and the services as their own processes; one floor browser in this process."""
    with corpus_site_process(home / "logs" / "corpus-site.log") as url:
        stack = LocalStack(
            home / "stack",
            {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
            extra_env={"ROTE_MAX_CONCURRENT_RUNS": "4", "ROTE_LOG_LEVEL": "WARNING"},
        )
        await stack.start()
        try:
            async with ExecutorClient(stack.address("executor")) as executor, async_playwright() as playwright:
                browser = await launch_chromium(playwright)
                try:
                    return await _measure(CorpusClient(url), executor, browser, repetitions, progress, tasks)
                finally:
                    await browser.close()
        finally:
            await asyncio.to_thread(stack.stop)


async def _measure(
    site: CorpusClient,
    executor: ExecutorClient,
    browser: Browser,
    repetitions: int,
    progress: Any,
    tasks: tuple[str, ...],
) -> dict[str, Any]:
    loads = [os.getloadavg()[0]]
    workflow_ids = {task: f"fast_{task.replace('-', '_')}" for task in tasks}
    usable: list[str] = []
    for task in tasks:
        progress(f"fast replay: recording {task} (agent run, seed {RECORD_SEED})")
        recorded = await _code_run(executor, site, task, RECORD_SEED, workflow_ids[task], run_with="agent")
        if recorded["ok"]:
            usable.append(task)
        # Warm-up, not measured: the first code run loads the published script; the first floor warms Chromium.
        await _code_run(executor, site, task, RECORD_SEED, workflow_ids[task])
        await _floor_run(browser, site, task, RECORD_SEED)
    pairs: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {task: [] for task in usable}
    excluded: list[str] = []
    for rep in range(repetitions):
        progress(f"fast replay: side-by-side repetition {rep + 1}/{repetitions} over {len(usable)} tasks")
        loads.append(os.getloadavg()[0])
        seed = rep % 5 + 1
        for index, task in enumerate(usable):
            if (rep + index) % 2:
                code = await _code_run(executor, site, task, seed, workflow_ids[task])
                floor = await _floor_run(browser, site, task, seed)
            else:
                floor = await _floor_run(browser, site, task, seed)
                code = await _code_run(executor, site, task, seed, workflow_ids[task])
            if code["ok"] and code["pure"] and floor["ok"]:
                pairs[task].append((code, floor))
            else:
                excluded.append(
                    f"{task} seed {seed}: code ok={code['ok']} pure={code['pure']} ({code['why']}); "
                    f"floor ok={floor['ok']} {floor['why']}".strip()
                )
    return _summarise(pairs, excluded, tasks, usable, loads)


def _summarise(
    pairs: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]],
    excluded: list[str],
    tasks: tuple[str, ...],
    usable: list[str],
    loads: list[float],
) -> dict[str, Any]:
    per_task: dict[str, dict[str, float]] = {}
    for task, kept in pairs.items():
        if not kept:
            continue
        per_task[task] = {
            "ratio": round(median([c["ms"] / f["ms"] for c, f in kept]), 3),
            "code_ms": round(median([c["ms"] for c, _ in kept]), 1),
            "floor_ms": round(median([f["ms"] for _, f in kept]), 1),
        }
    everything = [pair for kept in pairs.values() for pair in kept]
    if not everything:
        return {"replay_overhead_ratio_fast": None, "fast_replay_excluded_runs": len(excluded),
                "fast_replay_excluded": excluded}

    def phase(key: str) -> float:
        values = [c[key] for c, _ in everything if c[key] is not None]
        return round(median(values), 1) if values else 0.0

    return {
        "replay_overhead_ratio_fast": round(median([v["ratio"] for v in per_task.values()]), 3),
        "fast_floor_ms": round(median([f["ms"] for _, f in everything]), 1),
        "fast_code_run_ms": round(median([c["ms"] for c, _ in everything]), 1),
        "fast_extra_ms": round(median([c["ms"] - f["ms"] for c, f in everything]), 1),
        "fast_before_first_action_ms": phase("before_first_action_ms"),
        "fast_actions_span_ms": phase("actions_span_ms"),
        "fast_after_last_action_ms": phase("after_last_action_ms"),
        "fast_replay_by_task": per_task,
        "fast_replay_pairs": len(everything),
        "fast_replay_excluded_runs": len(excluded),
        "fast_replay_excluded": excluded,  # why each pair was left out: the page said no, or the replay was not pure
        "fast_replay_tasks_unrecorded": [t for t in tasks if t not in usable],
        "fast_replay_load_avg_1m": round(median(loads), 2),
    }


# Before the cuts of issue 18's goal 1: this module on main (29d1cba), 2026-12-03, 3 repetitions, 2 shared cores. Three
# runs gave 1.119 / 1.214 / 1.443 at load average 12.8 / 18.5 / 17.9; the middle one is kept (with its own ms).
BEFORE = {"replay_overhead_ratio_fast": 1.214, "fast_extra_ms": 331.0, "fast_before_first_action_ms": 282.6}
GOALS = {"replay_overhead_ratio_fast": "<= 1.10"}


def comparison(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, before, now, goal) rows; the demo's ratio (whose floor is mostly an 800 ms wait) beside them."""
    rows = [(key, str(BEFORE[key]), str(results.get(key)), GOALS.get(key, "")) for key in BEFORE]
    if "replay_overhead_ratio" in results:
        rows.append(("replay_overhead_ratio (demo)", "1.036", str(results["replay_overhead_ratio"]), ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--tasks", help="comma-separated corpus task names (default: the fast set)")
    args = parser.parse_args()
    tasks = tuple(t.strip() for t in args.tasks.split(",") if t.strip()) if args.tasks else FAST_TASKS
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory(prefix="rote-bench-") as tmp:
        started = time.perf_counter()
        results = asyncio.run(measure(pathlib.Path(tmp), args.repetitions, print, tasks))
        results["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
