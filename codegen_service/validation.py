"""Checks a GenerateScriptRequest before any code is built; each failure names the offending item."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from services.errors import InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2

AT = trace_pb2.ActionType
BT = workflow_pb2.BlockType
# script_id becomes one segment of an object key, so it must not contain '/' or start with '.'.
_SCRIPT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
_SIGNATURE = re.compile(r"^await ([A-Za-z][A-Za-z0-9_]*)\(page, ctx\)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def all_blocks(blocks: Iterable[workflow_pb2.Block]) -> Iterator[workflow_pb2.Block]:
    """Every block of a definition, depth first, in definition order."""
    for block in blocks:
        yield block
        yield from all_blocks(block.children)


def function_name_of(signature: str) -> str | None:
    """The function a run signature calls, or None when it is not ``await name(page, ctx)``."""
    match = _SIGNATURE.match(signature.strip())
    return match.group(1) if match else None


def _check_actions(trace: trace_pb2.BlockTrace, parameters: set[str]) -> None:
    for index, action in enumerate(trace.actions, start=1):
        where = f"trace {trace.label!r}, action {index}"
        if action.type == AT.ACTION_TYPE_UNSPECIFIED or action.type not in AT.values():
            raise InvalidArgument(f"{where}: action type is unspecified or unknown ({action.type})")
        if action.parameter_key and action.parameter_key not in parameters:
            raise InvalidArgument(f"{where}: parameter_key {action.parameter_key!r} is not a workflow parameter")
        needs_element = action.type not in (AT.ACTION_TYPE_GOTO, AT.ACTION_TYPE_WAIT, AT.ACTION_TYPE_PRESS_KEY,
                                             AT.ACTION_TYPE_SCROLL, AT.ACTION_TYPE_EXTRACT)
        if needs_element and not action.HasField("element"):
            raise InvalidArgument(f"{where}: a {AT.Name(action.type)} action needs the element it acted on")
        for field in action.extract_fields:
            if not field.name or not field.HasField("element"):
                raise InvalidArgument(f"{where}: every extract field needs a name and an element")
    for child in trace.children:
        _check_actions(child, parameters)


def check_request(request: codegen_service_pb2.GenerateScriptRequest) -> None:
    """Raise InvalidArgument for the first malformed item of the request."""
    if not _SCRIPT_ID.match(request.script_id):
        raise InvalidArgument(f"script_id {request.script_id!r} is not valid (letters, digits, '_', '.', '-')")
    if request.version < 1:
        raise InvalidArgument(f"version must be 1 or more, got {request.version}")
    workflow = request.workflow
    labels: dict[str, int] = {}
    for block in all_blocks(workflow.blocks):
        if not block.label or block.label in labels:
            raise InvalidArgument(f"workflow {workflow.workflow_id!r}: label {block.label!r} is empty or repeated")
        labels[block.label] = block.type
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
        _check_actions(trace, parameters)
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
