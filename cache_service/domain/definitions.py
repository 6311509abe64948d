"""Workflow definitions: validation with precise messages, canonical form, and per-block hashes."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence

from google.protobuf import json_format

from cache_service.domain.block_types import KNOWN_TYPES, type_name
from cache_service.domain.templates import expression_names, template_names
from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2
from services.workflows.criteria import criterion_problem
from services.workflows.parameters import check_type

BT = workflow_pb2
WORKFLOW_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
PARAMETER_KEY_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names a for_loop makes available to its children while iterating.
LOOP_VARIABLES = frozenset({"current_item", "current_value", "current_index"})


def _walk(blocks: Sequence[workflow_pb2.Block]) -> Iterator[workflow_pb2.Block]:
    """Every block, depth first, in definition order (children right after their parent)."""
    for block in blocks:
        yield block
        yield from _walk(block.children)


def all_labels(workflow: workflow_pb2.Workflow) -> list[str]:
    return [block.label for block in _walk(workflow.blocks)]


def validate_workflow(workflow: workflow_pb2.Workflow) -> None:
    """Raise InvalidArgument naming the first problem of ``workflow``."""
    if not workflow.workflow_id:
        raise InvalidArgument("workflow_id is empty")
    if not WORKFLOW_ID_PATTERN.match(workflow.workflow_id):
        raise InvalidArgument(f"workflow_id {workflow.workflow_id!r} is invalid: use 1-128 letters, digits, '_' or '-'")
    _validate_parameters(workflow)
    if not workflow.blocks:
        raise InvalidArgument(f"workflow {workflow.workflow_id!r} has no blocks")
    _validate_labels(workflow)
    parameters = {p.key for p in workflow.parameters}
    secrets = {p.key for p in workflow.parameters if p.secret}
    used = template_names(workflow.cache_key, "cache_key")
    for name in sorted(used):
        if name in secrets:
            raise InvalidArgument(f"cache_key uses secret parameter {name!r}: a secret never selects a script")
        if name not in parameters:
            raise InvalidArgument(f"cache_key references unknown parameter {name!r}")
    _validate_blocks(workflow.blocks, parameters, earlier=set(), loop_scope=False, top_level=True)


def _validate_parameters(workflow: workflow_pb2.Workflow) -> None:
    seen: set[str] = set()
    for parameter in workflow.parameters:
        if not PARAMETER_KEY_PATTERN.match(parameter.key):
            raise InvalidArgument(f"parameter key {parameter.key!r} is invalid: use a Python-style identifier")
        if parameter.key in seen:
            raise InvalidArgument(f"parameter {parameter.key!r} is declared twice")
        seen.add(parameter.key)
        if parameter.has_default and not parameter.secret:
            check_type(parameter, parameter.default_value, what="default of parameter")


def _validate_labels(workflow: workflow_pb2.Workflow) -> None:
    seen: set[str] = set()
    for block in _walk(workflow.blocks):
        if not block.label.strip():
            raise InvalidArgument("a block has an empty label")
        if block.label in seen:
            raise InvalidArgument(f"block label {block.label!r} is used more than once")
        seen.add(block.label)


def _check_names(names: set[str], allowed: set[str], where: str) -> None:
    unknown = sorted(names - allowed)
    if unknown:
        raise InvalidArgument(f"{where} references unknown parameter {unknown[0]!r}")


def _validate_blocks(
    blocks: Sequence[workflow_pb2.Block], parameters: set[str], *, earlier: set[str], loop_scope: bool, top_level: bool
) -> None:
    """Check each block; ``earlier`` grows with the labels of blocks before it (their outputs may be read)."""
    siblings = {block.label for block in blocks}
    for block in blocks:
        where = f"block {block.label!r}"
        if block.type == BT.BLOCK_TYPE_UNSPECIFIED:
            raise InvalidArgument(f"{where} has no type")
        if block.type not in KNOWN_TYPES:
            raise InvalidArgument(f"{where} has unknown type {type_name(block.type)}")
        scope = parameters | (LOOP_VARIABLES if loop_scope else set())
        _check_names(template_names(block.url, f"{where} url"), scope, f"{where} url")
        for key, value in sorted(block.payload.items()):
            _check_names(template_names(value, f"{where} payload {key!r}"), scope, f"{where} payload {key!r}")
        for name in ("completion_criterion", "termination_criterion"):
            problem = criterion_problem(getattr(block, name), f"{where} {name}")
            if problem:
                raise InvalidArgument(problem)
        if block.next_block_label and block.next_block_label not in siblings:
            raise InvalidArgument(f"{where}: next_block_label {block.next_block_label!r} names no block")
        if block.type == BT.BLOCK_TYPE_FOR_LOOP:
            if not block.children:
                raise InvalidArgument(f"for_loop {where} has no children")
            if not block.loop_over.strip():
                raise InvalidArgument(f"for_loop {where} has no loop_over")
            _check_names(template_names(block.loop_over, f"{where} loop_over"), scope | earlier, f"{where} loop_over")
        if block.type == BT.BLOCK_TYPE_CONDITIONAL:
            if not block.branches:
                raise InvalidArgument(f"conditional {where} has no branches")
            for index, branch in enumerate(block.branches):
                branch_where = f"{where} branch {index + 1}"
                names = expression_names(branch.expression, f"{branch_where} expression")
                _check_names(names, scope | earlier, f"{branch_where} expression")
                if branch.next_block_label not in siblings:
                    raise InvalidArgument(f"{branch_where}: target {branch.next_block_label!r} names no block")
        if block.children:
            _validate_blocks(
                block.children,
                parameters,
                earlier=set(earlier),
                loop_scope=loop_scope or block.type == BT.BLOCK_TYPE_FOR_LOOP,
                top_level=False,
            )
            earlier |= {child.label for child in _walk(block.children)}
        earlier.add(block.label)


def _canonical_json(message: object) -> str:
    as_dict = json_format.MessageToDict(message, preserving_proto_field_name=True)  # type: ignore[arg-type]
    return json.dumps(as_dict, sort_keys=True, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def canonical_definition(workflow: workflow_pb2.Workflow) -> str:
    """The definition as sorted JSON without its version: equal content, equal text."""
    copy = workflow_pb2.Workflow()
    copy.CopyFrom(workflow)
    copy.version = 0
    return _canonical_json(copy)


def definition_hash(workflow: workflow_pb2.Workflow) -> str:
    return _sha256(canonical_definition(workflow))


def block_hashes(workflow: workflow_pb2.Workflow) -> list[tuple[str, str]]:
    """(label, hash of the whole block including its children) for top-level blocks, in definition order."""
    return [(block.label, _sha256(_canonical_json(block))) for block in workflow.blocks]


def prefix_hashes(hashes: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Per label, a hash of every block up to and including it: it changes when the block or any earlier one does.

    Later blocks depend on the page state earlier ones leave, so an edit invalidates the edited
    block and every block after it (DESIGN §4 rule 8).
    """
    running = hashlib.sha256()
    result: dict[str, str] = {}
    for label, block_hash in hashes:
        running.update(f"{label}\0{block_hash}\n".encode())
        result[label] = running.copy().hexdigest()
    return result


def workflow_to_json(workflow: workflow_pb2.Workflow) -> str:
    return canonical_definition(workflow)


def workflow_from_json(text: str, version: int) -> workflow_pb2.Workflow:
    workflow = json_format.Parse(text, workflow_pb2.Workflow())
    workflow.version = version
    return workflow


def has_conditionals(workflow: workflow_pb2.Workflow) -> bool:
    return any(block.type == BT.BLOCK_TYPE_CONDITIONAL for block in _walk(workflow.blocks))
