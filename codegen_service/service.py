"""GenerateScript as a domain operation: validate, build and check every file, upload each once checked, module last."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from codegen_service.blocks import Generation, run_signature
from codegen_service.files import checked, checked_module, definition_text, file_head
from codegen_service.module import BLOCK_IMPORTS, Header, module_imports, parameters_model, run_workflow_node
from codegen_service.naming import assign_function_names
from codegen_service.parallel import (
    Built,
    BuiltBlock,
    SkippedTrace,
    build_all,
    check_in_worker,
    in_workers,
    rendered,
)
from codegen_service.reuse import load_reused
from codegen_service.storage import store_script_file
from codegen_service.validation import all_blocks, check_request, function_name_of
from codegen_service.values import ValueIndex
from services.errors import InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2, script_pb2, trace_pb2, workflow_pb2
from services.storage import ObjectStore

log = logging.getLogger(__name__)
BT = workflow_pb2.BlockType
MODULE_PATH = "module.py"
# Block files upload concurrently (storage calls wait on disk or the network); the module still goes last.
UPLOAD_CONCURRENCY = 16


@dataclass(frozen=True)
class _BlockFile:
    """One block's code in the new version, generated or reused."""

    label: str
    function_name: str
    definitions: tuple[tuple[str, str], ...]  # (function name, rendered text), the block's own function first
    path: str
    data: bytes
    parameter_names: tuple[str, ...]
    reused: bool


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

        # Each block file uploads as soon as it is checked, while later blocks build; module.py goes last, once
        # every block file is stored: a version whose module is listed has every file it calls.
        uploads = _Uploads(self._store, org, request.script_id, request.version)
        try:
            ordered, skipped, module_data = await self._files(org, request, generation, header, values, uploads)
            stored = await uploads.results()
        except BaseException:
            await uploads.abandon()
            raise
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
            files=[module_file, *(stored[entry.label] for entry in ordered)],
            blocks=[_generated(entry) for entry in ordered],
            skipped=skipped,
        )

    async def _files(
        self,
        org: str,
        request: codegen_service_pb2.GenerateScriptRequest,
        generation: Generation,
        header: Header,
        values: Mapping[str, str],
        uploads: _Uploads,
    ) -> tuple[list[_BlockFile], list[codegen_service_pb2.SkippedBlock], bytes]:
        """The block files in definition order (each handed to ``uploads``), the skipped traces, module.py checked."""
        workflow = request.workflow
        files: dict[str, _BlockFile] = {}
        skipped: list[codegen_service_pb2.SkippedBlock] = []
        for reused in request.reused:
            name = generation.names[reused.label]
            code = await load_reused(self._store, org, reused, name)
            texts = rendered(code.functions)
            files[reused.label] = _BlockFile(
                reused.label, name, texts, reused.file.path, code.data, tuple(reused.parameter_names), True
            )
            uploads.start(reused.label, reused.file.path, code.data)

        def upload(built: Built) -> None:
            if isinstance(built, BuiltBlock):
                uploads.start(built.label, built.path, built.data)

        head = file_head(header.block_comment(), BLOCK_IMPORTS)
        building = asyncio.ensure_future(build_all(request.traces, generation, values, head, upload))
        try:
            await asyncio.sleep(0)  # the chunks go to the workers first (a few blocks are built right here instead)
            # module.py's own parts are written meanwhile, not after the last chunk: the entry point for the usual
            # outcome, every traced or reused top-level block in the version (written again below if not).
            usual = {label: generation.names[label] for label in _top_level_labels(request)}
            preamble = definition_text(parameters_model(workflow))
            entry_point = definition_text(run_workflow_node(workflow, usual, generation.parameter_keys))
        except BaseException:
            building.cancel()
            await asyncio.gather(building, return_exceptions=True)
            raise
        for built in await building:
            if isinstance(built, SkippedTrace):
                skipped.append(codegen_service_pb2.SkippedBlock(label=built.label, reason=built.reason))
                continue
            files[built.label] = _BlockFile(
                built.label, built.function_name, built.definitions, built.path, built.data,
                built.parameter_names, False,
            )

        ordered = [files[block.label] for block in all_blocks(workflow.blocks) if block.label in files]
        top_level = {block.label: files[block.label].function_name for block in workflow.blocks if block.label in files}
        # A child traced on its own as well as inside its loop has one function: the first one written is kept.
        functions: dict[str, str] = {}
        for entry in ordered:
            for name, text in entry.definitions:
                functions.setdefault(name, text)
        if top_level != usual:
            entry_point = definition_text(run_workflow_node(workflow, top_level, generation.parameter_keys))
        module_head = file_head(header.comment(), module_imports(workflow))
        # module.py holds every function again. Every function that is the one its block file was checked with (none
        # reused: an older file may import otherwise; none dropped as a duplicate) is not walked or compiled again:
        # only module.py's own parts are (checked_module says why that is enough). Otherwise the whole file is.
        composed = set(BLOCK_IMPORTS) <= set(module_imports(workflow)) and all(
            not entry.reused and all(functions[name] == text for name, text in entry.definitions) for entry in ordered
        )
        if composed:
            return ordered, skipped, checked_module(MODULE_PATH, module_head, (preamble, entry_point), functions)
        module_data = (module_head + preamble + "".join(functions.values()) + entry_point).encode("utf-8")
        if not in_workers(len(request.traces)):
            return ordered, skipped, checked(MODULE_PATH, module_data)
        # Checking a big module.py in full takes a while: a worker does it while the last block files upload
        # (module.py itself is still only uploaded once checked, after them all).
        return ordered, skipped, await check_in_worker(MODULE_PATH, module_data)


def _top_level_labels(request: codegen_service_pb2.GenerateScriptRequest) -> Iterator[str]:
    """Top-level blocks, in definition order, that are traced or reused."""
    present = {trace.label for trace in request.traces} | {reused.label for reused in request.reused}
    return (block.label for block in request.workflow.blocks if block.label in present)


class _Uploads:
    """Block files uploading while the request goes on: each starts when handed over, UPLOAD_CONCURRENCY at a time
    (each is a few storage round trips). After a failure the ones not started yet are skipped: the request fails."""

    def __init__(self, store: ObjectStore, org: str, script_id: str, version: int) -> None:
        self._where = (store, org, script_id, version)
        self._limit = asyncio.Semaphore(UPLOAD_CONCURRENCY)
        self._tasks: dict[str, asyncio.Task[script_pb2.ScriptFile | None]] = {}
        self._failed = False

    def start(self, label: str, path: str, data: bytes) -> None:
        self._tasks[label] = asyncio.create_task(self._upload(path, data))

    async def _upload(self, path: str, data: bytes) -> script_pb2.ScriptFile | None:
        async with self._limit:
            if self._failed:
                return None
            try:
                return await store_script_file(*self._where, path, data)
            except BaseException:
                self._failed = True
                raise

    async def results(self) -> dict[str, script_pb2.ScriptFile]:
        """Each stored file by block label, once every upload is done; else the first failure (in start order)."""
        done = await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        stored: dict[str, script_pb2.ScriptFile] = {}
        for label, result in zip(self._tasks, done, strict=True):
            if isinstance(result, BaseException):
                raise result
            if result is not None:
                stored[label] = result
        return stored

    async def abandon(self) -> None:
        """Cancel what is still running and wait until nothing is (the request failed elsewhere)."""
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)


def _generated(entry: _BlockFile) -> codegen_service_pb2.GeneratedBlock:
    return codegen_service_pb2.GeneratedBlock(
        label=entry.label,
        run_signature=run_signature(entry.function_name),
        file_path=entry.path,
        parameter_names=list(entry.parameter_names),
        reused=entry.reused,
    )

