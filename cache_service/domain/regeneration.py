"""The regeneration rules (DESIGN §4, rules 1-5 and 7-8) as pure functions over plain values."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Any

from cache_service.domain.block_types import is_cacheable, type_name
from cache_service.domain.definitions import has_conditionals
from services.gen.rote.v1 import run_pb2, workflow_pb2

RS = run_pb2
AGENT_MODES = frozenset({RS.BLOCK_MODE_AGENT, RS.BLOCK_MODE_FALLBACK})


@dataclass(frozen=True)
class ExecutedBlock:
    """What the decision needs to know about one executed block."""

    label: str
    type: int
    mode: int
    status: int
    healed_actions: int = 0


@dataclass(frozen=True)
class RegenerationDecision:
    """Whether a finished run produces a new script version, for which blocks, and why."""

    regenerate: bool
    blocks_to_update: tuple[str, ...] = ()
    missing_labels: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def with_reason(self, reason: str, *, regenerate: bool | None = None) -> RegenerationDecision:
        return replace(
            self,
            reasons=(*self.reasons, reason),
            regenerate=self.regenerate if regenerate is None else regenerate,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "regenerate": self.regenerate,
            "blocks_to_update": list(self.blocks_to_update),
            "missing_labels": list(self.missing_labels),
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegenerationDecision:
        return cls(
            regenerate=bool(data.get("regenerate")),
            blocks_to_update=tuple(data.get("blocks_to_update", ())),
            missing_labels=tuple(data.get("missing_labels", ())),
            reasons=tuple(data.get("reasons", ())),
        )


def needs_update(block: ExecutedBlock, cached_labels: Set[str]) -> bool:
    """Rules 2 and 7: a completed cacheable block that ran through the agent and is not cached, or fell back;
    and a code block whose replay needed healing, so the next run finds its elements without the agent."""
    if block.status != RS.BLOCK_STATUS_COMPLETED or not is_cacheable(block.type):
        return False
    if block.mode == RS.BLOCK_MODE_FALLBACK:
        return True
    if block.mode == RS.BLOCK_MODE_CODE and block.healed_actions > 0:
        return True
    return block.mode == RS.BLOCK_MODE_AGENT and block.label not in cached_labels


def _status_name(status: int) -> str:
    try:
        return RS.RunStatus.Name(status).removeprefix("RUN_STATUS_")  # type: ignore[arg-type]
    except ValueError:
        return str(status)


def decide_regeneration(
    workflow: workflow_pb2.Workflow,
    executed: Sequence[ExecutedBlock],
    cached_labels: Set[str],
    run_status: int,
    *,
    force: bool = False,
) -> RegenerationDecision:
    """Decide for a finished run, given the labels the current published version has valid code for."""
    if run_status not in (RS.RUN_STATUS_COMPLETED, RS.RUN_STATUS_UNVERIFIED):
        return RegenerationDecision(
            regenerate=False,
            reasons=(f"run ended {_status_name(run_status)}: only a completed run publishes",),
        )
    # An unverified run publishes its verified blocks only (needs_update requires BLOCK_STATUS_COMPLETED).
    top_level = {block.label: block.type for block in workflow.blocks}
    ran = [block for block in executed if block.label in top_level]
    reasons: list[str] = []
    to_update: list[str] = []
    for block in ran:
        if block.label in to_update:
            continue
        if force and block.status == RS.BLOCK_STATUS_COMPLETED and is_cacheable(block.type):
            to_update.append(block.label)
            reasons.append(f"block {block.label!r}: regeneration forced")
        elif needs_update(block, cached_labels):
            to_update.append(block.label)
            if block.mode == RS.BLOCK_MODE_FALLBACK:
                reasons.append(f"block {block.label!r} fell back to the agent: its code is regenerated")
            elif block.mode == RS.BLOCK_MODE_CODE:
                reasons.append(
                    f"block {block.label!r} healed {block.healed_actions} action(s): its code is regenerated "
                    "with the elements the agent found"
                )
            else:
                reasons.append(f"block {block.label!r} ran through the agent and has no cached code")
    missing = _missing_labels(workflow, ran, cached_labels)
    if to_update:
        return RegenerationDecision(True, tuple(to_update), missing, tuple(reasons))
    reasons.append("nothing to regenerate: every executed cacheable block is cached")
    for block in ran:
        if not is_cacheable(block.type) and block.status == RS.BLOCK_STATUS_COMPLETED:
            reasons.append(f"block {block.label!r}: type {type_name(block.type)} is never cached")
    return RegenerationDecision(False, (), missing, tuple(reasons))


def _missing_labels(
    workflow: workflow_pb2.Workflow, ran: Sequence[ExecutedBlock], cached_labels: Set[str]
) -> tuple[str, ...]:
    """Rule 3: cacheable definition labels without code; only executed ones count, none with conditionals."""
    if has_conditionals(workflow):
        # Branches are cached progressively, run by run; an untaken branch is not missing.
        return ()
    executed_labels = {block.label for block in ran}
    return tuple(
        block.label
        for block in workflow.blocks
        if is_cacheable(block.type) and block.label not in cached_labels and block.label in executed_labels
    )
