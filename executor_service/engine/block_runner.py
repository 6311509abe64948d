"""Runs one block in the mode it needs (code, agent, fallback or live); the modes themselves live in engine/modes."""

from __future__ import annotations

import asyncio
import functools
import json
import time
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.agents.base import Agent
from executor_service.engine.artifacts import RunArtifacts
from executor_service.engine.composite import Resume
from executor_service.engine.events import EventStream
from executor_service.engine.modes import code_replay, composite_mode, healing, live
from executor_service.engine.modes.agent_mode import run_agent
from executor_service.engine.modes.fallback import run_resumed
from executor_service.engine.modes.scope import (
    BT,
    MODE,
    STATUS,
    BlockLimits,
    BlockOutcome,
    RunScope,
    first_line,
)
from executor_service.engine.script_loader import LoadedScript
from executor_service.runtime import Page, ReplayFailed, RunContext
from services.errors import InvalidArgument
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.isolation.pool import OversizedOutput, SnippetFailed
from services.workflows.block_types import CACHEABLE_BLOCK_TYPES

CACHEABLE_TYPES = CACHEABLE_BLOCK_TYPES

__all__ = ["CACHEABLE_TYPES", "BlockLimits", "BlockOutcome", "BlockRunner", "summary_of"]


class BlockRunner(RunScope):
    """Executes blocks of one run on one page: chooses each block's mode and keeps its record and output."""

    def __init__(
        self,
        *,
        page: PlaywrightPage,
        ctx: RunContext,
        agent: Agent,
        events: EventStream,
        script: LoadedScript | None,
        limits: BlockLimits,
        workflow: workflow_pb2.Workflow | None = None,
        artifacts: RunArtifacts | None = None,
        refused: dict[str, str] | None = None,
        code_only: dict[str, str] | None = None,
        deadline: float | None = None,
    ) -> None:
        super().__init__(
            page=page, ctx=ctx, agent=agent, events=events, script=script, limits=limits, workflow=workflow,
            artifacts=artifacts, refused=refused, code_only=code_only, deadline=deadline,
        )
        for block in list(self.blocks.values()):
            if block.type == BT.BLOCK_TYPE_TASK_V2 and not block.children:
                # Planned extraction children have their output checked against their schema like declared ones.
                for child in composite_mode.task_v2_children(self, block)[0]:
                    if child.extraction_schema_json:
                        ctx.schemas.setdefault(child.label, json.loads(child.extraction_schema_json))
        # Replayed code asks the run for loop items and branches: the same answers a run through the agent gets.
        ctx.loop_source = functools.partial(composite_mode.loop_source, self)
        ctx.condition_source = functools.partial(live.condition_source, self)
        self.replay = Page(
            page, ctx, on_action=functools.partial(code_replay.on_replayed_action, self),
            healer=None if code_only is not None else functools.partial(healing.locate_again, self),
            field_finder=None if code_only is not None else functools.partial(healing.field_for_parameter, self),
            store_download=self.artifacts.put_download, settle_timeout_ms=limits.settle_timeout_ms,
            uploads=self.artifacts.uploads,
        )

    def mode_for(self, block: workflow_pb2.Block, *, force_agent: bool = False) -> run_pb2.BlockMode:
        if block.type in CACHEABLE_TYPES:
            cached = not force_agent and self.script is not None and block.label in self.script.signatures
            return MODE.BLOCK_MODE_CODE if cached else MODE.BLOCK_MODE_AGENT
        return MODE.BLOCK_MODE_LIVE

    async def run(
        self, block: workflow_pb2.Block, sequence: int, *, child: bool = False, resume: Resume | None = None
    ) -> BlockOutcome:
        """Run ``block``; children of an agent-mode loop or task_v2 (``child``) always go through the agent."""
        mode = MODE.BLOCK_MODE_FALLBACK if resume is not None else self.mode_for(block, force_agent=child)
        refused = "" if child or mode != MODE.BLOCK_MODE_AGENT else self.refused.get(block.label, "")
        if refused:
            mode = MODE.BLOCK_MODE_FALLBACK  # it was cached, but its code could not run: the agent repairs it
        self.current_label, self.current_mode = block.label, mode
        self.events.block_started(block, mode)
        started = time.perf_counter()
        record = run_pb2.BlockRun(label=block.label, type=block.type, mode=mode, sequence=sequence)
        record.trace.label, record.trace.type = block.label, block.type
        record.reason = refused
        outcome = BlockOutcome(record)
        agentless = self.code_only is not None and not child and resume is None and block.type in CACHEABLE_TYPES
        try:
            if agentless and (mode == MODE.BLOCK_MODE_AGENT or refused):
                why = refused or (self.code_only or {}).get(block.label, "") or "it has no cached code"
                record.status = STATUS.BLOCK_STATUS_FAILED
                record.reason = f"run_with=code_only and {why}: the agent is not used"
            elif resume is not None:
                await run_resumed(self, block, outcome, resume)
            elif mode == MODE.BLOCK_MODE_CODE:
                await code_replay.run_code(self, block, outcome)
            elif mode == MODE.BLOCK_MODE_AGENT or refused:
                await self._run_agent_mode(block, outcome)
            else:
                await live.run_live(self, block, outcome)
            if not record.status:
                record.status = STATUS.BLOCK_STATUS_COMPLETED
        except (PlaywrightError, InvalidArgument, ReplayFailed, SnippetFailed) as exc:
            record.status = STATUS.BLOCK_STATUS_FAILED
            record.reason = record.reason or first_line(exc)
        except asyncio.CancelledError:
            # The run's deadline passed (or its caller left) while the block ran: it never counts as completed.
            record.status = STATUS.BLOCK_STATUS_FAILED
            record.reason = "interrupted: the run timed out or was cancelled while this block ran"
            record.duration_ms = int((time.perf_counter() - started) * 1000)
            outcome.output = None
            self.events.block_finished(summary_of(record))
            raise
        if record.status == STATUS.BLOCK_STATUS_FAILED and not record.screenshot_key and not child:
            record.screenshot_key = await self.artifacts.screenshot(self.page, block.label, sequence, "failed")
        record.duration_ms = int((time.perf_counter() - started) * 1000)
        if outcome.output is not None:
            await self._keep_output(block, outcome)
        self.events.block_finished(summary_of(record))
        return outcome

    async def _run_agent_mode(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        if block.type == BT.BLOCK_TYPE_FOR_LOOP:
            await composite_mode.run_loop(self, block, outcome, resume=None, level=len(self.ctx.frames))
        elif block.type == BT.BLOCK_TYPE_TASK_V2:
            await composite_mode.run_task_v2(self, block, outcome, resume=None)
        else:
            await run_agent(self, block, outcome, done=[])

    async def _keep_output(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        """Record the output; one over the size limit goes to object storage and the run keeps a reference
        (or, without storage, the block fails saying so), so the run's records and summary stay deliverable."""
        record = outcome.record
        limit = self.limits.max_output_bytes
        # A big snippet result arrives as JSON text and is stored as it is, never parsed here.
        data = outcome.output.data if isinstance(outcome.output, OversizedOutput) else None
        text = "" if data is not None else await _dumps(outcome.output)
        if data is not None or len(text) > limit:
            data = data if data is not None else text.encode()
            size = len(data)
            key = await self.artifacts.put_output(block.label, record.sequence, data)
            if not key:
                record.status = STATUS.BLOCK_STATUS_FAILED
                record.reason = (
                    f"the block's output is {size} bytes, over the limit of {limit} bytes "
                    "(ROTE_MAX_OUTPUT_BYTES), and no object storage could keep it"
                )
                outcome.output = None
                return
            outcome.output = {"output_key": key, "bytes": size, "content_type": "application/json"}
            text = json.dumps(outcome.output, sort_keys=True)
        self.ctx.record_output(block.label, outcome.output)
        record.output_json = text


async def _dumps(value: Any) -> str:
    """JSON text of an output; a big one is encoded in a thread so the event loop keeps answering."""
    if isinstance(value, list | dict | str) and len(value) > 1000:
        return await asyncio.to_thread(json.dumps, value, sort_keys=True)
    return json.dumps(value, sort_keys=True)


def summary_of(record: run_pb2.BlockRun) -> run_pb2.BlockSummary:
    return run_pb2.BlockSummary(
        label=record.label,
        mode=record.mode,
        status=record.status,
        agent_steps=record.agent_steps,
        reason=record.reason,
        duration_ms=record.duration_ms,
        healed_actions=record.healed_actions,
        screenshot_key=record.screenshot_key,
    )
