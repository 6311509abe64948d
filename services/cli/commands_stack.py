"""`rote up` and `rote status`: start the local stack, and check each service's health."""

from __future__ import annotations

import asyncio
import pathlib
import signal
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from services.cli.common import (
    DEFAULT_CACHE,
    DEFAULT_CODEGEN,
    DEFAULT_EXECUTOR,
    JsonOption,
    console,
    err_console,
    print_json,
    run_async,
)
from services.cli.local_stack import DEFAULT_METRICS_PORTS, DEFAULT_PORTS, LocalStack
from services.client import check_health


def up(
    home: Annotated[
        pathlib.Path, typer.Option(help="Folder for the SQLite database, objects and logs.")
    ] = pathlib.Path(".rote"),
    executor_port: int = DEFAULT_PORTS["executor"],
    cache_port: int = DEFAULT_PORTS["cache"],
    codegen_port: int = DEFAULT_PORTS["codegen"],
    metrics: Annotated[bool, typer.Option(help="Serve Prometheus metrics on 9101-9103.")] = True,
) -> None:
    """Start the three services locally (SQLite + a local folder) and keep them running until Ctrl-C."""
    stack = LocalStack(
        home,
        {"executor": executor_port, "cache": cache_port, "codegen": codegen_port},
        metrics_ports=dict(DEFAULT_METRICS_PORTS) if metrics else {},
    )

    async def serve() -> tuple[str, int] | None:
        # Ctrl-C and SIGTERM stop the stack, whatever this process inherited: a shell runs background jobs with
        # SIGINT ignored, and a plain SIGTERM would otherwise end `rote up` and leave its three services running.
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        with console.status("starting codegen, cache and executor services…"):
            starting = asyncio.ensure_future(stack.start())
            await asyncio.wait({starting, asyncio.ensure_future(stop.wait())}, return_when=asyncio.FIRST_COMPLETED)
            if not starting.done():
                starting.cancel()
                return None
            starting.result()
        table = Table(title="Rote is up")
        table.add_column("service")
        table.add_column("address")
        table.add_column("metrics")
        for service in ("executor", "cache", "codegen"):
            port = stack.metrics_ports.get(service)
            table.add_row(service, stack.address(service), f"http://127.0.0.1:{port}/metrics" if port else "-")
        console.print(table)
        console.print(f"logs: {home / 'logs'} · stop with Ctrl-C")
        # A service that dies is said out loud and ends `rote up`: a stack missing one service is not "up".
        watching = asyncio.ensure_future(stack.watch())
        await asyncio.wait({watching, asyncio.ensure_future(stop.wait())}, return_when=asyncio.FIRST_COMPLETED)
        if not watching.done():
            watching.cancel()
            return None
        return watching.result()

    try:
        ended = run_async(serve())
    finally:
        stack.stop()
    if ended is None:
        console.print("Rote stopped")
        return
    service, code = ended
    err_console.print(
        f"[red]{service} service exited with code {code}; Rote is no longer up[/]: {escape(stack.log_tail(service))}"
    )
    raise typer.Exit(1)


def status(
    executor: Annotated[str, typer.Option(envvar="ROTE_EXECUTOR_ADDRESS")] = DEFAULT_EXECUTOR,
    cache: Annotated[str, typer.Option(envvar="ROTE_CACHE_ADDRESS")] = DEFAULT_CACHE,
    codegen: Annotated[str, typer.Option(envvar="ROTE_CODEGEN_ADDRESS")] = DEFAULT_CODEGEN,
    as_json: JsonOption = False,
) -> None:
    """Health of each service (exit code 1 unless all are SERVING)."""
    addresses = {"executor": executor, "cache": cache, "codegen": codegen}

    async def probe() -> dict[str, str]:
        results = await asyncio.gather(*(check_health(a) for a in addresses.values()))
        return dict(zip(addresses, results, strict=True))

    health = run_async(probe())
    if as_json:
        print_json({name: {"address": addresses[name], "status": s} for name, s in health.items()})
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
