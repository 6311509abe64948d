"""GenerateScript as a domain operation: validate, build every file, check it, then upload (module last)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import libcst as cst

from codegen_service.blocks import CACHEABLE, Generation, build_block, run_signature
from codegen_service.module import (
    Header,
    checked,
    module_imports,
    parameters_model,
    render_file,
    run_workflow_node,
)
from codegen_service.naming import assign_function_names
from codegen_service.reuse import load_reused
from codegen_service.storage import store_script_file
from codegen_service.validation import all_blocks, check_request, function_name_of
from codegen_service.values import UncacheableBlock, ValueIndex
from services.errors import InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2
from services.storage import ObjectStore

log = logging.getLogger(__name__)
BT = workflow_pb2.BlockType
MODULE_PATH = "module.py"


@dataclass(frozen=True)
class _BlockFile:
    """One block's code in the new version, generated or reused."""

    label: str
    function_name: str
    functions: tuple[cst.FunctionDef, ...]
    path: str
    data: bytes
    parameter_names: tuple[str, ...]
    reused: bool


def _skip_reason(block_type: int) -> str | None:
    if block_type not in CACHEABLE:
        return f"type {BT.Name(block_type)} is never cached"
    return None


def _planned_labels(traces: Iterable[trace_pb2.BlockTrace], known: Mapping[str, object]) -> Iterator[str]:
    """Labels of child traces the definition does not have (children a task_v2 planned), depth first."""
    for trace in traces:
        if trace.label not in known:
            yield trace.label
        yield from _planned_labels(trace.children, known)


class ScriptGenerator:
    """Stateless: everything it needs is in the request and the object store."""

    def __init__(self, store: ObjectStore) -> None:
        self._store = store

    async def generate(
        self, org: str, request: codegen_service_pb2.GenerateScriptRequest
    ) -> codegen_service_pb2.GenerateScriptResponse:
        check_request(request)
        workflow = request.workflow
        definition = list(all_blocks(workflow.blocks))
        definitions = {block.label: block for block in definition}
        usable = {p.key for p in workflow.parameters if not p.secret}
        values = {key: value for key, value in request.parameter_values.items() if key in usable}
        fixed = {reused.label: function_name_of(reused.run_signature) or "" for reused in request.reused}
        if len(set(fixed.values())) != len(fixed):
            raise InvalidArgument("two reused blocks have the same function name in their run_signature")
        labels = [block.label for block in definition]
        labels.extend(_planned_labels(request.traces, definitions))
        names = assign_function_names(labels, taken=fixed)
        generation = Generation(
            ValueIndex.of_parameters(values), frozenset(p.key for p in workflow.parameters), names, definitions
        )
        header = Header(request.source_run_id, workflow.workflow_id, request.version)

        files: dict[str, _BlockFile] = {}
        skipped: list[codegen_service_pb2.SkippedBlock] = []
        for reused in request.reused:
            name = names[reused.label]
            code = await load_reused(self._store, org, reused, name)
            files[reused.label] = _BlockFile(
                reused.label, name, code.functions, reused.file.path, code.data, tuple(reused.parameter_names), True
            )
        for trace in request.traces:
            reason = _skip_reason(definitions[trace.label].type)
            if reason is None:
                try:
                    block = build_block(trace, generation)
                except UncacheableBlock as exc:
                    reason = str(exc)
            if reason is not None:
                skipped.append(codegen_service_pb2.SkippedBlock(label=trace.label, reason=reason))
                continue
            path = f"blocks/{block.function_name}.py"
            data = checked(path, render_file(header, block.functions))
            files[trace.label] = _BlockFile(
                block.label, block.function_name, block.functions, path, data, block.parameter_names, False
            )

        ordered = [files[block.label] for block in definition if block.label in files]
        top_level = {block.label: files[block.label].function_name for block in workflow.blocks if block.label in files}
        # A child traced on its own as well as inside its loop has one function: the first one written is kept.
        functions: dict[str, cst.FunctionDef] = {}
        for entry in ordered:
            for function in entry.functions:
                functions.setdefault(function.name.value, function)
        preamble = parameters_model(workflow)
        entry_point = run_workflow_node(workflow, top_level, generation.parameter_keys)
        module_source = render_file(header, [preamble, *functions.values(), entry_point], module_imports(workflow))
        module_data = checked(MODULE_PATH, module_source)

        # Blocks first, module last: a version whose module is listed has every file it calls.
        stored = [
            await store_script_file(self._store, org, request.script_id, request.version, entry.path, entry.data)
            for entry in ordered
        ]
        module_file = await store_script_file(
            self._store, org, request.script_id, request.version, MODULE_PATH, module_data
        )
        log.info(
            "script generated",
            extra={
                "script_id": request.script_id,
                "version": request.version,
                "generated": sum(not entry.reused for entry in ordered),
                "reused": sum(entry.reused for entry in ordered),
                "skipped": len(skipped),
            },
        )
        return codegen_service_pb2.GenerateScriptResponse(
            files=[module_file, *stored],
            blocks=[_generated(entry) for entry in ordered],
            skipped=skipped,
        )


def _generated(entry: _BlockFile) -> codegen_service_pb2.GeneratedBlock:
    return codegen_service_pb2.GeneratedBlock(
        label=entry.label,
        run_signature=run_signature(entry.function_name),
        file_path=entry.path,
        parameter_names=list(entry.parameter_names),
        reused=entry.reused,
    )

