"""The demo: run the quote workflow through the agent, then again from the generated script with 0 agent steps."""

from __future__ import annotations

import asyncio
import json
import pathlib
import shutil
import sys

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

from examples.demo_site import start_demo_site
from services.cli.local_stack import LocalStack, free_port
from services.cli.output import ProgressPrinter, mode_name, status_name
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2
from services.workflows import load_parameters_file, load_workflow_file

HERE = pathlib.Path(__file__).resolve().parent
HOME = pathlib.Path(".rote/demo")
# Piped output (CI logs, `make demo | tee`) gets a width that fits the generated code instead of 80 columns.
console = Console() if sys.stdout.isatty() else Console(width=130)


def _module_path(summary: run_pb2.RunSummary, version: int) -> pathlib.Path:
    return HOME.resolve() / "objects" / "default" / "scripts" / summary.script_id / str(version) / "module.py"


def _side_by_side(first: run_pb2.RunSummary, second: run_pb2.RunSummary) -> Table:
    table = Table(title="Agent run vs code run")
    table.add_column("")
    table.add_column("run 1 (agent)")
    table.add_column("run 2 (code, new parameters)")
    table.add_row("status", status_name(first.status), status_name(second.status))
    table.add_row("agent steps", str(first.agent_steps), str(second.agent_steps))
    table.add_row("LLM calls", str(first.llm_calls), str(second.llm_calls))
    table.add_row("wall time", f"{first.wall_ms} ms", f"{second.wall_ms} ms")
    table.add_row("script version", f"published v{first.published_version}", f"ran v{second.script_version}")
    for a, b in zip(first.blocks, second.blocks, strict=False):
        table.add_row(f"block {a.label}", mode_name(a.mode), mode_name(b.mode))
    extracted = [json.loads(s.outputs_json.get("extract_quote", "null")) for s in (first, second)]
    table.add_row("extracted reference", *(str((e or {}).get("reference")) for e in extracted))
    return table


def _drift_table(third: run_pb2.RunSummary, fourth: run_pb2.RunSummary) -> Table:
    table = Table(title="Layout changed: run 3 (heal, fall back, repair) vs run 4 (repaired script)")
    table.add_column("")
    table.add_column("run 3")
    table.add_column("run 4")
    table.add_row("status", status_name(third.status), status_name(fourth.status))
    table.add_row("agent steps", str(third.agent_steps), str(fourth.agent_steps))
    table.add_row("script version", f"ran v{third.script_version}, published v{third.published_version}",
                  f"ran v{fourth.script_version}")
    for a, b in zip(third.blocks, fourth.blocks, strict=False):
        how = f"{mode_name(a.mode)} (healed {a.healed_actions})" if a.healed_actions else mode_name(a.mode)
        table.add_row(f"block {a.label}", how, mode_name(b.mode))
    reasons = [f"{b.label}: {b.reason}" for b in third.blocks if b.reason]
    table.add_row("why", "\n".join(reasons) or "-", "-")
    return table


async def main() -> int:
    shutil.rmtree(HOME, ignore_errors=True)
    site = start_demo_site()
    ports = {"executor": free_port(), "cache": free_port(), "codegen": free_port()}
    stack = LocalStack(HOME, ports)
    try:
        with console.status("starting the codegen, cache and executor services…"):
            await stack.start()
        workflow = load_workflow_file(HERE / "workflows" / "demo_quote.yaml")
        first_params = {**load_parameters_file(HERE / "params" / "demo_first.yaml"), "base_url": site.url}
        second_params = {**load_parameters_file(HERE / "params" / "demo_second.yaml"), "base_url": site.url}
        async with ExecutorClient(stack.address("executor")) as client:
            console.rule("run 1: through the heuristic agent")
            first = (await client.run(workflow, parameters=first_params, run_with="agent",
                                      on_event=ProgressPrinter(console))).summary
            console.rule("run 2: from the cached script, with different parameters")
            second = (await client.run(workflow, parameters=second_params, run_with="code",
                                       on_event=ProgressPrinter(console))).summary
            # The site is redesigned: replay heals one element, falls back when a dialog blocks the form,
            # and the script is repaired, so the run after that needs no agent again.
            site.variant = "layout_changed"
            console.rule("run 3: the page layout changed (heal, then fall back, then repair)")
            third = (await client.run(workflow, parameters=second_params, run_with="code",
                                      on_event=ProgressPrinter(console))).summary
            console.rule("run 4: the repaired script on the changed page")
            fourth = (await client.run(workflow, parameters=second_params, run_with="code",
                                       on_event=ProgressPrinter(console))).summary
        console.print(_side_by_side(first, second))
        console.print(_drift_table(third, fourth))
        module = _module_path(third, third.published_version or first.published_version)
        if module.exists():
            console.rule(f"generated script: {module}")
            console.print(Syntax(module.read_text(), "python", line_numbers=False, word_wrap=True))
        console.print(f"generated script: {module}")
        ok = first.status == second.status == run_pb2.RUN_STATUS_COMPLETED and second.agent_steps == 0
        ok = ok and third.status == fourth.status == run_pb2.RUN_STATUS_COMPLETED and fourth.agent_steps == 0
        console.print("[green]code run made 0 agent steps[/]" if ok else "[red]the code run did not meet the goal[/]")
        return 0 if ok else 1
    finally:
        stack.stop()
        site.stop()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
