"""Reused blocks: the stored file is read back, verified and kept byte for byte; its function feeds module.py."""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from codegen_service.storage import read_verified
from services.errors import FailedPrecondition, InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2
from services.sandbox import validate_script
from services.storage import ObjectStore


@dataclass(frozen=True)
class ReusedCode:
    """A block kept from an earlier version: its exact bytes and its function node."""

    data: bytes
    functions: tuple[cst.FunctionDef, ...]  # the block's function first, then its children's (loops, task_v2)


def _cached_label(tree: ast.Module, name: str) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.AsyncFunctionDef) and node.name == name and node.decorator_list:
            decorator = node.decorator_list[0]
            if isinstance(decorator, ast.Call) and isinstance(decorator.args[0], ast.Constant):
                return str(decorator.args[0].value)
    return None


async def load_reused(
    store: ObjectStore, org: str, reused: codegen_service_pb2.ReusedBlock, function_name: str
) -> ReusedCode:
    """Read and check the block's stored file; refuse it if it changed, escapes the sandbox or lacks the function."""
    what = f"reused block {reused.label!r}"
    data = await read_verified(store, org, reused.file, what)
    try:
        source = data.decode("utf-8")
        tree = validate_script(source, filename=reused.file.path)
    except (UnicodeDecodeError, InvalidArgument) as exc:
        raise FailedPrecondition(f"{what}: stored file {reused.file.path!r} is not a valid script: {exc}") from exc
    if _cached_label(tree, function_name) != reused.label:
        raise FailedPrecondition(
            f"{what}: stored file {reused.file.path!r} has no @cached({reused.label!r}) function {function_name!r}"
        )
    functions = [statement for statement in cst.parse_module(source).body if isinstance(statement, cst.FunctionDef)]
    main = [function for function in functions if function.name.value == function_name]
    if not main:
        raise FailedPrecondition(f"{what}: function {function_name!r} not found in {reused.file.path!r}")
    rest = [function for function in functions if function.name.value != function_name]
    return ReusedCode(data, (main[0], *rest))
