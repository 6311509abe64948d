"""The one request rule protovalidate's CEL cannot state: how deep and how large a workflow's block tree may be."""

from __future__ import annotations

from google.protobuf.message import Message
from google.rpc import error_details_pb2

from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2

MAX_DEPTH = 8  # levels of blocks, counting the top level as 1
MAX_BLOCKS = 500  # blocks in the whole tree, nested ones included


def check_workflow_trees(request: Message) -> None:
    """Refuse a request whose Workflow field (or the request itself, a Workflow) nests blocks too deeply or too
    many in all. It runs before the CEL rules, so a huge tree costs a walk, not thousands of rule evaluations."""
    if isinstance(request, workflow_pb2.Workflow):
        check_block_tree(request.blocks, request.DESCRIPTOR.name + ".blocks")
        return
    for field, value in request.ListFields():
        if field.message_type is workflow_pb2.Workflow.DESCRIPTOR and isinstance(value, workflow_pb2.Workflow):
            check_block_tree(value.blocks, f"{request.DESCRIPTOR.name}.{field.name}.blocks")


def check_block_tree(blocks: object, where: str) -> None:
    """Depth and total size of ``blocks`` (a repeated Block) through each block's children."""
    level: list[workflow_pb2.Block] = list(blocks)  # type: ignore[call-overload]
    depth, total = 0, 0
    while level:
        depth += 1
        total += len(level)
        if depth > MAX_DEPTH:
            _refuse(where, f"nested more than {MAX_DEPTH} levels deep", "blocks.max_depth")
        if total > MAX_BLOCKS:
            _refuse(where, f"more than {MAX_BLOCKS} items in all, counting nested ones", "blocks.max_total")
        level = [child for block in level for child in block.children]


def _refuse(where: str, problem: str, reason: str) -> None:
    field = where.split(".", 1)[1] if "." in where else where
    violation = error_details_pb2.BadRequest.FieldViolation(field=field, description=problem, reason=reason)
    raise InvalidArgument(f"{where}: {problem}", details=(error_details_pb2.BadRequest(field_violations=[violation]),))
