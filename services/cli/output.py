"""Human and JSON renderings of runs for the CLI."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from services.cli.common import plain
from services.enum_labels import enum_label
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2, trace_pb2


def mode_name(mode: int) -> str:
    return enum_label(run_pb2.BlockMode, mode, "BLOCK_MODE_")


def status_name(status: int) -> str:
    return enum_label(run_pb2.RunStatus, status, "RUN_STATUS_")


def block_status_name(status: int) -> str:
    return enum_label(run_pb2.BlockStatus, status, "BLOCK_STATUS_")


def summary_json(summary: run_pb2.RunSummary) -> dict[str, Any]:
    """The one JSON object `rote run --json` prints."""
    return {
        "run_id": summary.run_id,
        "workflow_id": summary.workflow_id,
        "status": status_name(summary.status),
        "script_version": summary.script_version,
        "published_version": summary.published_version,
        "script_id": summary.script_id,
        "cache_key": summary.cache_key,
        "agent_steps": summary.agent_steps,
        "llm_calls": summary.llm_calls,
        "wall_ms": summary.wall_ms,
        "recorded": summary.recorded,
        "error": summary.error,
        "blocks": [
            {
                "label": block.label,
                "mode": mode_name(block.mode),
                "status": block_status_name(block.status),
                "agent_steps": block.agent_steps,
                "healed_actions": block.healed_actions,
                "duration_ms": block.duration_ms,
                "reason": block.reason,
            }
            for block in summary.blocks
        ],
    }


class ProgressPrinter:
    """Prints one line per block and action as events arrive."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def __call__(self, event: ex_pb.RunWorkflowResponse) -> None:
        kind = event.WhichOneof("event")
        if kind == "run_started":
            started = event.run_started
            cached = plain(", ".join(started.cached_labels) or "none")
            self.console.print(
                f"[bold]run {plain(started.run_id)}[/] {plain(started.workflow_id)} v{started.workflow_version} "
                f"· script v{started.script_version or '-'} · cached blocks: {cached}"
            )
            if started.warning:
                self.console.print(f"[yellow]warning:[/] {plain(started.warning)}")
        elif kind == "block_started":
            started_block = event.block_started
            self.console.print(f"  ▶ {plain(started_block.label)} [dim]({mode_name(started_block.mode)})[/]")
        elif kind == "action_done":
            done = event.action_done
            healed = " [magenta]healed[/]" if done.healed else ""
            kind_name = trace_pb2.ActionType.Name(done.action.type).removeprefix("ACTION_TYPE_").lower()
            post = done.action.postcondition
            check = ""
            if done.action.HasField("postcondition"):
                # The action's postcondition (issue 13): what was checked and, when it failed, what the page shows.
                effect = trace_pb2.ClickEffect.Name(post.effect).removeprefix("CLICK_EFFECT_").lower()
                seen = f" {effect}" if post.effect else ""
                bad = f" [yellow]✗ saw {plain(post.observed or effect)}[/]"
                check = f" [green]✓{seen}[/]" if post.verified else bad
            self.console.print(f"      · {kind_name} {plain(done.action.intent)}{healed}{check}", highlight=False)
        elif kind == "block_finished":
            block = event.block_finished.block
            colour = {run_pb2.BLOCK_STATUS_COMPLETED: "green", run_pb2.BLOCK_STATUS_UNVERIFIED: "yellow"}.get(
                block.status, "red"
            )
            reason = f" — {plain(block.reason)}" if block.reason else ""
            self.console.print(
                f"  [{colour}]■ {plain(block.label)}: {block_status_name(block.status)}[/] as {mode_name(block.mode)}, "
                f"{block.agent_steps} agent step(s), {block.duration_ms} ms{reason}",
                highlight=False,
            )


def summary_table(summary: run_pb2.RunSummary) -> Table:
    table = Table(title=f"run {plain(summary.run_id)} · {status_name(summary.status)}")
    for column in ("block", "mode", "status", "agent steps", "ms"):
        table.add_column(column)
    for block in summary.blocks:
        table.add_row(
            plain(block.label), mode_name(block.mode), block_status_name(block.status),
            str(block.agent_steps), str(block.duration_ms),
        )
    return table
