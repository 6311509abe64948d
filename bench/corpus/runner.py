"""Runs the corpus through the real services: record on seed 0, code replays and agent-alone runs on seeds 1..N."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import functools
import json
import os
import pathlib
import platform
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Browser, async_playwright

from bench.corpus.floor import time_floor
from bench.corpus.report import summarise
from bench.corpus.rows import FloorRow, Progress, RunRow, last_output, redact, workflow_id_for
from bench.corpus.site import CorpusClient, corpus_site_process
from bench.stats import median
from examples.corpus.kit import Task
from examples.corpus.registry import all_tasks
from executor_service.browser.launch import launch_chromium
from services.cli.local_stack import LocalStack, free_port
from services.client import ExecutorClient
from services.enum_labels import enum_label
from services.gen.rote.v1 import run_pb2
from services.workflows.yaml_format import workflow_from_mapping

DEFAULT_OUT = pathlib.Path(__file__).resolve().parent.parent / "corpus.json"
RECORD_SEED = 0
class HarnessError(RuntimeError):
    """The harness itself could not work (bad options, site or services that would not start)."""


@dataclass
class Options:
    """What to run; the defaults are `make corpus`."""

    tasks: list[str] | None = None
    patterns: list[str] | None = None
    seeds: int = 5
    out: pathlib.Path | None = DEFAULT_OUT
    jobs: int = 1
    quiet: bool = False
    run_timeout_s: int = 120
    home: pathlib.Path | None = None  # services' home (database, scripts, logs); a temporary folder when None


class Harness:
    """Drives one task after another (``jobs`` at a time) against one site, one stack and one floor browser."""

    def __init__(
        self, site: CorpusClient, executor: ExecutorClient, browser: Browser, options: Options, progress: Progress
    ) -> None:
        self.site, self.executor, self.browser = site, executor, browser
        self.options, self.progress = options, progress
        self.registry: dict[str, Task] = all_tasks()
        self.runs: list[RunRow] = []
        self.floors: list[FloorRow] = []
        self.task_errors: list[dict[str, str]] = []
        self._floor_runs: dict[str, list[tuple[float | None, dict[str, Any] | None, str]]] = {}

    async def run_once(self, instance: dict[str, Any], mode: str, workflow_id: str) -> RunRow:
        """One run through the executor, then the page's verdict on what its server received."""
        row = RunRow(
            task=instance["task"],
            pattern=instance["pattern"],
            mode=mode,
            seed=int(instance["seed"]),
            values=int(instance.get("values", instance["seed"])),
            lying=bool(instance["lying"]),
            workflow_id=workflow_id,
        )
        declared = instance["workflow"].get("parameters") or []
        secrets = [
            instance["params"].get(p.get("key"), "") for p in declared if isinstance(p, dict) and p.get("secret")
        ]
        summary: run_pb2.RunSummary | None = None
        started = time.perf_counter()
        try:
            workflow = workflow_from_mapping({**instance["workflow"], "workflow_id": workflow_id}, row.task)
            result = await self.executor.run(
                workflow,
                parameters=dict(instance["params"]),
                run_with="agent" if mode in ("record", "agent") else "code",
                timeout_seconds=self.options.run_timeout_s,
            )
            summary = result.summary
        except Exception as exc:  # noqa: BLE001 - a run that raises is a run with status "error"
            row.error = redact(f"{type(exc).__name__}: {exc}", secrets)[:1000]
        row.wall_ms = round((time.perf_counter() - started) * 1000, 1)
        if summary is not None:
            row.rote_status = enum_label(run_pb2.RunStatus, summary.status, "RUN_STATUS_", unset="unspecified")
            row.agent_steps = summary.agent_steps
            row.healed_actions = sum(b.healed_actions for b in summary.blocks)
            row.fallback_blocks = sum(b.mode == run_pb2.BLOCK_MODE_FALLBACK for b in summary.blocks)
            row.fallback = row.fallback_blocks > 0
            row.code_blocks = sum(b.mode == run_pb2.BLOCK_MODE_CODE for b in summary.blocks)
            row.error = redact(summary.error, secrets)[:1000]
            row.run_id, row.script_version = summary.run_id, summary.script_version
            row.published_version = summary.published_version
            row.rote_wall_ms = summary.wall_ms
            row.blocks = [
                {
                    "label": b.label,
                    "mode": enum_label(run_pb2.BlockMode, b.mode, "BLOCK_MODE_"),
                    "status": enum_label(run_pb2.BlockStatus, b.status, "BLOCK_STATUS_"),
                    "duration_ms": b.duration_ms,
                    "agent_steps": b.agent_steps,
                    "healed_actions": b.healed_actions,
                    "reason": redact(b.reason, secrets)[:500],
                }
                for b in summary.blocks
            ]
        if instance["needs_output"]:
            output = last_output(summary) if summary is not None else None
            verdict = await self.site.verdict(instance["token"], output=output, post=True)
        else:
            verdict = await self.site.verdict(instance["token"])
        row.truth_ok, row.truth_reason = verdict["ok"], redact(verdict["reason"], secrets)
        self.runs.append(row)
        self.progress.run(row)
        return row

    async def floor_once(self, task: Task, instance: dict[str, Any]) -> tuple[float | None, dict[str, Any], str]:
        timed = await time_floor(self.browser, task.floor, instance["start_url"], dict(instance["params"]))
        post = bool(instance["needs_output"])
        verdict = await self.site.verdict(instance["token"], output=timed.output, post=post)
        return (None if timed.error else timed.wall_ms), verdict, timed.error

    async def run_task(self, info: dict[str, Any], *, floors_inline: bool) -> None:
        """Record on seed 0; replay that code on seed 0's layout with each seed's values ("same": the page it was
        recorded on, new values); then per seed a code replay and an agent-alone run on that seed's own layout
        (and the floor, when inline)."""
        name = info["name"]
        cached_id = workflow_id_for(name)
        await self.run_once(await self.site.instance(name, RECORD_SEED), "record", cached_id)
        for seed in range(1, self.options.seeds + 1):
            await self.run_once(await self.site.instance(name, RECORD_SEED, values=seed), "same", cached_id)
        for seed in range(1, self.options.seeds + 1):
            await self.run_once(await self.site.instance(name, seed), "code", cached_id)
            await self.run_once(await self.site.instance(name, seed), "agent", f"{cached_id}__agent")
            if floors_inline:
                await self.floor_seed(name, seed)
        if floors_inline:
            self.finish_floor(info)

    async def floor_seed(self, name: str, seed: int) -> None:
        """The floor on a fresh instance of this seed; its time and the page's verdict are kept for the task."""
        kept = self._floor_runs.setdefault(name, [])
        task = self.registry.get(name)
        if task is None:
            kept.append((None, None, f"seed {seed}: no floor: task {name!r} is not in this checkout's registry"))
            return
        wall, verdict, error = await self.floor_once(task, await self.site.instance(name, seed))
        kept.append((wall, verdict, f"seed {seed}: {error}" if error else ""))

    async def floor_task(self, info: dict[str, Any]) -> None:
        for seed in range(1, self.options.seeds + 1):
            await self.floor_seed(info["name"], seed)
        self.finish_floor(info)

    def finish_floor(self, info: dict[str, Any]) -> None:
        name = info["name"]
        kept = self._floor_runs.pop(name, [])
        times = [wall for wall, _, _ in kept if wall is not None]
        verdicts = [verdict for _, verdict, _ in kept if verdict is not None]
        floor = FloorRow(
            task=name,
            pattern=info["pattern"],
            lying=bool(info["lying"]),
            floor_ms=round(median(times), 1) if times else None,
            seeds=len(verdicts),
            truth_ok=bool(verdicts) and all(v["ok"] for v in verdicts),
            truth_ok_runs=sum(v["ok"] for v in verdicts),
            truth_reasons=sorted({v["reason"] for v in verdicts if not v["ok"]}),
            errors=[error for _, _, error in kept if error],
        )
        self.floors.append(floor)
        shown = "-" if floor.floor_ms is None else f"{floor.floor_ms:.0f} ms"
        self.progress.note(f"    {name} floor: median {shown}, page ok {floor.truth_ok_runs}/{floor.seeds}")

    async def warm_up(self, first: dict[str, Any]) -> None:
        """One unmeasured floor, so Chromium's first-page costs do not land on the first task's floor."""
        task = self.registry.get(first["name"])
        if task is not None:
            await self.floor_once(task, await self.site.instance(first["name"], RECORD_SEED))


def select(listing: list[dict[str, Any]], options: Options) -> list[dict[str, Any]]:
    """The site's tasks, narrowed by --tasks and --patterns; a name or pattern the site lacks is an error."""
    chosen = listing
    if options.tasks:
        known = {t["name"] for t in listing}
        missing = [t for t in options.tasks if t not in known]
        if missing:
            raise HarnessError(f"--tasks: the corpus site has no task {', '.join(missing)}")
        chosen = [t for t in chosen if t["name"] in options.tasks]
    if options.patterns:
        known = {t["pattern"] for t in listing}
        missing = [p for p in options.patterns if p not in known]
        if missing:
            raise HarnessError(f"--patterns: the corpus site has no task of pattern {', '.join(missing)}")
        chosen = [t for t in chosen if t["pattern"] in options.patterns]
    if not chosen:
        raise HarnessError("no task matches --tasks and --patterns together")
    return chosen


async def run_corpus(options: Options, printer: Callable[[str], None] = print) -> dict[str, Any]:
    """Start the site and the services, run every selected task, return (and write) the report."""
    if options.seeds < 1 or options.jobs < 1:
        raise HarnessError("--seeds and --jobs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="rote-corpus-") as tmp:
        home = options.home or pathlib.Path(tmp)
        return await _run_in(home, options, printer)


async def _run_in(home: pathlib.Path, options: Options, printer: Callable[[str], None]) -> dict[str, Any]:
    started = time.perf_counter()
    with corpus_site_process(home / "logs" / "corpus-site.log") as url:
        site = CorpusClient(url)
        chosen = select(await site.tasks(), options)
        stack = LocalStack(
            home / "stack",
            {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
            extra_env={"ROTE_MAX_CONCURRENT_RUNS": str(max(4, options.jobs)), "ROTE_LOG_LEVEL": "WARNING"},
        )
        try:
            await stack.start()
        except Exception as exc:
            raise HarnessError(f"the services did not start: {exc}") from exc
        progress = Progress(len(chosen) * (1 + 3 * options.seeds), printer, options.quiet)
        progress.note(
            f"corpus: {len(chosen)} tasks × (1 record + {options.seeds} same-layout code + {options.seeds} code "
            f"+ {options.seeds} agent) runs"
        )
        try:
            async with ExecutorClient(stack.address("executor")) as executor, async_playwright() as playwright:
                browser = await launch_chromium(playwright)
                try:
                    harness = Harness(site, executor, browser, options, progress)
                    await harness.warm_up(chosen[0])
                    await _run_all(harness, chosen, options.jobs)
                finally:
                    await browser.close()
        finally:
            await asyncio.to_thread(stack.stop)
    return _report(harness, chosen, options, time.perf_counter() - started)


async def _run_all(harness: Harness, chosen: list[dict[str, Any]], jobs: int) -> None:
    """Tasks ``jobs`` at a time. With one job the floors run side by side with the runs, seed by seed; with more,
    they run afterwards one at a time, so that no floor shares the machine with another task's runs."""
    gate = asyncio.Semaphore(jobs)
    inline = jobs == 1

    async def guarded(info: dict[str, Any], step: Callable[[], Awaitable[None]]) -> None:
        try:
            await step()
        except Exception as exc:  # noqa: BLE001 - one broken task must not end a 30-minute run
            message = f"{type(exc).__name__}: {exc}"[:500]
            harness.task_errors.append({"task": info["name"], "error": message})
            harness.progress.note(f"    {info['name']}: the harness could not finish it: {message}")

    async def one(info: dict[str, Any]) -> None:
        async with gate:
            await guarded(info, functools.partial(harness.run_task, info, floors_inline=inline))

    await asyncio.gather(*(one(info) for info in chosen))
    if not inline:
        for info in chosen:
            await guarded(info, functools.partial(harness.floor_task, info))


def _report(harness: Harness, chosen: list[dict[str, Any]], options: Options, wall_s: float) -> dict[str, Any]:
    # Rows in the site's task order (concurrent tasks finish interleaved), modes and seeds in run order.
    order = {t["name"]: i for i, t in enumerate(chosen)}
    runs = sorted(harness.runs, key=lambda r: order[r.task])
    floors = sorted(harness.floors, key=lambda f: order[f.task])
    run_dicts = [dataclasses.asdict(r) for r in runs]
    floor_dicts = [dataclasses.asdict(f) for f in floors]
    report = {
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "arch": platform.machine(), "python": platform.python_version()},
        "options": {"seeds": options.seeds, "jobs": options.jobs, "tasks": [t["name"] for t in chosen]},
        "wall_s": round(wall_s, 1),
        "runs": run_dicts,
        "floors": floor_dicts,
        "task_errors": harness.task_errors,
        "summary": summarise(run_dicts, floor_dicts),
    }
    if options.out is not None:
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return report
