"""`rote scripts list/show/diff/pin/unpin/rollback`: the cached scripts and their versions."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.syntax import Syntax
from rich.table import Table

from services.cli.common import (
    DEFAULT_CACHE,
    CacheOption,
    JsonOption,
    OrgOption,
    as_dict,
    call_cache,
    console,
    plain,
    print_json,
)
from services.gen.rote.v1 import cache_service_pb2

app = typer.Typer(no_args_is_help=True)


@app.command("list")
def list_scripts(
    workflow: Annotated[str, typer.Option(help="Only this workflow.")] = "",
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
    as_json: JsonOption = False,
) -> None:
    """Scripts (one per workflow and cache key) with their current and pinned versions."""
    response: cache_service_pb2.ListScriptsResponse = call_cache(cache, org, "list_scripts", workflow)
    if as_json:
        print_json([as_dict(script) for script in response.scripts])
        return
    table = Table(title="Scripts")
    for column in ("script", "workflow", "cache key", "current", "latest", "pinned", "versions"):
        table.add_column(column)
    for script in response.scripts:
        table.add_row(
            plain(script.script_id), plain(script.workflow_id), plain(script.cache_key), f"v{script.current_version}",
            f"v{script.latest_version}", f"v{script.pinned_version}" if script.pinned_version else "-",
            str(script.version_count),
        )
    console.print(table)


@app.command("versions")
def versions(script_id: str, cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default",
             as_json: JsonOption = False) -> None:
    """Every version of a script."""
    response: cache_service_pb2.ListScriptVersionsResponse = call_cache(cache, org, "list_versions", script_id)
    if as_json:
        print_json(as_dict(response))
        return
    table = Table(title=f"Versions of {plain(script_id)}")
    for column in ("version", "source run", "blocks", "current", "pinned", "rolled back from"):
        table.add_column(column)
    for version in response.versions:
        table.add_row(
            f"v{version.version}", plain(version.source_run_id), plain(", ".join(version.labels)),
            "yes" if version.current else "",
            "yes" if version.pinned else "", f"v{version.rolled_back_from}" if version.rolled_back_from else "",
        )
    console.print(table)


@app.command("show")
def show(
    script_id: str,
    version: Annotated[int, typer.Option(help="Version (0: the current one).")] = 0,
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
    as_json: JsonOption = False,
) -> None:
    """The code of a version, syntax-highlighted."""
    response: cache_service_pb2.GetScriptVersionResponse = call_cache(cache, org, "get_version", script_id, version)
    if as_json:
        print_json(as_dict(response))
        return
    console.print(
        f"[bold]{plain(script_id)}[/] v{response.version.version} · from run {plain(response.version.source_run_id)}"
    )
    console.print(Syntax(response.module_code, "python", word_wrap=True))


@app.command("diff")
def diff(
    script_id: str,
    from_version: int,
    to_version: int,
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
    as_json: JsonOption = False,
) -> None:
    """A unified diff per block between two versions."""
    response: cache_service_pb2.DiffScriptVersionsResponse = call_cache(
        cache, org, "diff_versions", script_id, from_version, to_version
    )
    if as_json:
        print_json(as_dict(response))
        return
    for block in response.blocks:
        change = cache_service_pb2.BlockChange.Name(block.change).removeprefix("BLOCK_CHANGE_").lower()
        console.print(f"[bold]{plain(block.label)}[/]: {change}")
        if block.unified_diff:
            console.print(Syntax(block.unified_diff, "diff", word_wrap=True))


@app.command("pin")
def pin(script_id: str, version: int, cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default",
        as_json: JsonOption = False) -> None:
    """Pin a version: runs use it and regeneration never replaces it."""
    response = call_cache(cache, org, "pin", script_id, version)
    if as_json:
        print_json(as_dict(response))
    else:
        console.print(f"pinned {plain(script_id)} v{response.version.version}")


@app.command("unpin")
def unpin(script_id: str, cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default",
          as_json: JsonOption = False) -> None:
    """Remove the pin; the newest version is used again."""
    response = call_cache(cache, org, "unpin", script_id)
    if as_json:
        print_json(as_dict(response))
    else:
        console.print(f"unpinned v{response.unpinned_version}; current is v{response.current_version}")


@app.command("rollback")
def rollback(script_id: str, to_version: int, cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default",
             as_json: JsonOption = False) -> None:
    """Publish a new version whose code is that of an earlier one."""
    response = call_cache(cache, org, "rollback", script_id, to_version)
    if as_json:
        print_json(as_dict(response))
    else:
        console.print(f"published v{response.version.version} with the code of v{to_version}")
