"""Whether a run's recorded blocks make up a whole path through its workflow (a COMPLETED finish must)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from services.gen.rote.v1 import run_pb2, workflow_pb2


@dataclass(frozen=True)
class RecordedBlock:
    """What the check needs of one recorded top-level block run, in execution order."""

    label: str
    status: int
    output_json: str


def _chosen_branch(output_json: str) -> str:
    """A conditional records the branch it took as ``{"next_block_label": ...}`` in its output."""
    try:
        output = json.loads(output_json) if output_json else None
    except ValueError:
        return ""
    chosen = output.get("next_block_label") if isinstance(output, dict) else None
    return chosen if isinstance(chosen, str) else ""


def incomplete_path(workflow: workflow_pb2.Workflow, recorded: Sequence[RecordedBlock]) -> str:
    """Why ``recorded`` is not a completed walk of the workflow's top-level blocks ('' when it is).

    The walk follows the executor's rules: the next block is the conditional's chosen branch, else the block's
    ``next_block_label``, else the next in definition order; the path ends after the last block.
    """
    blocks = list(workflow.blocks)
    index = {block.label: i for i, block in enumerate(blocks)}
    # Labels that may come next (None: the end of the workflow); the walk starts at the first block.
    allowed: set[str | None] = {blocks[0].label if blocks else None}
    for position, block_run in enumerate(recorded):
        if block_run.label not in allowed:
            if allowed == {None}:
                return f"block {block_run.label!r} was recorded after the end of the workflow"
            expected = " or ".join(repr(label) for label in sorted(str(label) for label in allowed))
            return f"block {block_run.label!r} was recorded where {expected} comes next (position {position})"
        if block_run.status != run_pb2.BLOCK_STATUS_COMPLETED:
            return f"block {block_run.label!r} did not complete"
        allowed = _successors(blocks[index[block_run.label]], blocks, index, block_run.output_json)
    if None not in allowed:
        return f"block {' or '.join(sorted(repr(label) for label in allowed))} was never recorded"
    return ""


def _successors(
    block: workflow_pb2.Block, blocks: list[workflow_pb2.Block], index: dict[str, int], output_json: str
) -> set[str | None]:
    """What may follow ``block``: its chosen branch (any branch when the choice was not recorded), else its
    ``next_block_label``, else the next block in definition order (None past the last one)."""
    following = index[block.label] + 1
    default: str | None = (
        block.next_block_label or (blocks[following].label if following < len(blocks) else None)
    )
    if block.type != workflow_pb2.BLOCK_TYPE_CONDITIONAL:
        return {default}
    chosen = _chosen_branch(output_json)
    if chosen:
        return {chosen}
    return {default, *(branch.next_block_label for branch in block.branches if branch.next_block_label)}
