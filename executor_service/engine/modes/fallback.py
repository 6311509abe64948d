"""Fallback: the agent takes over a block its cached code could not finish, from where the code left the page."""

from __future__ import annotations

import logging

from executor_service.engine.composite import Resume
from executor_service.engine.modes.agent_mode import run_agent
from executor_service.engine.modes.composite_mode import run_loop, run_task_v2
from executor_service.engine.modes.scope import BT, MODE, STATUS, BlockOutcome, RunScope
from executor_service.engine.modes.traces import for_trace, with_bindings
from executor_service.runtime import ReplayFailed
from executor_service.runtime.context import LoopFrame
from services.gen.rote.v1 import workflow_pb2
from services.workflows.block_types import COMPOSITE_BLOCK_TYPES

# The name from before the split, so the "logger" field of this JSON log line is unchanged.
log = logging.getLogger("executor_service.engine.block_runner")


async def fall_back(
    scope: RunScope, block: workflow_pb2.Block, outcome: BlockOutcome, exc: ReplayFailed, frames: list[LoopFrame]
) -> None:
    """The agent takes over from the page as it is now, knowing what the code already did, so an
    irreversible step that already happened is not repeated."""
    record = outcome.record
    if scope.code_only is not None:
        # Code only: what the code could not do or show is the block's outcome; the agent never takes over.
        unverified = exc.reason.startswith("unverified:")
        record.status = STATUS.BLOCK_STATUS_UNVERIFIED if unverified else STATUS.BLOCK_STATUS_FAILED
        record.reason = "; ".join([*scope.replay.heal_notes, f"run_with=code_only: {exc.reason}"])
        return
    record.mode = scope.current_mode = MODE.BLOCK_MODE_FALLBACK
    record.reason = "; ".join([*scope.replay.heal_notes, f"fell back to the agent: {exc.reason}"])
    record.screenshot_key = await scope.artifacts.screenshot(scope.page, block.label, record.sequence, "fallback")
    log.info("block fell back", extra={"label": block.label, "reason": exc.reason})
    if block.type in COMPOSITE_BLOCK_TYPES:
        resume = Resume(frames, scope.ctx.current_block, scope.code_log, dict(scope.ctx.loop_results))
        await run_resumed(scope, block, outcome, resume)
    else:
        done = with_bindings(scope, block, for_trace(scope.replay.actions, scope.ctx.parameters))
        await run_agent(scope, block, outcome, done=done, navigate=False)


async def run_resumed(scope: RunScope, block: workflow_pb2.Block, outcome: BlockOutcome, resume: Resume) -> None:
    """A block inside a composite that fell back: loops and task_v2 go on from the child that failed, an acting
    child through the agent after what its code did."""
    if block.type == BT.BLOCK_TYPE_FOR_LOOP:
        await run_loop(scope, block, outcome, resume=resume, level=len(scope.ctx.frames))
    elif block.type == BT.BLOCK_TYPE_TASK_V2:
        await run_task_v2(scope, block, outcome, resume=resume)
    else:
        done = scope.code_log.actions(block.label, resume.path)
        await run_agent(scope, block, outcome, done=done, navigate=False)
