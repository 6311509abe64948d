"""Agent mode: the agent acts on the page while the recorder writes the trace, then the page must agree it is done."""

from __future__ import annotations

import json

from playwright.async_api import Error as PlaywrightError

from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.browser.block_facts import BlockFacts, holds_data
from executor_service.browser.completion import judge_block
from executor_service.engine.modes.judging import goal_values_of, mark, named_parameters, note_end_state
from executor_service.engine.modes.scope import STATUS, BlockOutcome, RunScope, first_line
from executor_service.engine.modes.traces import bind_inputs
from executor_service.engine.templates import whole_parameter
from executor_service.recording import ActionRecorder
from executor_service.runtime import ReplayFailed
from executor_service.url_policy import check_navigation
from services.gen.rote.v1 import trace_pb2, workflow_pb2


async def run_agent(
    scope: RunScope,
    block: workflow_pb2.Block,
    outcome: BlockOutcome,
    *,
    done: list[trace_pb2.Action],
    navigate: bool = True,
) -> None:
    """The agent runs ``block``; ``done`` is what replayed code already did (a fallback goes on from there)."""
    record = outcome.record
    downloads: list[str] = []

    async def store_download(name: str, data: bytes) -> str:
        key = await scope.artifacts.put_download(name, data)
        downloads.append(key)
        return key

    async def on_action(action: trace_pb2.Action) -> None:
        scope.events.action_done(scope.current_label, action, scope.current_mode, False)

    recorder = ActionRecorder(
        parameters=scope.ctx.parameters,
        secret_keys=set(scope.ctx.secret_keys),
        on_action=on_action,
        store_download=store_download,
        # A click's effect usually shows within moments; the agent then waits on its criterion anyway.
        effect_timeout_ms=min(scope.limits.settle_timeout_ms, 3000),
    )
    values = scope.template_values()
    if navigate and block.url:
        url = await scope.render(block.url, values)
        check_navigation(url)
        try:
            await recorder.goto(scope.page, url, intent=f"Open the page for {block.label}", template=block.url)
        except PlaywrightError as exc:
            raise ReplayFailed(f"could not open {url}: {first_line(exc)}") from exc
    payload = {
        key: RenderedValue(
            value=await scope.render(template, values),
            parameter_key=whole_parameter(template) or None,
            secret=whole_parameter(template) in scope.ctx.secret_keys,
            description=scope.descriptions.get(whole_parameter(template), ""),
        )
        for key, template in sorted(block.payload.items())
    }
    bind_inputs(scope, recorder, block, values)
    schema = json.loads(block.extraction_schema_json) if block.extraction_schema_json else None
    task = AgentTask(
        block=block,
        payload=payload,
        goal=await scope.render(block.goal, values),
        completion_criterion=await scope.render(block.completion_criterion, values),
        schema=schema,
        actions_done=done,
        max_steps=block.max_steps or 10,
        termination_criterion=await scope.render(block.termination_criterion, values),
    )
    start_url = scope.page.url
    result = await scope.agent.run_block(scope.page, task, recorder)
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
        goal_values=goal_values_of(scope, block, task.goal),
        named=named_parameters(scope),
    )
    verdict = await judge_block(scope.page, facts, settle_ms=scope.limits.settle_timeout_ms)
    await note_end_state(scope, record, start_url)
    if not verdict.ok:
        mark(record, verdict)
        return
    # The code this trace becomes holds for these parameters only while they say no again (ctx.says_no).
    record.trace.said_no.extend(sorted({
        payload[key].parameter_key or "" for key in result.keys_not_needed if key in payload} - {""}))
    outcome.output = result.output
    if outcome.output is None and downloads:
        outcome.output = {"file_key": downloads[-1]}
