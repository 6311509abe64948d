"""`rote workflows put/list/show` and `rote coverage`: definitions and what of them is cached."""

from __future__ import annotations

import pathlib
from typing import Annotated

import typer
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
    run_async,
)
from services.client import CacheClient
from services.gen.rote.v1 import cache_service_pb2, workflow_pb2
from services.workflows import load_workflow_file

app = typer.Typer(no_args_is_help=True)


@app.command("put")
def put(workflow_file: pathlib.Path, cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default",
        as_json: JsonOption = False) -> None:
    """Store a workflow definition (a new version only when it changed)."""

    async def go() -> cache_service_pb2.PutWorkflowResponse:
        workflow = load_workflow_file(workflow_file)
        async with CacheClient(cache, org) as client:
            return await client.put_workflow(workflow)

    response = run_async(go())
    if as_json:
        print_json(as_dict(response))
    else:
        state = "new version" if response.created else "unchanged"
        console.print(f"{plain(response.workflow_id)} v{response.version} ({state})")


@app.command("list")
def list_workflows(cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default", as_json: JsonOption = False) -> None:
    """Stored workflows with their latest version."""
    response: cache_service_pb2.ListWorkflowsResponse = call_cache(cache, org, "list_workflows")
    if as_json:
        print_json([as_dict(w) for w in response.workflows])
        return
    table = Table(title="Workflows")
    for column in ("workflow", "title", "version", "blocks"):
        table.add_column(column)
    for entry in response.workflows:
        table.add_row(plain(entry.workflow_id), plain(entry.title), f"v{entry.latest_version}", str(entry.block_count))
    console.print(table)


@app.command("show")
def show(workflow_id: str, version: int = 0, cache: CacheOption = DEFAULT_CACHE, org: OrgOption = "default") -> None:
    """A stored definition, as JSON."""
    workflow: workflow_pb2.Workflow = call_cache(cache, org, "get_workflow", workflow_id, version)
    print_json(as_dict(workflow))


def coverage(
    workflow_id: str,
    cache_key: Annotated[str, typer.Option(help="Only this cache key.")] = "",
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
    as_json: JsonOption = False,
) -> None:
    """Per block: cached or not, hits, misses and fallbacks, and the version it was cached in."""
    response: cache_service_pb2.GetCoverageResponse = call_cache(cache, org, "coverage", workflow_id, cache_key)
    if as_json:
        print_json(as_dict(response))
        return
    for key in response.cache_keys:
        table = Table(title=f"{plain(workflow_id)} · cache key {plain(key.cache_key)} · script v{key.version or '-'}")
        for column in ("block", "cached", "in version", "hits", "misses", "fallbacks", "why not"):
            table.add_column(column)
        for block in key.blocks:
            table.add_row(
                plain(block.label), "yes" if block.cached else "no",
                f"v{block.cached_in_version}" if block.cached_in_version else "-",
                str(block.hits), str(block.misses), str(block.fallbacks), plain(block.reason),
            )
        console.print(table)
    if not response.cache_keys:
        console.print(f"{plain(workflow_id)} has no cached script yet")
