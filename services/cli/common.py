"""What every CLI command shares: consoles, addresses, error handling and JSON output."""

from __future__ import annotations

import asyncio
import json
import os
import traceback
from collections.abc import Coroutine
from typing import Annotated, Any, TypeVar

import typer
from google.protobuf import json_format
from google.protobuf.message import Message
from rich.console import Console
from rich.markup import escape

from services.client import CacheClient, ClientError
from services.errors import RoteError

T = TypeVar("T")
console = Console()
err_console = Console(stderr=True, soft_wrap=True)
state = {"debug": False}


def plain(value: object) -> str:
    """User text (labels, reasons, ids, errors) made safe for rich markup: ``[/]`` prints as typed, never parses."""
    return escape(str(value))

DEFAULT_EXECUTOR = os.environ.get("ROTE_EXECUTOR_ADDRESS", "127.0.0.1:50051")
DEFAULT_CACHE = os.environ.get("ROTE_CACHE_ADDRESS", "127.0.0.1:50052")
DEFAULT_CODEGEN = os.environ.get("ROTE_CODEGEN_ADDRESS", "127.0.0.1:50053")

ExecutorOption = Annotated[str, typer.Option("--executor", help="Executor address.", envvar="ROTE_EXECUTOR_ADDRESS")]
CacheOption = Annotated[str, typer.Option("--cache", help="Cache service address.", envvar="ROTE_CACHE_ADDRESS")]
OrgOption = Annotated[str, typer.Option("--org", help="Organisation (x-rote-org).", envvar="ROTE_ORG")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine; errors become one line on stderr and exit code 1 (a traceback only with --debug)."""
    try:
        return asyncio.run(coro)
    except (ClientError, RoteError) as exc:
        message = exc.message
    except (TimeoutError, RuntimeError, OSError) as exc:
        message = str(exc) or type(exc).__name__
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    if state["debug"]:
        traceback.print_exc()
    fail(message)
    raise AssertionError("unreachable")


def call_cache(cache: str, org: str, method: str, *args: Any) -> Any:
    """One CacheClient call from a command, with the shared error handling."""
    async def go() -> Any:
        async with CacheClient(cache, org) as client:
            return await getattr(client, method)(*args)

    return run_async(go())


def fail(message: str) -> None:
    """Print one error line and exit 1."""
    err_console.print(f"[red]error:[/] {plain(message)}", highlight=False)
    raise typer.Exit(1)


def as_dict(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, sort_keys=True, default=str))

