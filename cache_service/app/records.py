"""Conversions between recorded rows and trace messages: block runs, actions, traces for codegen."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from google.protobuf import json_format

from cache_service.db.models import ActionRow, BlockRunRow
from services.gen.rote.v1 import run_pb2, trace_pb2


def _to_json(message: object) -> str:
    return json_format.MessageToJson(message, preserving_proto_field_name=True, indent=None)  # type: ignore[arg-type]


def block_run_rows(org: str, run_id: str, block_run: run_pb2.BlockRun) -> tuple[BlockRunRow, list[ActionRow]]:
    """A block run message as rows; its actions get their own rows so a run loads in one query."""
    trace = block_run.trace
    row = BlockRunRow(
        run_id=run_id,
        org_id=org,
        sequence=block_run.sequence,
        label=block_run.label,
        type=block_run.type,
        mode=block_run.mode,
        status=block_run.status,
        reason=block_run.reason,
        agent_steps=block_run.agent_steps,
        llm_calls=block_run.llm_calls,
        healed_actions=block_run.healed_actions,
        duration_ms=block_run.duration_ms,
        end_state=json_format.MessageToDict(trace.end_state, preserving_proto_field_name=True),
        output_json=block_run.output_json,
        children_json=[json.loads(_to_json(child)) for child in trace.children] or None,
        loop_item_json=trace.loop_item_json,
        said_no=list(trace.said_no) or None,
        screenshot_key=block_run.screenshot_key,
    )
    actions = [
        ActionRow(run_id=run_id, org_id=org, sequence=index, action_json=_to_json(action))
        for index, action in enumerate(trace.actions)
    ]
    return row, actions


def trace_of(row: BlockRunRow, actions: Sequence[ActionRow]) -> trace_pb2.BlockTrace:
    trace = trace_pb2.BlockTrace(label=row.label, type=row.type)  # type: ignore[arg-type]
    for action in actions:
        json_format.Parse(action.action_json, trace.actions.add())
    if row.end_state:
        json_format.ParseDict(row.end_state, trace.end_state)
    for child in row.children_json or ():
        json_format.ParseDict(child, trace.children.add())
    trace.loop_item_json = row.loop_item_json or ""
    trace.said_no.extend(row.said_no or ())
    return trace


def block_run_message(row: BlockRunRow, actions: Sequence[ActionRow]) -> run_pb2.BlockRun:
    return run_pb2.BlockRun(
        label=row.label,
        type=row.type,  # type: ignore[arg-type]
        mode=row.mode,  # type: ignore[arg-type]
        status=row.status,  # type: ignore[arg-type]
        reason=row.reason,
        agent_steps=row.agent_steps,
        llm_calls=row.llm_calls,
        trace=trace_of(row, actions),
        output_json=row.output_json,
        duration_ms=row.duration_ms,
        sequence=row.sequence,
        healed_actions=row.healed_actions,
        screenshot_key=row.screenshot_key or "",
    )


def traces_for(
    rows: Sequence[BlockRunRow], actions: Mapping[int, Sequence[ActionRow]], labels: Sequence[str]
) -> list[trace_pb2.BlockTrace]:
    """Traces of ``labels``, each from its last completed execution (a block may run more than once)."""
    last: dict[str, BlockRunRow] = {}
    for row in rows:
        if row.status == run_pb2.BLOCK_STATUS_COMPLETED:
            last[row.label] = row
    return [trace_of(last[label], actions.get(last[label].id, ())) for label in labels if label in last]
