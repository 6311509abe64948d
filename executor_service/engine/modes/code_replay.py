"""Code replay: a cached block's generated code runs on the page, then the page must show the block's effect."""

from __future__ import annotations

from executor_service.browser.block_facts import BlockFacts, holds_data
from executor_service.browser.completion import Verdict, judge_block
from executor_service.engine import composite
from executor_service.engine.composite import CodeLog
from executor_service.engine.modes.composite_mode import task_v2_children
from executor_service.engine.modes.fallback import fall_back
from executor_service.engine.modes.healing import count_heals, keep_heal_notes
from executor_service.engine.modes.judging import goal_values_of, named_parameters
from executor_service.engine.modes.scope import BT, BlockOutcome, RunScope
from executor_service.engine.modes.traces import for_trace, with_bindings
from executor_service.runtime import ReplayFailed
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from services.workflows.block_types import COMPOSITE_BLOCK_TYPES


async def run_code(scope: RunScope, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
    assert scope.script is not None
    record = outcome.record
    scope.replay.reset_block()
    if block.goal:  # which rows of a table the block asks for, as this run words it
        scope.replay.goal = await scope.render(block.goal, scope.template_values())
    scope.code_log = CodeLog()
    steps_before, llm_before = scope.replay.agent_steps, scope.heal_llm_calls
    depth = len(scope.ctx.frames)
    start_url = scope.page.url
    try:
        await scope.script.run_block(block.label, scope.replay, scope.ctx)
    except ReplayFailed as exc:
        # Taken at once: the loop generators unwind their frames only later, when they are collected.
        frames = list(scope.ctx.frames[depth:])
        del scope.ctx.frames[depth:]
        count_heals(scope, record, steps_before, llm_before)
        await fall_back(scope, block, outcome, exc, frames)
        return
    finally:
        del scope.ctx.frames[depth:]
    count_heals(scope, record, steps_before, llm_before)
    is_composite = block.type in COMPOSITE_BLOCK_TYPES
    if not is_composite:
        # The code ran without error; its effect must still be established, or the agent takes over.
        verdict = await judge_code(scope, block, start_url)
        if not verdict.ok:
            await fall_back(scope, block, outcome, ReplayFailed(f"{verdict.status}: {verdict.reason}"), [])
            return
    await keep_heal_notes(scope, record, composite=is_composite, start_url=start_url)
    if is_composite:
        children, planned = task_v2_children(scope, block)
        record.trace.CopyFrom(scope.code_log.trace(block, (), children))
        if block.type == BT.BLOCK_TYPE_TASK_V2:
            outcome.output = composite.task_v2_output(children, planned, scope.ctx.outputs)
        else:
            outcome.output = scope.ctx.outputs.get(block.label)
    else:
        replayed = for_trace(scope.replay.actions, scope.ctx.parameters)
        record.trace.actions.extend(with_bindings(scope, block, replayed))
        record.trace.said_no.extend(sorted(scope.ctx.said_no.get(block.label, ())))
        outcome.output = scope.ctx.outputs.get(block.label)
    if block.type == BT.BLOCK_TYPE_FILE_DOWNLOAD and outcome.output is None and scope.replay.downloads:
        outcome.output = {"file_key": scope.replay.downloads[-1]}


async def judge_code(scope: RunScope, block: workflow_pb2.Block, start_url: str) -> Verdict:
    """Code mode's verdict: the replayed actions verified one by one; the block's criteria, validation errors
    and end state are judged here as in agent mode (payload use is the recorded code's, judged at record)."""
    values = scope.template_values()
    output = scope.ctx.outputs.get(block.label)
    # What the code checked still says no was left out on purpose when recorded, as now: the goal's "No" is no miss.
    said_no = sorted(scope.ctx.said_no.get(block.label, ()))
    facts = BlockFacts(
        block=block,
        actions=list(scope.replay.actions),
        payload={name: (str(scope.ctx.param(name)), name) for name in said_no},
        keys_not_needed={name: "it says no, as when the code was recorded without it" for name in said_no},
        start_url=start_url,
        completion=await scope.render(block.completion_criterion, values),
        termination=await scope.render(block.termination_criterion, values),
        output_valid=bool(block.extraction_schema_json) and holds_data(output),
        downloaded=bool(scope.replay.downloads),
        check_payload=False,
        read_table=scope.replay.tables_read > 0,
        goal_values=goal_values_of(scope, block, await scope.render(block.goal, values)),
        named=named_parameters(scope),
    )
    return await judge_block(scope.page, facts, settle_ms=scope.limits.settle_timeout_ms)


async def on_replayed_action(scope: RunScope, action: trace_pb2.Action, healed: bool) -> None:
    """Each replayed action goes to the code log (a fallback resumes from it) and to the run's events."""
    path = tuple(f.index for f in scope.ctx.frames)
    recorded = for_trace([action], scope.ctx.parameters)[0]
    scope.code_log.entries.append((scope.ctx.current_block, path, recorded))
    label = scope.ctx.current_block or scope.current_label
    scope.events.action_done(label, action, scope.current_mode, healed)
