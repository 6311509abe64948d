"""Reads workflow YAML (field names are the Workflow message's) into protobuf, with errors that name the spot."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import yaml
from google.protobuf import json_format

from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2
from services.security.tree_limits import MAX_BLOCKS, MAX_DEPTH

# MAX_DEPTH and MAX_BLOCKS are the tree limits the services enforce on Workflow.blocks, checked while reading so a
# hostile file fails on its shape with a clear message, not deep inside a recursive parse.
MAX_FILE_BYTES = 1024 * 1024

_BLOCK_TYPES = {
    name.removeprefix("BLOCK_TYPE_").lower(): value
    for name, value in workflow_pb2.BlockType.items()
    if value != workflow_pb2.BLOCK_TYPE_UNSPECIFIED
}
_PARAMETER_TYPES = {
    name.removeprefix("PARAMETER_TYPE_").lower(): value
    for name, value in workflow_pb2.ParameterType.items()
    if value != workflow_pb2.PARAMETER_TYPE_UNSPECIFIED
}


def _block(raw: Any, where: str, depth: int = 1, counter: list[int] | None = None) -> dict[str, Any]:
    counter = counter if counter is not None else [0]
    counter[0] += 1
    if MAX_DEPTH and depth > MAX_DEPTH:
        raise InvalidArgument(f"{where}: blocks are nested more than {MAX_DEPTH} levels deep")
    if MAX_BLOCKS and counter[0] > MAX_BLOCKS:
        raise InvalidArgument(f"{where}: a workflow may have at most {MAX_BLOCKS} blocks, counting nested ones")
    if not isinstance(raw, dict):
        raise InvalidArgument(f"{where}: a block must be a mapping")
    block = dict(raw)
    kind = str(block.get("type", "")).lower()
    if kind not in _BLOCK_TYPES:
        raise InvalidArgument(
            f"{where} ({block.get('label', '?')}): unknown block type {block.get('type')!r}; "
            f"use one of {', '.join(sorted(_BLOCK_TYPES))}"
        )
    block["type"] = _BLOCK_TYPES[kind]
    if "extraction_schema" in block:
        try:
            block["extraction_schema_json"] = json.dumps(block.pop("extraction_schema"), sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise InvalidArgument(f"{where}: extraction_schema is not JSON-compatible: {exc}") from None
    if "payload" in block:
        payload = block["payload"] or {}
        if not isinstance(payload, dict):
            raise InvalidArgument(f"{where}: payload must be a mapping of field name to value")
        block["payload"] = {str(k): "" if v is None else str(v) for k, v in payload.items()}
    if "children" in block:
        children = block["children"] or []
        if not isinstance(children, list):
            raise InvalidArgument(f"{where}: children must be a list of blocks")
        block["children"] = [
            _block(child, f"{where}.children[{i}]", depth + 1, counter) for i, child in enumerate(children)
        ]
    return block


def _parameter(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or "key" not in raw:
        raise InvalidArgument(f"{where}: a parameter must be a mapping with a key")
    parameter = dict(raw)
    kind = str(parameter.get("type", "string")).lower()
    if kind not in _PARAMETER_TYPES:
        raise InvalidArgument(f"{where} ({parameter['key']}): unknown parameter type {parameter.get('type')!r}")
    parameter["type"] = _PARAMETER_TYPES[kind]
    if "default_value" in parameter:
        value = parameter["default_value"]
        parameter["default_value"] = json.dumps(value) if isinstance(value, (list, dict)) else str(value).lower() \
            if isinstance(value, bool) else str(value)
        parameter["has_default"] = True
    return parameter


def workflow_from_mapping(data: Any, source: str = "workflow") -> workflow_pb2.Workflow:
    """Build a Workflow message from parsed YAML/JSON; unknown fields and wrong types are INVALID_ARGUMENT."""
    if not isinstance(data, dict):
        raise InvalidArgument(f"{source}: the top level must be a mapping")
    body = dict(data)
    parameters, blocks = body.get("parameters") or [], body.get("blocks") or []
    if not isinstance(parameters, list) or not isinstance(blocks, list):
        raise InvalidArgument(f"{source}: parameters and blocks must be lists")
    body["parameters"] = [_parameter(p, f"parameters[{i}]") for i, p in enumerate(parameters)]
    counter = [0]
    body["blocks"] = [_block(b, f"blocks[{i}]", 1, counter) for i, b in enumerate(blocks)]
    try:
        return json_format.ParseDict(body, workflow_pb2.Workflow())
    except (json_format.ParseError, TypeError, ValueError, RecursionError) as exc:
        raise InvalidArgument(f"{source}: {str(exc)[:500]}") from None


def load_workflow_file(path: str | pathlib.Path) -> workflow_pb2.Workflow:
    """Read a workflow from a YAML or JSON file."""
    file = pathlib.Path(path)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InvalidArgument(f"{file} is larger than {MAX_FILE_BYTES} bytes: a workflow file must be smaller")
        text = file.read_text()
    except OSError as exc:
        raise InvalidArgument(f"cannot read workflow file {file}: {exc.strerror}") from exc
    return workflow_from_text(text, str(file))


def workflow_from_text(text: str, source: str = "workflow") -> workflow_pb2.Workflow:
    """Parse workflow YAML or JSON text; anything malformed, too deep or too large is INVALID_ARGUMENT."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidArgument(f"{source} is not valid YAML: {exc}") from None
    except RecursionError:
        raise InvalidArgument(f"{source} is nested too deeply to be a workflow") from None
    return workflow_from_mapping(data, source)


def load_parameters_file(path: str | pathlib.Path) -> dict[str, str]:
    """Read parameter values (a flat mapping) from a YAML or JSON file."""
    file = pathlib.Path(path)
    try:
        data = yaml.safe_load(file.read_text()) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidArgument(f"cannot read parameters file {file}: {exc}") from exc
    if not isinstance(data, dict):
        raise InvalidArgument(f"{file}: parameters must be a mapping of name to value")
    return {str(k): _as_text(v) for k, v in data.items()}


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return "" if value is None else str(value)
