"""Drift cost: the demo's changed layout, the block that drifted (replay, heal, fall back) ÷ the same block run
through the agent on the same changed page (issue 18 goal 5), side by side per repetition; medians reported."""

from __future__ import annotations

import argparse
import asyncio
import json
import pathlib
import tempfile
from typing import Any

from bench.stats import median
from examples.demo_site import start_demo_site
from services.cli.local_stack import LocalStack, free_port
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.workflows import load_parameters_file, load_workflow_file

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORKFLOW = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")
BLOCK = "fill_quote"  # the block the changed layout breaks (a renamed field, then a dialog over the form)


def _workflow(name: str) -> workflow_pb2.Workflow:
    copy = workflow_pb2.Workflow()
    copy.CopyFrom(WORKFLOW)
    copy.workflow_id = name
    return copy


def _block(summary: run_pb2.RunSummary) -> run_pb2.BlockSummary:
    return next(b for b in summary.blocks if b.label == BLOCK)


async def _run(client: ExecutorClient, workflow: workflow_pb2.Workflow, params: dict[str, str], how: str) -> Any:
    result = await client.run(workflow, parameters=params, run_with=how)
    if result.summary.status != run_pb2.RUN_STATUS_COMPLETED:
        raise RuntimeError(f"{how} run of {workflow.workflow_id} failed: {result.summary.error}")
    return result.summary


async def measure(home: pathlib.Path, repetitions: int, progress: Any) -> dict[str, Any]:
    site = start_demo_site()
    stack = LocalStack(
        home, {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
        extra_env={"ROTE_LOG_LEVEL": "WARNING"},
    )
    params = {**load_parameters_file(ROOT / "examples" / "params" / "demo_second.yaml"), "base_url": site.url}
    drift: list[float] = []
    agent: list[float] = []
    how: list[str] = []
    try:
        await stack.start()
        async with ExecutorClient(stack.address("executor")) as client:
            for rep in range(repetitions + 1):  # the first repetition warms up and is not counted
                progress(f"drift: repetition {rep}/{repetitions}" if rep else "drift: warm-up")
                recorded, fresh = _workflow(f"drift_recorded_{rep}"), _workflow(f"drift_fresh_{rep}")
                site.variant = "default"
                await _run(client, recorded, params, "agent")  # the script the changed page will break
                site.variant = "layout_changed"
                drifted = _block(await _run(client, recorded, params, "code"))
                by_agent = _block(await _run(client, fresh, params, "agent"))
                if rep:
                    drift.append(drifted.duration_ms)
                    agent.append(by_agent.duration_ms)
                    how.append(f"{run_pb2.BlockMode.Name(drifted.mode)} healed={drifted.healed_actions}")
    finally:
        await asyncio.to_thread(stack.stop)
        site.stop()
    return {
        "drift_block_ms": round(median(drift), 1),
        "drift_agent_block_ms": round(median(agent), 1),
        "drift_block_ratio": round(median([d / a for d, a in zip(drift, agent, strict=True)]), 3),
        "drift_block_paths": sorted(set(how)),
    }


# Before the settled-page heal: this module on main (the commit before it), 2026-12-03, 2 repetitions, load 11.
BEFORE = {"drift_block_ms": 6049.0, "drift_agent_block_ms": 2893.0, "drift_block_ratio": 2.092}
GOALS = {"drift_block_ratio": "<= 1.5"}


def comparison(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, before, now, goal) rows."""
    return [(key, str(BEFORE[key]), str(results.get(key)), GOALS.get(key, "")) for key in BEFORE]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rote-drift-") as tmp:
        results = asyncio.run(measure(pathlib.Path(tmp), args.repetitions, print))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
