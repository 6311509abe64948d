"""What the harness keeps per run and per floor, and the small pure helpers around them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from services.gen.rote.v1 import run_pb2

# A proto workflow id is at most 128 characters of [A-Za-z0-9_-]; leave room for the agent-alone suffix.
_ID_ROOM = 128 - len("__agent")


@dataclass
class RunRow:
    """One run of one task at one seed, as the page judged it and as Rote reported it."""

    task: str
    pattern: str
    mode: str  # record | same | code | agent
    seed: int  # the layout's seed
    lying: bool
    values: int = 0  # the seed of the user's values (the layout's, except in "same" runs)
    truth_ok: bool = False
    truth_reason: str = ""
    rote_status: str = "error"
    agent_steps: int = 0
    healed_actions: int = 0
    fallback: bool = False
    fallback_blocks: int = 0
    code_blocks: int = 0
    wall_ms: float = 0.0
    error: str = ""
    workflow_id: str = ""
    run_id: str = ""
    script_version: int = 0
    published_version: int = 0
    rote_wall_ms: int = 0  # the executor's own measure; wall_ms is the caller's, gRPC included
    blocks: list[dict[str, Any]] = field(default_factory=list)  # per block: label, mode, status, ms, steps, reason


@dataclass
class FloorRow:
    """A task's floor: the median time of its hand-written solution over the replay seeds, and the page's view."""

    task: str
    pattern: str
    lying: bool
    floor_ms: float | None
    seeds: int
    truth_ok: bool  # every floor run was judged a success by the page
    truth_ok_runs: int
    truth_reasons: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def workflow_id_for(task: str) -> str:
    """``corpus_<task>`` with anything outside [A-Za-z0-9_-] replaced, short enough for the agent-alone suffix."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"corpus_{task}")[:_ID_ROOM]


def redact(text: str, secrets: list[str]) -> str:
    """Secret parameter values never reach the report, even when a judge quotes what it received."""
    for value in sorted(secrets, key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def last_output(summary: run_pb2.RunSummary) -> Any:
    """The output of the last block (in execution order) that produced one; None when no block did."""
    found: Any = None
    for block in summary.blocks:
        raw = summary.outputs_json.get(block.label, "")
        if raw:
            try:
                found = json.loads(raw)
            except ValueError:
                found = raw
    return found


class Progress:
    """One line per finished run: '[12/510] contact-form code seed 3: page ok, rote completed, ...'."""

    def __init__(self, total: int, printer: Callable[[str], None], quiet: bool) -> None:
        self.total, self.done, self.printer, self.quiet = total, 0, printer, quiet

    def run(self, row: RunRow) -> None:
        self.done += 1
        if self.quiet:
            return
        page = "page ok" if row.truth_ok else "page no"
        tail = "" if row.truth_ok else f" ({row.truth_reason[:100]})"
        if row.error and row.rote_status == "error":
            tail += f" [error: {row.error[:100]}]"
        values = "" if row.values == row.seed else f" values {row.values}"
        self.printer(
            f"[{self.done}/{self.total}] {row.task} {row.mode} seed {row.seed}{values}: {page}, "
            f"rote {row.rote_status}, {row.agent_steps} agent steps, {row.wall_ms:.0f} ms{tail}"
        )

    def note(self, message: str) -> None:
        if not self.quiet:
            self.printer(message)
