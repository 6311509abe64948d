"""Runs one block: as cached code, through the agent, as a fallback from code, or live (never cached)."""

from __future__ import annotations

import ast
import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.agents.base import Agent, AgentTask, RenderedValue
from executor_service.engine.events import EventStream
from executor_service.engine.script_loader import LoadedScript
from executor_service.engine.templates import evaluate_condition, render, whole_parameter
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page, ReplayFailed, RunContext
from services.errors import InvalidArgument
from services.gen.rote.v1 import run_pb2, trace_pb2, workflow_pb2
from services.sandbox import SAFE_BUILTINS, validate_snippet

log = logging.getLogger(__name__)
BT = workflow_pb2.BlockType
MODE = run_pb2.BlockMode
STATUS = run_pb2.BlockStatus
AGENT_TYPES = {
    BT.BLOCK_TYPE_NAVIGATION, BT.BLOCK_TYPE_ACTION, BT.BLOCK_TYPE_LOGIN,
    BT.BLOCK_TYPE_EXTRACTION, BT.BLOCK_TYPE_TASK, BT.BLOCK_TYPE_FILE_DOWNLOAD,
}


@dataclass
class BlockOutcome:
    """What one block left behind: its record, its output, and the branch it chose."""

    record: run_pb2.BlockRun
    output: Any = None
    next_label: str = ""


class BlockRunner:
    """Executes blocks of one run on one page; holds the run's context, agent and loaded script."""

    def __init__(
        self,
        *,
        page: PlaywrightPage,
        ctx: RunContext,
        agent: Agent,
        events: EventStream,
        script: LoadedScript | None,
        settle_timeout_ms: float,
    ) -> None:
        self.page = page
        self.ctx = ctx
        self.agent = agent
        self.events = events
        self.script = script
        self.current_label = ""
        self.current_mode = MODE.BLOCK_MODE_AGENT
        self.replay = Page(
            page, ctx, on_action=self._code_action, healer=agent.locate, settle_timeout_ms=settle_timeout_ms
        )

    def mode_for(self, block: workflow_pb2.Block) -> int:
        if block.type in AGENT_TYPES:
            cached = self.script is not None and block.label in self.script.signatures
            return MODE.BLOCK_MODE_CODE if cached else MODE.BLOCK_MODE_AGENT
        return MODE.BLOCK_MODE_LIVE

    def template_values(self) -> dict[str, Any]:
        return {**self.ctx.parameters, **self.ctx.outputs}

    async def run(self, block: workflow_pb2.Block, sequence: int) -> BlockOutcome:
        mode = self.mode_for(block)
        self.current_label, self.current_mode = block.label, mode
        self.events.block_started(block, mode)
        started = time.perf_counter()
        record = run_pb2.BlockRun(label=block.label, type=block.type, mode=mode, sequence=sequence)
        record.trace.label, record.trace.type = block.label, block.type
        outcome = BlockOutcome(record)
        try:
            if mode == MODE.BLOCK_MODE_CODE:
                await self._run_code(block, outcome)
            elif mode == MODE.BLOCK_MODE_AGENT:
                await self._run_agent(block, outcome, done=[])
            else:
                await self._run_live(block, outcome)
            if not record.status:
                record.status = STATUS.BLOCK_STATUS_COMPLETED
        except (PlaywrightError, InvalidArgument, ReplayFailed) as exc:
            record.status = STATUS.BLOCK_STATUS_FAILED
            record.reason = record.reason or str(exc).splitlines()[0]
        record.duration_ms = int((time.perf_counter() - started) * 1000)
        if outcome.output is not None:
            self.ctx.outputs[block.label] = outcome.output
            record.output_json = json.dumps(outcome.output, sort_keys=True)
        self.events.block_finished(summary_of(record))
        return outcome

    async def _run_code(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        assert self.script is not None
        record = outcome.record
        self.replay.reset_block()
        steps_before = self.replay.agent_steps
        try:
            await self.script.run_block(block.label, self.replay, self.ctx)
            outcome.output = self.ctx.outputs.get(block.label)
            record.healed_actions = len(self.replay.heal_notes)
            record.agent_steps = self.replay.agent_steps - steps_before
            record.trace.actions.extend(self.replay.actions)
            if self.replay.heal_notes:
                record.reason = "; ".join(self.replay.heal_notes)
        except ReplayFailed as exc:
            # The agent takes over from the page as it is now, knowing what the code already did,
            # so an irreversible step that already happened is not repeated.
            record.mode = self.current_mode = MODE.BLOCK_MODE_FALLBACK
            record.reason = f"fell back to the agent: {exc.reason}"
            record.agent_steps = self.replay.agent_steps - steps_before
            log.info("block fell back", extra={"label": block.label, "reason": exc.reason})
            await self._run_agent(block, outcome, done=list(self.replay.actions), navigate=False)

    async def _run_agent(
        self, block: workflow_pb2.Block, outcome: BlockOutcome, *, done: list[trace_pb2.Action], navigate: bool = True
    ) -> None:
        record = outcome.record
        recorder = ActionRecorder(
            parameters=self.ctx.parameters,
            secret_keys=set(self.ctx.secret_keys),
            on_action=self._agent_action,
        )
        values = self.template_values()
        if navigate and block.url:
            await recorder.goto(self.page, render(block.url, values), intent=f"Open the page for {block.label}")
        payload = {
            key: RenderedValue(
                value=render(template, values),
                parameter_key=whole_parameter(template),
                secret=whole_parameter(template) in self.ctx.secret_keys,
            )
            for key, template in sorted(block.payload.items())
        }
        schema = json.loads(block.extraction_schema_json) if block.extraction_schema_json else None
        task = AgentTask(
            block=block,
            payload=payload,
            goal=render(block.goal, values),
            completion_criterion=block.completion_criterion,
            schema=schema,
            actions_done=done,
            max_steps=block.max_steps or 10,
        )
        result = await self.agent.run_block(self.page, task, recorder)
        record.agent_steps += result.steps
        record.llm_calls += result.llm_calls
        record.trace.actions.extend([*done, *recorder.actions])
        if result.end_state is not None:
            record.trace.end_state.CopyFrom(result.end_state)
        if not result.completed:
            record.status = STATUS.BLOCK_STATUS_FAILED
            prefix = f"{record.reason}; then " if record.reason else ""
            record.reason = f"{prefix}the agent could not complete the block: {result.reason}"
            return
        outcome.output = result.output

    async def _run_live(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        values = self.template_values()
        if block.type == BT.BLOCK_TYPE_GOTO_URL:
            await self.replay.goto(render(block.url, values), intent=f"Open {block.url}")
        elif block.type == BT.BLOCK_TYPE_WAIT:
            await asyncio.sleep(max(0.0, block.wait_seconds))
        elif block.type == BT.BLOCK_TYPE_CONDITIONAL:
            outcome.next_label = self._choose_branch(block, values)
            outcome.output = {"next_block_label": outcome.next_label}
        elif block.type == BT.BLOCK_TYPE_CODE:
            outcome.output = await self._run_snippet(block)
        else:
            raise InvalidArgument(f"block {block.label!r}: type {BT.Name(block.type)} is not supported yet")

    def _choose_branch(self, block: workflow_pb2.Block, values: dict[str, Any]) -> str:
        for branch in block.branches:
            if not branch.expression.strip() or evaluate_condition(branch.expression, values):
                return branch.next_block_label
        raise InvalidArgument(f"conditional {block.label!r}: no branch matched and there is no default branch")

    async def _run_snippet(self, block: workflow_pb2.Block) -> Any:
        tree = validate_snippet(block.code)
        code = compile(tree, f"<code block {block.label}>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        scope: dict[str, Any] = {"__builtins__": dict(SAFE_BUILTINS), "page": self.replay, "ctx": self.ctx}
        result = eval(code, scope)  # noqa: S307 - allowlisted snippet
        if result is not None and hasattr(result, "__await__"):
            await result
        return scope.get("result")

    async def _code_action(self, action: trace_pb2.Action, healed: bool) -> None:
        self.events.action_done(self.current_label, action, self.current_mode, healed)

    async def _agent_action(self, action: trace_pb2.Action) -> None:
        self.events.action_done(self.current_label, action, self.current_mode, False)


def summary_of(record: run_pb2.BlockRun) -> run_pb2.BlockSummary:
    return run_pb2.BlockSummary(
        label=record.label,
        mode=record.mode,
        status=record.status,
        agent_steps=record.agent_steps,
        reason=record.reason,
        duration_ms=record.duration_ms,
        healed_actions=record.healed_actions,
    )
