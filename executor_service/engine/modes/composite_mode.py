"""Composite blocks (for_loop, task_v2) run child by child, from the start or from where replayed code failed."""

from __future__ import annotations

import json
import re
from typing import Any

from executor_service.engine import composite
from executor_service.engine.composite import Resume
from executor_service.engine.graph import BlockGraph
from executor_service.engine.modes.scope import BT, STATUS, BlockOutcome, RunScope
from executor_service.runtime import ReplayFailed
from executor_service.runtime.context import LoopFrame
from services.errors import InvalidArgument
from services.gen.rote.v1 import run_pb2, trace_pb2, workflow_pb2


async def loop_items(scope: RunScope, block: workflow_pb2.Block) -> list[Any]:
    """The loop's items; items computed from a secret parameter become secrets of the run themselves (they are
    redacted wherever they would leave the executor), and an error never quotes them (issue 16)."""
    secret = next((k for k in sorted(scope.ctx.secret_keys) if _names(block.loop_over, k)), "")
    try:
        items = await composite.loop_items(block, scope.template_values())
    except InvalidArgument as exc:
        if secret:
            raise InvalidArgument(
                f"for_loop {block.label!r}: loop_over (from secret parameter {secret!r}) is not a JSON list"
            ) from None
        raise exc from None
    if secret and scope.ctx.redactor is not None:
        scope.ctx.redactor.add_derived(secret, items)
    return items


async def loop_source(scope: RunScope, label: str) -> list[Any]:
    """The items of a loop that replayed code iterates; kept in the code log so a fallback resumes on them."""
    block = scope.blocks.get(label)
    if block is None or block.type != BT.BLOCK_TYPE_FOR_LOOP:
        raise ReplayFailed(f"the script iterates {label!r}, which is not a for_loop of this workflow")
    items = await loop_items(scope, block)
    scope.code_log.items[(label, tuple(f.index for f in scope.ctx.frames))] = items
    return items


async def run_loop(
    scope: RunScope, block: workflow_pb2.Block, outcome: BlockOutcome, *, resume: Resume | None, level: int
) -> None:
    """Children once per item; the trace keeps the first iteration run here, the output every iteration's."""
    record = outcome.record
    resumed = resume.frame_for(block.label, level) if resume else None
    if resumed is not None:
        items = scope.code_log.items.get((block.label, resume.path[:level])) if resume else None
        items = items or await loop_items(scope, block)
        start = resumed.index
        results = list(resume.loop_results.get(block.label, []))[:start] if resume else []
    else:
        items, start, results = await loop_items(scope, block), 0, []
    for index in range(start, len(items)):
        frame = resumed if resumed is not None and index == start else LoopFrame(block.label, index, items[index])
        scope.ctx.frames.append(frame)
        try:
            traces = await run_sequence(
                scope, list(block.children), record, resume if frame is resumed else None, f"iteration {index}: "
            )
        finally:
            scope.ctx.frames[:] = [f for f in scope.ctx.frames if f is not frame]
        if index == start:
            record.trace.children.extend(traces)
            record.trace.loop_item_json = json.dumps(items[index], sort_keys=True)
        if record.status == STATUS.BLOCK_STATUS_FAILED:
            return
        results.append(frame.outputs)
    outcome.output = results


async def run_task_v2(
    scope: RunScope, block: workflow_pb2.Block, outcome: BlockOutcome, *, resume: Resume | None
) -> None:
    """The children in order (planned ones for a task_v2 without any); its output gathers theirs."""
    children, planned = task_v2_children(scope, block)
    traces = await run_sequence(scope, children, outcome.record, resume, "")
    outcome.record.trace.children.extend(traces)
    if outcome.record.status != STATUS.BLOCK_STATUS_FAILED:
        outcome.output = composite.task_v2_output(children, planned, scope.ctx.outputs)


def task_v2_children(scope: RunScope, block: workflow_pb2.Block) -> tuple[list[workflow_pb2.Block], bool]:
    """A block's children; a task_v2 without any is planned into children (and says so)."""
    if block.type != BT.BLOCK_TYPE_TASK_V2:
        return list(block.children), False
    return composite.task_v2_children(block, set(scope.blocks) - {block.label})


async def run_sequence(
    scope: RunScope, children: list[workflow_pb2.Block], parent: run_pb2.BlockRun, resume: Resume | None, where: str
) -> list[trace_pb2.BlockTrace]:
    """Children in order (conditionals among them may branch); after a resume, from the child that failed."""
    graph = BlockGraph(children)
    path = tuple(f.index for f in scope.ctx.frames)
    target = resume.target(children) if resume else None
    traces: list[trace_pb2.BlockTrace] = []
    block = graph.first()
    while block is not None:
        if target is not None and block.label != target.label:
            traces.append(scope.code_log.trace(block, path))  # done by the code before it failed
            block = graph.after(block)
            continue
        child_resume, target = (resume if target is not None else None), None
        saved = scope.current_label, scope.current_mode
        outcome = await scope.run(block, parent.sequence, child=True, resume=child_resume)
        scope.current_label, scope.current_mode = saved
        record = outcome.record
        parent.agent_steps += record.agent_steps
        parent.llm_calls += record.llm_calls
        parent.healed_actions += record.healed_actions
        traces.append(record.trace)
        if record.status == STATUS.BLOCK_STATUS_FAILED:
            parent.status = STATUS.BLOCK_STATUS_FAILED
            prefix = f"{parent.reason}; then " if parent.reason else ""
            parent.reason = f"{prefix}{where}block {block.label!r} failed: {record.reason}"
            return traces
        if record.status == STATUS.BLOCK_STATUS_UNVERIFIED:
            # A child whose effect is not established makes its parent unverified too (so never cached).
            parent.status = STATUS.BLOCK_STATUS_UNVERIFIED
            prefix = f"{parent.reason}; " if parent.reason else ""
            parent.reason = f"{prefix}{where}block {block.label!r} unverified: {record.reason}"
        block = graph.after(block, outcome.next_label)
    return traces


def _names(template: str, name: str) -> bool:
    """Whether ``template`` mentions the identifier ``name`` (conservative: any mention counts)."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", template) is not None
