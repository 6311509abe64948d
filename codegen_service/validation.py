"""Checks a GenerateScriptRequest before any code is built; each failure names the offending item."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from codegen_service.values import loop_reference
from services.errors import InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2

AT = trace_pb2.ActionType
BT = workflow_pb2.BlockType
# script_id becomes one segment of an object key, so it must not contain '/' or start with '.'.
_SCRIPT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_SIGNATURE = re.compile(r"^await ([A-Za-z][A-Za-z0-9_]*)\(page, ctx\)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Plain ints, looked up once: every AT.X (and AT.values()) goes through protobuf's enum wrapper, once per action.
_KNOWN_ACTION_TYPES = frozenset(AT.values()) - {AT.ACTION_TYPE_UNSPECIFIED}
_WITHOUT_ELEMENT = frozenset(
    {AT.ACTION_TYPE_GOTO, AT.ACTION_TYPE_WAIT, AT.ACTION_TYPE_PRESS_KEY, AT.ACTION_TYPE_SCROLL, AT.ACTION_TYPE_EXTRACT}
)


def all_blocks(blocks: Iterable[workflow_pb2.Block]) -> Iterator[workflow_pb2.Block]:
    """Every block of a definition, depth first, in definition order."""
    for block in blocks:
        yield block
        yield from all_blocks(block.children)


def function_name_of(signature: str) -> str | None:
    """The function a run signature calls, or None when it is not ``await name(page, ctx)``."""
    match = _SIGNATURE.match(signature.strip())
    return match.group(1) if match else None


def _check_actions(trace: trace_pb2.BlockTrace, parameters: set[str], *, in_loop: bool = False) -> None:
    for index, action in enumerate(trace.actions, start=1):
        kind = action.type
        if kind not in _KNOWN_ACTION_TYPES:
            raise InvalidArgument(f"{_where(trace, index)}: action type is unspecified or unknown ({kind})")
        key = action.parameter_key
        if key and key not in parameters and not (in_loop and loop_reference(key) is not None):
            raise InvalidArgument(f"{_where(trace, index)}: parameter_key {key!r} is not a workflow parameter")
        if kind not in _WITHOUT_ELEMENT and not action.HasField("element"):
            raise InvalidArgument(f"{_where(trace, index)}: a {AT.Name(kind)} action needs the element it acted on")
        for field in action.extract_fields:
            if not field.name or not field.HasField("element"):
                raise InvalidArgument(f"{_where(trace, index)}: every extract field needs a name and an element")


def _where(trace: trace_pb2.BlockTrace, index: int) -> str:
    return f"trace {trace.label!r}, action {index}"


def _check_children(
    trace: trace_pb2.BlockTrace,
    definitions: dict[str, workflow_pb2.Block],
    parameters: set[str],
    seen: set[str],
    *,
    in_loop: bool,
) -> None:
    """Child traces: only under for_loop/task_v2, each a child of that block (a task_v2 may plan new ones)."""
    block = definitions.get(trace.label)
    block_type = block.type if block is not None else trace.type
    if trace.children and block_type not in (BT.BLOCK_TYPE_FOR_LOOP, BT.BLOCK_TYPE_TASK_V2):
        raise InvalidArgument(f"trace {trace.label!r}: only for_loop and task_v2 traces have child traces")
    if trace.loop_item_json:
        if block_type != BT.BLOCK_TYPE_FOR_LOOP:
            raise InvalidArgument(f"trace {trace.label!r}: only a for_loop trace has loop_item_json")
        try:
            json.loads(trace.loop_item_json)
        except ValueError as exc:
            raise InvalidArgument(f"trace {trace.label!r}: loop_item_json is not JSON ({exc})") from exc
    own_children = {child.label for child in block.children} if block is not None else set()
    for child in trace.children:
        where = f"trace {trace.label!r}, child {child.label!r}"
        if child.label in seen:
            raise InvalidArgument(f"{where}: the block is traced twice")
        seen.add(child.label)
        if child.label in definitions:
            if child.label not in own_children:
                raise InvalidArgument(f"{where}: not a child of {trace.label!r} in the workflow")
            if child.type not in (BT.BLOCK_TYPE_UNSPECIFIED, definitions[child.label].type):
                raise InvalidArgument(f"{where}: type {BT.Name(child.type)} differs from the definition")
        elif block_type == BT.BLOCK_TYPE_FOR_LOOP or own_children or not child.label:
            # Only a task_v2 planned by the agent has children the definition does not list.
            raise InvalidArgument(f"{where}: no block with that label under {trace.label!r} in the workflow")
        child_in_loop = in_loop or block_type == BT.BLOCK_TYPE_FOR_LOOP
        _check_actions(child, parameters, in_loop=child_in_loop)
        _check_children(child, definitions, parameters, seen, in_loop=child_in_loop)


def check_request(request: codegen_service_pb2.GenerateScriptRequest) -> None:
    """Raise InvalidArgument for the first malformed item of the request."""
    if not _SCRIPT_ID.match(request.script_id):
        raise InvalidArgument(f"script_id {request.script_id!r} is not valid (letters, digits, '_', '.', '-')")
    if request.version < 1:
        raise InvalidArgument(f"version must be 1 or more, got {request.version}")
    workflow = request.workflow
    definitions: dict[str, workflow_pb2.Block] = {}
    for block in all_blocks(workflow.blocks):
        if not block.label or block.label in definitions:
            raise InvalidArgument(f"workflow {workflow.workflow_id!r}: label {block.label!r} is empty or repeated")
        definitions[block.label] = block
    labels = {label: block.type for label, block in definitions.items()}
    loop_children = {
        child.label
        for block in definitions.values()
        if block.type == BT.BLOCK_TYPE_FOR_LOOP
        for child in all_blocks(block.children)
    }
    parameters = {parameter.key for parameter in workflow.parameters}
    secrets = sorted(parameter.key for parameter in workflow.parameters if parameter.secret)
    leaked = [key for key in secrets if key in request.parameter_values]
    if leaked:
        # Name the key only: the value must not reach a log line or an error message either.
        raise InvalidArgument(f"parameter_values holds secret parameter {leaked[0]!r}; secrets are referenced by name")
    seen: set[str] = set()
    for trace in request.traces:
        if trace.label not in labels:
            raise InvalidArgument(f"trace {trace.label!r}: no block with that label in the workflow")
        if trace.label in seen:
            raise InvalidArgument(f"trace {trace.label!r}: the block is traced twice")
        if trace.type not in (BT.BLOCK_TYPE_UNSPECIFIED, labels[trace.label]):
            raise InvalidArgument(f"trace {trace.label!r}: type {BT.Name(trace.type)} differs from the definition")
        seen.add(trace.label)
        in_loop = trace.label in loop_children
        _check_actions(trace, parameters, in_loop=in_loop)
        # Child labels are unique within one trace; a child may also be traced on its own at the top level.
        _check_children(trace, definitions, parameters, {trace.label}, in_loop=in_loop)
    for reused in request.reused:
        where = f"reused block {reused.label!r}"
        if reused.label not in labels:
            raise InvalidArgument(f"{where}: no block with that label in workflow {workflow.workflow_id!r}")
        if reused.label in seen:
            raise InvalidArgument(f"{where}: the block is both traced and reused")
        seen.add(reused.label)
        if function_name_of(reused.run_signature) is None:
            raise InvalidArgument(f"{where}: run_signature {reused.run_signature!r} is not 'await name(page, ctx)'")
        if not _SHA256.match(reused.file.sha256) or not reused.file.path:
            raise InvalidArgument(f"{where}: its file needs a path and a hex sha256")
