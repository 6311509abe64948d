"""`rote`: start the services, check them, and run workflows from the command line."""

from __future__ import annotations

import asyncio
import json
import pathlib
import sys
import traceback
from collections.abc import Coroutine
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from services.cli.local_stack import DEFAULT_PORTS, LocalStack
from services.cli.output import ProgressPrinter, summary_json, summary_table
from services.client import ClientError, ExecutorClient, check_health
from services.errors import RoteError
from services.workflows import load_parameters_file, load_workflow_file

app = typer.Typer(help="Rote: replay what a browser agent did, as code.", no_args_is_help=True, add_completion=False)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")
_state = {"debug": False}


@app.callback()
def main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False) -> None:
    _state["debug"] = debug


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine; errors become one line on stderr and exit code 1 (a traceback only with --debug)."""
    try:
        return asyncio.run(coro)
    except (ClientError, RoteError) as exc:
        message = exc.message
    except (TimeoutError, RuntimeError, OSError) as exc:
        message = str(exc) or type(exc).__name__
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    if _state["debug"]:
        traceback.print_exc()
    err_console.print(f"[red]error:[/] {message}", highlight=False)
    raise typer.Exit(1)


def _parse_params(items: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key] = value
    return values


@app.command()
def up(
    home: Annotated[
        pathlib.Path, typer.Option(help="Folder for the SQLite database, objects and logs.")
    ] = pathlib.Path(".rote"),
    executor_port: int = DEFAULT_PORTS["executor"],
    cache_port: int = DEFAULT_PORTS["cache"],
    codegen_port: int = DEFAULT_PORTS["codegen"],
) -> None:
    """Start the three services locally (SQLite + a local folder) and keep them running until Ctrl-C."""
    stack = LocalStack(home, {"executor": executor_port, "cache": cache_port, "codegen": codegen_port})

    async def serve() -> None:
        with console.status("starting codegen, cache and executor services…"):
            await stack.start()
        table = Table(title="Rote is up")
        table.add_column("service")
        table.add_column("address")
        for service in ("executor", "cache", "codegen"):
            table.add_row(service, stack.address(service))
        console.print(table)
        console.print(f"logs: {home / 'logs'} · stop with Ctrl-C")
        try:
            await asyncio.Event().wait()
        finally:
            stack.stop()

    try:
        _run(serve())
    finally:
        stack.stop()


@app.command()
def status(
    executor: str = f"127.0.0.1:{DEFAULT_PORTS['executor']}",
    cache: str = f"127.0.0.1:{DEFAULT_PORTS['cache']}",
    codegen: str = f"127.0.0.1:{DEFAULT_PORTS['codegen']}",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Health of each service."""
    addresses = {"executor": executor, "cache": cache, "codegen": codegen}

    async def probe() -> dict[str, str]:
        results = await asyncio.gather(*(check_health(a) for a in addresses.values()))
        return dict(zip(addresses, results, strict=True))

    health = _run(probe())
    if as_json:
        print(json.dumps({name: {"address": addresses[name], "status": s} for name, s in health.items()}))
    else:
        table = Table(title="Rote services")
        for column in ("service", "address", "status"):
            table.add_column(column)
        for name, state in health.items():
            colour = "green" if state == "SERVING" else "red"
            table.add_row(name, addresses[name], f"[{colour}]{state}[/]")
        console.print(table)
    if any(state != "SERVING" for state in health.values()):
        raise typer.Exit(1)


@app.command()
def run(
    workflow_file: Annotated[pathlib.Path, typer.Argument(help="Workflow YAML file.")],
    param: Annotated[list[str], typer.Option("--param", "-p", help="KEY=VALUE, repeatable.")] = [],  # noqa: B006
    params_file: Annotated[pathlib.Path | None, typer.Option(help="YAML file of parameter values.")] = None,
    run_with: Annotated[str, typer.Option(help="agent, code or auto.")] = "auto",
    executor: str = f"127.0.0.1:{DEFAULT_PORTS['executor']}",
    org: str = "default",
    timeout: Annotated[int, typer.Option(help="Run deadline in seconds (0: the executor's default).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON summary instead of progress.")] = False,
) -> None:
    """Run a workflow and print progress per block (or one JSON summary with --json)."""
    if run_with not in {"agent", "code", "auto"}:
        raise typer.BadParameter("must be agent, code or auto", param_hint="--run-with")

    async def go() -> Any:
        workflow = load_workflow_file(workflow_file)
        values = load_parameters_file(params_file) if params_file else {}
        values.update(_parse_params(param))
        async with ExecutorClient(executor, org) as client:
            printer = None if as_json else ProgressPrinter(console)
            return await client.run(
                workflow, parameters=values, run_with=run_with, timeout_seconds=timeout, on_event=printer
            )

    result = _run(go())
    summary = result.summary
    if as_json:
        print(json.dumps(summary_json(summary), indent=2))
    else:
        console.print(summary_table(summary))
        console.print(
            f"agent steps: {summary.agent_steps} · LLM calls: {summary.llm_calls} · {summary.wall_ms} ms"
            + (f" · published script v{summary.published_version}" if summary.published_version else "")
        )
        if summary.error:
            err_console.print(f"[red]error:[/] {summary.error}", highlight=False)
    if summary_json(summary)["status"] != "completed":
        raise typer.Exit(1)


def entrypoint() -> None:
    app(prog_name="rote")


if __name__ == "__main__":
    sys.exit(entrypoint())
