"""`rote run`: run a workflow file and follow its progress."""

from __future__ import annotations

import pathlib
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from services.cli.common import (
    DEFAULT_EXECUTOR,
    ExecutorOption,
    JsonOption,
    OrgOption,
    console,
    err_console,
    plain,
    print_json,
    run_async,
)
from services.cli.output import ProgressPrinter, summary_json, summary_table
from services.client import ExecutorClient
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.workflows import load_parameters_file, load_workflow_file


def _parse_params(items: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key] = value
    return values


def run(
    workflow_file: Annotated[pathlib.Path, typer.Argument(help="Workflow YAML file.")],
    param: Annotated[list[str], typer.Option("--param", "-p", help="KEY=VALUE, repeatable.")] = [],  # noqa: B006
    params_file: Annotated[pathlib.Path | None, typer.Option(help="YAML file of parameter values.")] = None,
    run_with: Annotated[str, typer.Option(help="agent, code, code_only (never the agent) or auto.")] = "auto",
    executor: ExecutorOption = DEFAULT_EXECUTOR,
    org: OrgOption = "default",
    timeout: Annotated[int, typer.Option(help="Run deadline in seconds (0: the executor's default).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Run a workflow and print progress per block and action (or one JSON summary with --json)."""
    if run_with not in {"agent", "code", "code_only", "auto"}:
        raise typer.BadParameter("must be agent, code, code_only or auto", param_hint="--run-with")

    async def go() -> Any:
        workflow = load_workflow_file(workflow_file)
        values = load_parameters_file(params_file) if params_file else {}
        values.update(_parse_params(param))
        async with ExecutorClient(executor, org) as client:
            if as_json:
                return await client.run(workflow, parameters=values, run_with=run_with, timeout_seconds=timeout)
            printer = ProgressPrinter(console)
            with Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                console=console, transient=True,
            ) as bar:
                task = bar.add_task(plain(workflow.workflow_id), total=len(workflow.blocks))

                def on_event(event: ex_pb.RunWorkflowResponse) -> None:
                    printer(event)
                    if event.HasField("block_finished"):
                        bar.advance(task)

                return await client.run(
                    workflow, parameters=values, run_with=run_with, timeout_seconds=timeout, on_event=on_event
                )

    summary = run_async(go()).summary
    if as_json:
        print_json(summary_json(summary))
    else:
        console.print(summary_table(summary))
        console.print(
            f"agent steps: {summary.agent_steps} · LLM calls: {summary.llm_calls} · {summary.wall_ms} ms"
            + (f" · published script v{summary.published_version}" if summary.published_version else "")
        )
        if summary.error:
            err_console.print(f"[red]error:[/] {plain(summary.error)}", highlight=False)
    if summary_json(summary)["status"] != "completed":
        raise typer.Exit(1)
