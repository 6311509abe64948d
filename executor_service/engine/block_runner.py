"""Runs one block: as cached code, through the agent, as a fallback from code, or live (never cached)."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from playwright.async_api import ElementHandle
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.agents.base import Agent, AgentTask, RenderedValue
from executor_service.bindings import bindings_for, template_inputs, whole_input
from executor_service.browser.completion import BlockFacts, Verdict, goal_values, holds_data, judge_block
from executor_service.browser.end_state import capture_end_state, stable_landmark
from executor_service.browser.postconditions import appeared_texts
from executor_service.engine import composite
from executor_service.engine.artifacts import RunArtifacts
from executor_service.engine.composite import CodeLog, Resume
from executor_service.engine.events import EventStream
from executor_service.engine.graph import BlockGraph
from executor_service.engine.script_loader import LoadedScript
from executor_service.engine.templates import evaluate_condition, render_isolated, whole_parameter
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page, ReplayFailed, RunContext
from executor_service.runtime.context import LoopFrame
from executor_service.url_policy import check_navigation
from services.errors import InvalidArgument
from services.gen.rote.v1 import run_pb2, trace_pb2, workflow_pb2
from services.isolation.pool import OversizedOutput, SnippetFailed, run_snippet, worker_memory_mb
from services.isolation.templating import typed_values
from services.sandbox import SAFE_BUILTINS, validate_snippet
from services.workflows.block_types import ACTION_BLOCK_TYPES, CACHEABLE_BLOCK_TYPES, COMPOSITE_BLOCK_TYPES

log = logging.getLogger(__name__)
BT = workflow_pb2.BlockType
MODE = run_pb2.BlockMode
STATUS = run_pb2.BlockStatus
AGENT_TYPES = ACTION_BLOCK_TYPES
COMPOSITE_TYPES = COMPOSITE_BLOCK_TYPES
CACHEABLE_TYPES = CACHEABLE_BLOCK_TYPES
GOAL_CHECKED_TYPES = {BT.BLOCK_TYPE_NAVIGATION, BT.BLOCK_TYPE_ACTION, BT.BLOCK_TYPE_LOGIN, BT.BLOCK_TYPE_FILE_DOWNLOAD}
# Page methods a code block may call (through its worker); their arguments and results are JSON data.
SNIPPET_PAGE_METHODS = frozenset({"title", "goto", "wait", "press", "scroll", "url"})
DEFAULT_CODE_BLOCK_TIMEOUT_S = 60.0
DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024


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
        workflow: workflow_pb2.Workflow | None = None,
        artifacts: RunArtifacts | None = None,
        refused: dict[str, str] | None = None,
        code_only: dict[str, str] | None = None,
    ) -> None:
        self.page = page
        # run_with=code_only: why each top-level block has no code (the agent is never used, not even to heal).
        self.code_only = code_only
        self.ctx = ctx
        self.agent = agent
        self.events = events
        self.script = script
        self.artifacts = artifacts or RunArtifacts(None, "", ctx.run_id)
        self.blocks = {b.label: b for b in composite.walk(workflow.blocks)} if workflow else {}
        for block in list(self.blocks.values()):
            if block.type == BT.BLOCK_TYPE_TASK_V2 and not block.children:
                for child in self._task_v2_children(block)[0]:
                    if child.extraction_schema_json:
                        ctx.schemas.setdefault(child.label, json.loads(child.extraction_schema_json))
        # Templates see typed parameters (INTEGER an int, BOOLEAN a bool, JSON its value); ctx.param stays text.
        self.typed_parameters = (
            typed_values(workflow.parameters, ctx.parameters) if workflow else dict(ctx.parameters)
        )
        # Set by the workflow runner: when the run's deadline passes (loop time), and the output and code limits.
        self.deadline: float | None = None
        self.code_timeout_s = DEFAULT_CODE_BLOCK_TIMEOUT_S
        self.max_output_bytes = DEFAULT_MAX_OUTPUT_BYTES
        self.settle_timeout_ms = settle_timeout_ms
        self.current_label = ""
        self.current_mode = MODE.BLOCK_MODE_AGENT
        self.heal_llm_calls = 0
        self.code_log = CodeLog()
        self.refused = refused or {}
        ctx.loop_source = self._loop_source
        ctx.condition_source = self._condition_source
        self.replay = Page(
            page, ctx, on_action=self._code_action, healer=None if code_only is not None else self._heal,
            store_download=self.artifacts.put_download, settle_timeout_ms=settle_timeout_ms,
            uploads=self.artifacts.uploads,
        )

    def mode_for(self, block: workflow_pb2.Block, *, force_agent: bool = False) -> run_pb2.BlockMode:
        if block.type in CACHEABLE_TYPES:
            cached = not force_agent and self.script is not None and block.label in self.script.signatures
            return MODE.BLOCK_MODE_CODE if cached else MODE.BLOCK_MODE_AGENT
        return MODE.BLOCK_MODE_LIVE

    def template_values(self) -> dict[str, Any]:
        return {**self.typed_parameters, **self.ctx.outputs, **composite.loop_variables(self.ctx.frames)}

    async def _render(self, template: str, values: dict[str, Any]) -> str:
        """A template's text; a lone '{{ name }}' of a parameter is its value as given ('007' stays '007')."""
        name = whole_parameter(template)
        if name in self.ctx.parameters and values.get(name) is self.typed_parameters.get(name):
            return self.ctx.parameters[name]
        return await render_isolated(template, values)

    # --- one block -------------------------------------------------------------------------------

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
                await self._run_resumed(block, outcome, resume)
            elif mode == MODE.BLOCK_MODE_CODE:
                await self._run_code(block, outcome)
            elif mode == MODE.BLOCK_MODE_AGENT or refused:
                await self._run_agent_mode(block, outcome)
            else:
                await self._run_live(block, outcome)
            if not record.status:
                record.status = STATUS.BLOCK_STATUS_COMPLETED
        except (PlaywrightError, InvalidArgument, ReplayFailed, SnippetFailed) as exc:
            record.status = STATUS.BLOCK_STATUS_FAILED
            record.reason = record.reason or _first_line(exc)
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

    async def _keep_output(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        """Record the output; one over the size limit goes to object storage and the run keeps a reference
        (or, without storage, the block fails saying so), so the run's records and summary stay deliverable."""
        record = outcome.record
        # A big snippet result arrives as JSON text and is stored as it is, never parsed here.
        data = outcome.output.data if isinstance(outcome.output, OversizedOutput) else None
        text = "" if data is not None else await _dumps(outcome.output)
        if data is not None or len(text) > self.max_output_bytes:
            data = data if data is not None else text.encode()
            size = len(data)
            key = await self.artifacts.put_output(block.label, record.sequence, data)
            if not key:
                record.status = STATUS.BLOCK_STATUS_FAILED
                record.reason = (
                    f"the block's output is {size} bytes, over the limit of {self.max_output_bytes} bytes "
                    "(ROTE_MAX_OUTPUT_BYTES), and no object storage could keep it"
                )
                outcome.output = None
                return
            outcome.output = {"output_key": key, "bytes": size, "content_type": "application/json"}
            text = json.dumps(outcome.output, sort_keys=True)
        self.ctx.record_output(block.label, outcome.output)
        record.output_json = text

    async def _run_agent_mode(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        if block.type == BT.BLOCK_TYPE_FOR_LOOP:
            await self._run_loop(block, outcome, resume=None, level=len(self.ctx.frames))
        elif block.type == BT.BLOCK_TYPE_TASK_V2:
            await self._run_task_v2(block, outcome, resume=None)
        else:
            await self._run_agent(block, outcome, done=[])

    # --- code mode -------------------------------------------------------------------------------

    async def _run_code(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        assert self.script is not None
        record = outcome.record
        self.replay.reset_block()
        self.code_log = CodeLog()
        steps_before, llm_before = self.replay.agent_steps, self.heal_llm_calls
        depth = len(self.ctx.frames)
        start_url = self.page.url
        try:
            await self.script.run_block(block.label, self.replay, self.ctx)
        except ReplayFailed as exc:
            # Taken at once: the loop generators unwind their frames only later, when they are collected.
            frames = list(self.ctx.frames[depth:])
            del self.ctx.frames[depth:]
            record.agent_steps = self.replay.agent_steps - steps_before
            record.llm_calls = self.heal_llm_calls - llm_before
            record.healed_actions = len(self.replay.heal_notes)
            await self._fall_back(block, outcome, exc, frames)
            return
        finally:
            del self.ctx.frames[depth:]
        record.healed_actions = len(self.replay.heal_notes)
        record.agent_steps = self.replay.agent_steps - steps_before
        record.llm_calls = self.heal_llm_calls - llm_before
        if block.type not in COMPOSITE_TYPES:
            # The code ran without error; its effect must still be established, or the agent takes over.
            verdict = await self._judge_code(block, start_url)
            if not verdict.ok:
                await self._fall_back(block, outcome, ReplayFailed(f"{verdict.status}: {verdict.reason}"), [])
                return
        if self.replay.heal_notes:
            record.reason = "; ".join(self.replay.heal_notes)
            # The cache regenerates a healed block from this trace: it needs the end state the replay reached.
            record.trace.end_state.CopyFrom(await capture_end_state(self.page))
            if block.type not in COMPOSITE_TYPES:
                await self._note_end_state(record, start_url)
        if block.type in COMPOSITE_TYPES:
            children, planned = self._task_v2_children(block)
            record.trace.CopyFrom(self.code_log.trace(block, (), children))
            if block.type == BT.BLOCK_TYPE_TASK_V2:
                outcome.output = composite.task_v2_output(children, planned, self.ctx.outputs)
            else:
                outcome.output = self.ctx.outputs.get(block.label)
        else:
            replayed = _for_trace(self.replay.actions, self.ctx.parameters)
            record.trace.actions.extend(self._with_bindings(block, replayed))
            outcome.output = self.ctx.outputs.get(block.label)
        if block.type == BT.BLOCK_TYPE_FILE_DOWNLOAD and outcome.output is None and self.replay.downloads:
            outcome.output = {"file_key": self.replay.downloads[-1]}

    async def _fall_back(
        self, block: workflow_pb2.Block, outcome: BlockOutcome, exc: ReplayFailed, frames: list[LoopFrame]
    ) -> None:
        """The agent takes over from the page as it is now, knowing what the code already did, so an
        irreversible step that already happened is not repeated."""
        record = outcome.record
        if self.code_only is not None:
            # Code only: what the code could not do or show is the block's outcome; the agent never takes over.
            unverified = exc.reason.startswith("unverified:")
            record.status = STATUS.BLOCK_STATUS_UNVERIFIED if unverified else STATUS.BLOCK_STATUS_FAILED
            record.reason = "; ".join([*self.replay.heal_notes, f"run_with=code_only: {exc.reason}"])
            return
        record.mode = self.current_mode = MODE.BLOCK_MODE_FALLBACK
        record.reason = "; ".join([*self.replay.heal_notes, f"fell back to the agent: {exc.reason}"])
        record.screenshot_key = await self.artifacts.screenshot(self.page, block.label, record.sequence, "fallback")
        log.info("block fell back", extra={"label": block.label, "reason": exc.reason})
        if block.type in COMPOSITE_TYPES:
            resume = Resume(frames, self.ctx.current_block, self.code_log, dict(self.ctx.loop_results))
            await self._run_resumed(block, outcome, resume)
        else:
            done = self._with_bindings(block, _for_trace(self.replay.actions, self.ctx.parameters))
            await self._run_agent(block, outcome, done=done, navigate=False)

    async def _run_resumed(self, block: workflow_pb2.Block, outcome: BlockOutcome, resume: Resume) -> None:
        if block.type == BT.BLOCK_TYPE_FOR_LOOP:
            await self._run_loop(block, outcome, resume=resume, level=len(self.ctx.frames))
        elif block.type == BT.BLOCK_TYPE_TASK_V2:
            await self._run_task_v2(block, outcome, resume=resume)
        else:
            done = self.code_log.actions(block.label, resume.path)
            await self._run_agent(block, outcome, done=done, navigate=False)

    async def _condition_source(self, label: str) -> str:
        block = self.blocks.get(label)
        if block is None or block.type != BT.BLOCK_TYPE_CONDITIONAL:
            raise ReplayFailed(f"the script evaluates {label!r}, which is not a conditional of this workflow")
        return await self._choose_branch(block, self.template_values())

    async def _loop_items(self, block: workflow_pb2.Block) -> list[Any]:
        """The loop's items; items computed from a secret parameter become secrets of the run themselves (they are
        redacted wherever they would leave the executor), and an error never quotes them (issue 16)."""
        secret = next((k for k in sorted(self.ctx.secret_keys) if _names(block.loop_over, k)), "")
        try:
            items = await composite.loop_items(block, self.template_values())
        except InvalidArgument as exc:
            if secret:
                raise InvalidArgument(
                    f"for_loop {block.label!r}: loop_over (from secret parameter {secret!r}) is not a JSON list"
                ) from None
            raise exc from None
        if secret and self.ctx.redactor is not None:
            self.ctx.redactor.add_derived(secret, items)
        return items

    async def _loop_source(self, label: str) -> list[Any]:
        block = self.blocks.get(label)
        if block is None or block.type != BT.BLOCK_TYPE_FOR_LOOP:
            raise ReplayFailed(f"the script iterates {label!r}, which is not a for_loop of this workflow")
        items = await self._loop_items(block)
        self.code_log.items[(label, tuple(f.index for f in self.ctx.frames))] = items
        return items

    # --- composite blocks through the agent ------------------------------------------------------

    async def _run_loop(
        self, block: workflow_pb2.Block, outcome: BlockOutcome, *, resume: Resume | None, level: int
    ) -> None:
        """Children once per item; the trace keeps the first iteration run here, the output every iteration's."""
        record = outcome.record
        resumed = resume.frame_for(block.label, level) if resume else None
        if resumed is not None:
            items = self.code_log.items.get((block.label, resume.path[:level])) if resume else None
            items = items or await self._loop_items(block)
            start = resumed.index
            results = list(resume.loop_results.get(block.label, []))[:start] if resume else []
        else:
            items, start, results = await self._loop_items(block), 0, []
        for index in range(start, len(items)):
            frame = resumed if resumed is not None and index == start else LoopFrame(block.label, index, items[index])
            self.ctx.frames.append(frame)
            try:
                traces = await self._run_sequence(
                    list(block.children), record, resume if frame is resumed else None, f"iteration {index}: "
                )
            finally:
                self.ctx.frames[:] = [f for f in self.ctx.frames if f is not frame]
            if index == start:
                record.trace.children.extend(traces)
                record.trace.loop_item_json = json.dumps(items[index], sort_keys=True)
            if record.status == STATUS.BLOCK_STATUS_FAILED:
                return
            results.append(frame.outputs)
        outcome.output = results

    async def _run_task_v2(self, block: workflow_pb2.Block, outcome: BlockOutcome, *, resume: Resume | None) -> None:
        children, planned = self._task_v2_children(block)
        traces = await self._run_sequence(children, outcome.record, resume, "")
        outcome.record.trace.children.extend(traces)
        if outcome.record.status != STATUS.BLOCK_STATUS_FAILED:
            outcome.output = composite.task_v2_output(children, planned, self.ctx.outputs)

    def _task_v2_children(self, block: workflow_pb2.Block) -> tuple[list[workflow_pb2.Block], bool]:
        if block.type != BT.BLOCK_TYPE_TASK_V2:
            return list(block.children), False
        return composite.task_v2_children(block, set(self.blocks) - {block.label})

    async def _run_sequence(
        self, children: list[workflow_pb2.Block], parent: run_pb2.BlockRun, resume: Resume | None, where: str
    ) -> list[trace_pb2.BlockTrace]:
        """Children in order (conditionals among them may branch); after a resume, from the child that failed."""
        graph = BlockGraph(children)
        path = tuple(f.index for f in self.ctx.frames)
        target = resume.target(children) if resume else None
        traces: list[trace_pb2.BlockTrace] = []
        block = graph.first()
        while block is not None:
            if target is not None and block.label != target.label:
                traces.append(self.code_log.trace(block, path))  # done by the code before it failed
                block = graph.after(block)
                continue
            child_resume, target = (resume if target is not None else None), None
            saved = self.current_label, self.current_mode
            outcome = await self.run(block, parent.sequence, child=True, resume=child_resume)
            self.current_label, self.current_mode = saved
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

    # --- one agent-driven block ------------------------------------------------------------------

    async def _run_agent(
        self, block: workflow_pb2.Block, outcome: BlockOutcome, *, done: list[trace_pb2.Action], navigate: bool = True
    ) -> None:
        record = outcome.record
        downloads: list[str] = []

        async def store_download(name: str, data: bytes) -> str:
            key = await self.artifacts.put_download(name, data)
            downloads.append(key)
            return key

        recorder = ActionRecorder(
            parameters=self.ctx.parameters,
            secret_keys=set(self.ctx.secret_keys),
            on_action=self._agent_action,
            store_download=store_download,
            # A click's effect usually shows within moments; the agent then waits on its criterion anyway.
            effect_timeout_ms=min(self.settle_timeout_ms, 3000),
        )
        values = self.template_values()
        if navigate and block.url:
            url = await self._render(block.url, values)
            check_navigation(url)
            try:
                await recorder.goto(self.page, url, intent=f"Open the page for {block.label}", template=block.url)
            except PlaywrightError as exc:
                raise ReplayFailed(f"could not open {url}: {_first_line(exc)}") from exc
        payload = {
            key: RenderedValue(
                value=await self._render(template, values),
                parameter_key=whole_parameter(template) or None,
                secret=whole_parameter(template) in self.ctx.secret_keys,
            )
            for key, template in sorted(block.payload.items())
        }
        self._bind_inputs(recorder, block, values)
        schema = json.loads(block.extraction_schema_json) if block.extraction_schema_json else None
        task = AgentTask(
            block=block,
            payload=payload,
            goal=await self._render(block.goal, values),
            completion_criterion=await self._render(block.completion_criterion, values),
            schema=schema,
            actions_done=done,
            max_steps=block.max_steps or 10,
            termination_criterion=await self._render(block.termination_criterion, values),
        )
        start_url = self.page.url
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
        # The agent says done; the page must agree (issue 13): same judge as code mode, no model call.
        facts = BlockFacts(
            block=block,
            actions=[*done, *recorder.actions],
            payload={key: (rendered.value, rendered.parameter_key or "") for key, rendered in payload.items()},
            start_url=start_url,
            completion=task.completion_criterion,
            termination=task.termination_criterion,
            keys_not_needed=dict(result.keys_not_needed),
            output_valid=schema is not None and holds_data(result.output),
            downloaded=bool(downloads),
            goal_values=self._goal_values(block, task.goal),
        )
        verdict = await judge_block(self.page, facts, settle_ms=self.settle_timeout_ms)
        await self._note_end_state(record, start_url)
        if not verdict.ok:
            self._mark(record, verdict)
            return
        outcome.output = result.output
        if outcome.output is None and downloads:
            outcome.output = {"file_key": downloads[-1]}

    def _with_bindings(self, block: workflow_pb2.Block, actions: list[trace_pb2.Action]) -> list[trace_pb2.Action]:
        """Replayed actions bound to the block's inputs as the recorder binds the agent's, so a script regenerated
        from a run that replayed (then fell back) reads this run's inputs too, not their values."""
        probe = ActionRecorder(parameters=self.ctx.parameters, secret_keys=set(self.ctx.secret_keys))
        self._bind_inputs(probe, block, self.template_values())
        inputs = [*probe.payload_inputs.values(), *probe.inputs]
        opening = f"Open the page for {block.label}"  # the intent of the block URL's navigation (see _run_agent)
        bound = []
        for action in actions:
            copy = trace_pb2.Action()
            copy.CopyFrom(action)
            if not action.bindings and inputs:
                copy.bindings.extend(bindings_for(copy, inputs, row_text=action.element.attributes.get("row", "")))
            templated = "{" in block.url
            if templated and action.type == trace_pb2.ACTION_TYPE_GOTO and action.intent == opening:
                copy.url_template = block.url
            bound.append(copy)
        return bound

    def _bind_inputs(self, recorder: ActionRecorder, block: workflow_pb2.Block, values: dict[str, Any]) -> None:
        """Tell the recorder which inputs the goal and payload were rendered from (issue 15: bindings)."""
        params, secrets = self.ctx.parameters, self.ctx.secret_keys
        goal = template_inputs(block.goal, values, parameters=params, secret_keys=secrets)
        payload = {
            key: found
            for key, template in block.payload.items()
            if (found := whole_input(template, values, parameters=params, secret_keys=secrets))
        }
        recorder.bind_inputs(goal, payload)

    def _mark(self, record: run_pb2.BlockRun, verdict: Verdict) -> None:
        """A block whose effect is not established: failed (the page says it did not happen) or unverified."""
        record.status = STATUS.BLOCK_STATUS_FAILED if verdict.status == "failed" else STATUS.BLOCK_STATUS_UNVERIFIED
        prefix = f"{record.reason}; then " if record.reason else ""
        record.reason = f"{prefix}{verdict.status}: {verdict.reason}"

    async def _note_end_state(self, record: run_pb2.BlockRun, start_url: str) -> None:
        """Complete the recorded end state: did the URL change, and what appeared after the last action."""
        end = record.trace.end_state
        end.url_changed = _path(self.page.url) != _path(start_url)
        _, appeared = await appeared_texts(self.page, limit=5)
        end.appeared_text = next((t for t in (stable_landmark(a) for a in appeared) if t), "")
        if not end.url_changed:
            # On a page that stayed put, its heading was there before the block and proves nothing (and breaks
            # replay when unrelated content changes, such as another product on the same page): what the block
            # made appear is the landmark, or none.
            end.landmark_text = end.appeared_text

    def _goal_values(self, block: workflow_pb2.Block, rendered: str) -> list[tuple[str, bool]]:
        """Parameter values the goal of an acting block names ("click the '{{ link }}' link"): what was acted on must
        bear them. Extraction and task goals describe data to read, so they are left to the schema."""
        if block.type not in GOAL_CHECKED_TYPES:
            return []
        return goal_values(block.goal, rendered, self.ctx.parameters, self.ctx.secret_keys)

    async def _judge_code(self, block: workflow_pb2.Block, start_url: str) -> Verdict:
        """Code mode's verdict: the replayed actions verified one by one; the block's criteria, validation errors
        and end state are judged here as in agent mode (payload use is the recorded code's, judged at record)."""
        values = self.template_values()
        output = self.ctx.outputs.get(block.label)
        facts = BlockFacts(
            block=block,
            actions=list(self.replay.actions),
            payload={},
            start_url=start_url,
            completion=await self._render(block.completion_criterion, values),
            termination=await self._render(block.termination_criterion, values),
            output_valid=bool(block.extraction_schema_json) and holds_data(output),
            downloaded=bool(self.replay.downloads),
            check_payload=False,
            read_table=self.replay.tables_read > 0,
            goal_values=self._goal_values(block, await self._render(block.goal, values)),
        )
        return await judge_block(self.page, facts, settle_ms=self.settle_timeout_ms)

    # --- live blocks -----------------------------------------------------------------------------

    async def _run_live(self, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
        values = self.template_values()
        if block.type == BT.BLOCK_TYPE_GOTO_URL:
            url = await self._render(block.url, values)
            check_navigation(url)
            await self.replay.goto(url, intent=f"Open {url}")
        elif block.type == BT.BLOCK_TYPE_WAIT:
            await asyncio.sleep(max(0.0, block.wait_seconds))
        elif block.type == BT.BLOCK_TYPE_CONDITIONAL:
            outcome.next_label = await self._choose_branch(block, values)
            outcome.output = {"next_block_label": outcome.next_label}
        elif block.type == BT.BLOCK_TYPE_CODE:
            outcome.output = await self._run_snippet(block)
        else:
            raise InvalidArgument(f"block {block.label!r}: type {BT.Name(block.type)} cannot run live")

    async def _choose_branch(self, block: workflow_pb2.Block, values: dict[str, Any]) -> str:
        for branch in block.branches:
            if not branch.expression.strip() or await evaluate_condition(branch.expression, values):
                return branch.next_block_label
        raise InvalidArgument(f"conditional {block.label!r}: no branch matched and there is no default branch")

    async def _run_snippet(self, block: workflow_pb2.Block) -> Any:
        """The snippet runs in a worker process of its own under a time limit (and the run's deadline) and a
        memory limit; its ``page`` calls come back here. It gives data back by setting ``result`` (JSON data);
        an error, a non-JSON result or an attempt to change ``ctx`` fails the block with the message."""
        validate_snippet(block.code, filename=f"<code block {block.label}>")
        timeout = self.code_timeout_s
        if self.deadline is not None:
            timeout = min(timeout, max(0.0, self.deadline - asyncio.get_running_loop().time()))
        frames = [
            {"label": f.label, "index": f.index, "item": f.item, "outputs": f.outputs} for f in self.ctx.frames
        ]
        snapshot = {
            "run_id": self.ctx.run_id,
            "current_block": block.label,
            "parameters": self.ctx.public_parameters,
            "secrets": {k: v for k, v in self.ctx.parameters.items() if k in self.ctx.secret_keys},
            "outputs": self.ctx.outputs,
            "frames": frames,
        }
        return await run_snippet(
            code=block.code, label=block.label, builtins=sorted(SAFE_BUILTINS), ctx=snapshot,
            on_page_call=self._snippet_page_call, timeout_s=timeout, memory_mb=worker_memory_mb(),
            max_inline_bytes=self.max_output_bytes,
        )

    async def _snippet_page_call(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if name not in SNIPPET_PAGE_METHODS:
            allowed = ", ".join(sorted(SNIPPET_PAGE_METHODS))
            raise SnippetFailed(f"page.{name}() is not available to a code block (it may call {allowed})")
        if name == "url":
            return self.page.url
        try:
            if name == "goto":
                check_navigation(str(args[0]) if args else str(kwargs.get("url", "")))
            return await getattr(self.replay, name)(*args, **kwargs)
        except (PlaywrightError, InvalidArgument, ReplayFailed, TypeError) as exc:
            raise SnippetFailed(f"page.{name}() failed: {_first_line(exc)}") from None

    # --- callbacks -------------------------------------------------------------------------------

    async def _heal(self, page: PlaywrightPage, intent: str, fingerprint: trace_pb2.ElementFingerprint
                    ) -> ElementHandle | None:
        if getattr(self.agent, "uses_llm", False):
            self.heal_llm_calls += 1
        return await self.agent.locate(page, intent, fingerprint)

    async def _code_action(self, action: trace_pb2.Action, healed: bool) -> None:
        path = tuple(f.index for f in self.ctx.frames)
        recorded = _for_trace([action], self.ctx.parameters)[0]
        self.code_log.entries.append((self.ctx.current_block, path, recorded))
        label = self.ctx.current_block or self.current_label
        self.events.action_done(label, action, self.current_mode, healed)

    async def _agent_action(self, action: trace_pb2.Action) -> None:
        self.events.action_done(self.current_label, action, self.current_mode, False)


def _for_trace(actions: list[trace_pb2.Action], parameters: dict[str, str]) -> list[trace_pb2.Action]:
    """Replayed actions as trace input: parameter_key may name a workflow parameter or a loop item path
    (current_item.sku); anything else is dropped and the literal value kept."""
    cleaned = []
    for action in actions:
        loop_value = action.parameter_key.split(".")[0] in ("current_item", "current_value")
        if action.parameter_key and action.parameter_key not in parameters and not loop_value:
            copy = trace_pb2.Action()
            copy.CopyFrom(action)
            copy.parameter_key = ""
            action = copy
        cleaned.append(action)
    return cleaned


async def _dumps(value: Any) -> str:
    """JSON text of an output; a big one is encoded in a thread so the event loop keeps answering."""
    if isinstance(value, list | dict | str) and len(value) > 1000:
        return await asyncio.to_thread(json.dumps, value, sort_keys=True)
    return json.dumps(value, sort_keys=True)


def _path(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


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


def _names(template: str, name: str) -> bool:
    """Whether ``template`` mentions the identifier ``name`` (conservative: any mention counts)."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", template) is not None
