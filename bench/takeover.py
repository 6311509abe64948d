"""`make takeover`: the agent taking over from cached code cut after each of its actions, judged by the page.

A block's code can stop anywhere (a renamed button, a field moved): the agent then goes on from the page as the code
left it (``executor_service/engine/modes/fallback.py``). The corpus reaches only the cuts its layouts happen to make;
this instrument makes every one. Per corpus task: the heuristic agent records the block alone (the page must say
yes, or the task is skipped), codegen turns the trace into the block's code, and for each k the code runs on a fresh
instance until its k-th action is done, the agent takes over with those actions as the replayed ones, the executor's
own judge (``judge_block``) says whether Rote would report the block done, and the page's judge says what happened.

In process, without the services: the agent, codegen, the replay runtime and the judge are the executor's own, but
the replayed actions are not bound to the block's inputs as ``with_bindings`` binds them in a run.

python -m bench.takeover [--tasks a,b] [--seed N] [--cuts k,l] [--out PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pathlib
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

import libcst as cst
from playwright.async_api import Browser, async_playwright

from bench.corpus.rows import redact
from bench.corpus.site import CorpusClient, corpus_site_process
from codegen_service.blocks import build_block, simple_generation
from examples.corpus.registry import all_tasks
from executor_service import runtime
from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.browser.block_facts import BlockFacts, goal_values
from executor_service.browser.completion import judge_block
from executor_service.browser.launch import launch_chromium
from executor_service.engine.modes.traces import for_trace
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2

DEFAULT_OUT = pathlib.Path(__file__).resolve().parent / "takeover.json"
SETTLE_MS = 2000
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")  # the corpus's templates name parameters only


class _Cut(runtime.ReplayFailed):
    """The instrument stops the code here, as a failing action would."""


@dataclass
class TakeOver:
    """One cut: what the code did, what the agent said, what Rote would report and what the page says."""

    task: str
    seed: int
    cut: int
    actions: int
    after: str  # the intent of the code's last action before the cut
    agent_completed: bool
    agent_reason: str
    rote_ok: bool  # the agent said done and the executor's judge agreed: Rote reports the block completed
    judge_reason: str
    truth_ok: bool
    truth_reason: str

    @property
    def outcome(self) -> str:
        if self.rote_ok:
            return "ok" if self.truth_ok else "false success"
        return "false failure" if self.truth_ok else "failed"


def _render(template: str, params: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), "")), template)


def _acting_block(instance: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in instance["workflow"]["blocks"] if b.get("type") == "navigation")


def _agent_task(instance: dict[str, Any]) -> AgentTask:
    params, block = instance["params"], _acting_block(instance)
    secret = _secret_keys(instance)
    payload = {}
    for key, template in block.get("payload", {}).items():
        whole = _PLACEHOLDER.fullmatch(template.strip())
        parameter = whole.group(1) if whole else None
        payload[key] = RenderedValue(_render(template, params), parameter_key=parameter, secret=parameter in secret)
    goal = _render(block["goal"], params)
    proto = workflow_pb2.Block(label=block["label"], type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal=block["goal"])
    return AgentTask(block=proto, payload=payload, goal=goal, schema=None,
                     completion_criterion=_render(block.get("completion_criterion", ""), params),
                     max_steps=int(block.get("max_steps") or 10))


def _secret_keys(instance: dict[str, Any]) -> set[str]:
    return {p["key"] for p in instance["workflow"].get("parameters") or [] if p.get("secret")}


async def _judge(page: Any, instance: dict[str, Any], task: AgentTask, actions: list[trace_pb2.Action],
                 start_url: str, keys_not_needed: dict[str, str]) -> tuple[bool, str]:
    """The executor's verdict on a block its agent reports done (as ``agent_mode.run_agent`` asks it)."""
    params, secret = instance["params"], _secret_keys(instance)
    facts = BlockFacts(
        block=task.block, actions=actions, start_url=start_url, completion=task.completion_criterion,
        payload={k: (v.value, v.parameter_key or "") for k, v in task.payload.items()},
        keys_not_needed=keys_not_needed, goal_values=goal_values(task.block.goal, task.goal, params, secret),
        named={k: v for k, v in params.items() if k not in secret},
    )
    verdict = await judge_block(page, facts, settle_ms=SETTLE_MS)
    return verdict.ok, verdict.reason


class Instrument:
    """Records, generates and cuts one task after another against one site and one browser."""

    def __init__(self, site: CorpusClient, browser: Browser, seed: int, cuts: list[int] | None,
                 printer: Any = print) -> None:
        self.site, self.browser, self.seed, self.cuts, self.printer = site, browser, seed, cuts, printer

    async def _fresh(self, task: str) -> tuple[dict[str, Any], Any, Any]:
        instance = await self.site.instance(task, self.seed)
        context = await self.browser.new_context()
        page = await context.new_page()
        await page.goto(instance["params"]["start_url"])
        return instance, context, page

    async def _code(self, task: str) -> tuple[Any, int, list[str]] | str:
        """The block's generated function and its action count, or why the task has none."""
        instance, context, page = await self._fresh(task)
        try:
            agent_task = _agent_task(instance)
            recorder = ActionRecorder(parameters={k: str(v) for k, v in instance["params"].items()},
                                      secret_keys=_secret_keys(instance), effect_timeout_ms=SETTLE_MS)
            result = await HeuristicAgent(settle_timeout_ms=SETTLE_MS).run_block(page, agent_task, recorder)
        finally:
            await context.close()
        verdict = await self.site.verdict(instance["token"])
        if not (result.completed and verdict["ok"]):
            return f"the agent alone did not succeed ({result.reason[:80]}; the page: {verdict['reason'][:80]})"
        label = agent_task.block.label
        trace = trace_pb2.BlockTrace(label=label, type=workflow_pb2.BLOCK_TYPE_NAVIGATION, actions=recorder.actions)
        values = {k: str(v) for k, v in instance["params"].items()}
        function = build_block(trace, simple_generation(values, {label: label})).function
        namespace: dict[str, Any] = {}
        exec("from executor_service.runtime import *\n" + cst.Module([]).code_for_node(function), namespace)
        generated = namespace[label]
        return getattr(generated, "__wrapped__", generated), len(recorder.actions), [a.intent for a in recorder.actions]

    async def cut(self, task: str, function: Any, k: int, total: int, intents: list[str]) -> TakeOver:
        instance, context, page = await self._fresh(task)
        params = {key: str(value) for key, value in instance["params"].items()}
        secret = _secret_keys(instance)
        done: list[trace_pb2.Action] = []

        async def stop_after_k(action: trace_pb2.Action, healed: bool) -> None:
            done.append(action)
            if len(done) >= k:
                raise _Cut(f"cut after {k} actions")

        try:
            ctx = runtime.RunContext(run_id=f"takeover-{task}-{k}", parameters=params, secret_keys=frozenset(secret))
            replay = runtime.Page(page, ctx, on_action=stop_after_k, settle_timeout_ms=SETTLE_MS)
            start_url = page.url
            try:
                await function(replay, ctx)
            except runtime.ReplayFailed:
                pass  # the cut, or the code failing before it: the agent goes on from here either way
            agent_task = _agent_task(instance)
            agent_task.actions_done.extend(for_trace(done, params))
            recorder = ActionRecorder(parameters=params, secret_keys=secret, effect_timeout_ms=SETTLE_MS)
            result = await HeuristicAgent(settle_timeout_ms=SETTLE_MS).run_block(page, agent_task, recorder)
            rote_ok, judge_reason = False, ""
            if result.completed:
                rote_ok, judge_reason = await _judge(page, instance, agent_task, [*done, *recorder.actions],
                                                     start_url, dict(result.keys_not_needed))
        finally:
            await context.close()
        verdict = await self.site.verdict(instance["token"])
        hidden = [params[key] for key in secret if key in params]
        return TakeOver(task=task, seed=self.seed, cut=k, actions=total, after=intents[k - 1][:80],
                        agent_completed=result.completed, agent_reason=redact(result.reason, hidden)[:300],
                        rote_ok=rote_ok, judge_reason=redact(judge_reason, hidden)[:300],
                        truth_ok=verdict["ok"], truth_reason=redact(verdict["reason"], hidden)[:300])

    async def task(self, task: str) -> tuple[list[TakeOver], str]:
        made = await self._code(task)
        if isinstance(made, str):
            self.printer(f"{task}: skipped, {made}")
            return [], made
        function, total, intents = made
        rows = []
        for k in [c for c in (self.cuts or range(1, total)) if 1 <= c < total]:
            row = await self.cut(task, function, k, total, intents)
            rows.append(row)
            self.printer(f"{row.outcome:>13}  {task} cut {k}/{total} after {row.after!r}: "
                         f"{row.agent_reason[:70]!r} | page: {row.truth_reason[:70]}")
        return rows, ""


def _default_tasks() -> list[str]:
    """The honest tasks whose workflow has one acting (navigation) block: the agent can record them alone."""
    return sorted(name for name, task in all_tasks().items() if not task.lying and not task.needs_output and any(
        b.get("type") == "navigation" for b in task.workflow.get("blocks", [])))


async def run(tasks: list[str], seed: int, cuts: list[int] | None, printer: Any = print) -> dict[str, Any]:
    started = time.perf_counter()
    rows: list[TakeOver] = []
    skipped: dict[str, str] = {}
    log = pathlib.Path(tempfile.gettempdir()) / "rote-takeover-site.log"
    with corpus_site_process(log) as url:
        async with async_playwright() as playwright:
            browser = await launch_chromium(playwright)
            try:
                instrument = Instrument(CorpusClient(url), browser, seed, cuts, printer)
                for name in tasks:
                    made, why = await instrument.task(name)
                    rows.extend(made)
                    if why:
                        skipped[name] = why
            finally:
                await browser.close()
    outcomes = Counter(row.outcome for row in rows)
    return {
        "seed": seed,
        "tasks": tasks,
        "take_overs": len(rows),
        "outcomes": {name: outcomes.get(name, 0) for name in ("ok", "failed", "false success", "false failure")},
        "skipped": skipped,
        "rows": [{**asdict(row), "outcome": row.outcome} for row in rows],
        "wall_s": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.takeover", description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", help="comma-separated corpus tasks (default: every honest one-block task)")
    parser.add_argument("--seed", type=int, default=1, help="the instance seed of every run (default 1)")
    parser.add_argument("--cuts", help="only these cuts, comma-separated action counts (default: every one)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help=f"report path (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    known = all_tasks()
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()] if args.tasks else _default_tasks()
    unknown = [t for t in tasks if t not in known]
    if unknown or not tasks:
        parser.error(f"unknown corpus tasks: {', '.join(unknown)}" if unknown else "--tasks names no task")
    try:
        cuts = [int(c) for c in args.cuts.split(",")] if args.cuts else None
    except ValueError:
        parser.error("--cuts must be comma-separated whole numbers")
    if cuts is not None and any(c < 1 for c in cuts):
        parser.error("--cuts must be at least 1")
    os.environ.setdefault("ROTE_LOG_LEVEL", "WARNING")
    report = asyncio.run(run(tasks, args.seed, cuts))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    outcomes = report["outcomes"]
    print(f"take-overs {report['take_overs']}: ok {outcomes['ok']}, failed {outcomes['failed']}, false successes "
          f"{outcomes['false success']}, false failures {outcomes['false failure']}; {len(report['skipped'])} tasks "
          f"skipped (the agent alone failed); {report['wall_s']:.0f} s; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
