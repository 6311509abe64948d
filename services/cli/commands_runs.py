"""`rote runs list/show/report`: what ran, how (agent, code, fallback), and a self-contained HTML report."""

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
    console,
    plain,
    print_json,
    run_async,
)
from services.cli.output import status_name, summary_json, summary_table
from services.client import CacheClient, ClientError
from services.gen.rote.v1 import cache_service_pb2
from services.reports import render_run_report

app = typer.Typer(no_args_is_help=True)


@app.command("list")
def list_runs(
    workflow: Annotated[str, typer.Option(help="Only this workflow.")] = "",
    limit: int = 20,
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
    as_json: JsonOption = False,
) -> None:
    """Recent runs, newest first."""

    async def go() -> cache_service_pb2.ListRunsResponse:
        async with CacheClient(cache, org) as client:
            return await client.list_runs(workflow, limit)

    response = run_async(go())
    if as_json:
        print_json([as_dict(entry) for entry in response.runs])
        return
    table = Table(title="Runs")
    for column in ("run", "workflow", "status", "code", "agent", "fallback", "agent steps", "ms", "published"):
        table.add_column(column)
    for entry in response.runs:
        table.add_row(
            plain(entry.run_id), plain(entry.workflow_id), status_name(entry.status),
            str(entry.code_blocks), str(entry.agent_blocks), str(entry.fallback_blocks), str(entry.agent_steps),
            str(entry.wall_ms), f"v{entry.published_version}" if entry.published_version else "-",
        )
    console.print(table)


@app.command("show")
def show_run(
    run_id: str,
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
    as_json: JsonOption = False,
) -> None:
    """One run: each block's mode, status, agent steps and reason."""

    async def go() -> cache_service_pb2.GetRunResponse:
        async with CacheClient(cache, org) as client:
            return await client.get_run(run_id)

    response = run_async(go())
    if as_json:
        print_json(summary_json(response.summary))
        return
    console.print(summary_table(response.summary))
    for record in response.block_runs:
        if record.reason:
            console.print(f"[bold]{plain(record.label)}[/]: {plain(record.reason)}", highlight=False)


@app.command("report")
def report(
    run_id: str,
    output: Annotated[pathlib.Path | None, typer.Option("--output", "-o", help="HTML file to write.")] = None,
    cache: CacheOption = DEFAULT_CACHE,
    org: OrgOption = "default",
) -> None:
    """Write a self-contained HTML report: timeline, modes, screenshots at fallbacks and failures, code, totals.

    Screenshots are read through the cache service (ReadRunArtifact), wherever the run's object storage is; one
    that cannot be read is named in the report with the reason.
    """
    target = output or pathlib.Path(f"rote-run-{run_id}.html")

    async def go() -> tuple[str, dict[str, str]]:
        async with CacheClient(cache, org) as client:
            run = await client.get_run(run_id)
            code: dict[str, str] = {}
            if run.summary.script_id and run.summary.script_version:
                try:
                    version = await client.get_version(run.summary.script_id, run.summary.script_version)
                    code = {block.label: block.code for block in version.blocks}
                except ClientError:
                    code = {}  # the report still shows what ran; the code may have been deleted
            screenshots: dict[str, bytes] = {}
            unavailable: dict[str, str] = {}
            for key in dict.fromkeys(record.screenshot_key for record in run.block_runs if record.screenshot_key):
                try:
                    screenshots[key] = await client.read_run_artifact(run_id, key)
                except ClientError as exc:  # a missing screenshot must not stop the report: it is named in it
                    unavailable[key] = f"{exc.code.name}: {exc.message}"
        html = render_run_report(
            run.summary, list(run.block_runs), screenshots=screenshots, unavailable=unavailable, code=code
        )
        return html, unavailable

    html, unavailable = run_async(go())
    target.write_text(html)
    console.print(f"wrote {plain(target)}")
    for key, why in unavailable.items():
        console.print(f"[yellow]screenshot not included[/] {plain(key)}: {plain(why)}", highlight=False)
