"""Builds, renders and checks block files: in this process for a few blocks, in worker processes for many."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

import libcst as cst

from codegen_service.blocks import CACHEABLE, Generation, build_block
from codegen_service.files import checked, definition_text
from codegen_service.values import UncacheableBlock, ValueIndex
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from services.settings import env_int

log = logging.getLogger(__name__)
BT = workflow_pb2.BlockType
# Below this many traces a request is built in this process: handing work to a worker costs a few milliseconds.
PARALLEL_MIN_TRACES = 64
# Blocks are independent, so each core builds its share (libcst is pure Python: threads would take turns). A pod
# limited by CPU quota rather than by cpuset sees every core of its node: ROTE_CODEGEN_WORKERS says how many
# (1 builds in process).
WORKERS = env_int("ROTE_CODEGEN_WORKERS", min(len(os.sched_getaffinity(0)), 8))
# Many small chunks: each one's files upload while later ones build, and the workers finish close together (the
# module check waits for the last one): at most MAX_CHUNK blocks (about 0.1 s of work). A chunk costs about a
# millisecond of this process's time and one of a worker's to hand over: at least MIN_CHUNK blocks each.
CHUNKS_PER_WORKER = 8
MIN_CHUNK = 16
MAX_CHUNK = 32
_T = TypeVar("_T")


@dataclass(frozen=True)
class BuiltBlock:
    """One block's file, rendered and checked: what module.py and the upload need, and nothing libcst-specific."""

    label: str
    function_name: str
    path: str
    definitions: tuple[tuple[str, str], ...]  # (function name, rendered text), the block's own function first
    data: bytes
    parameter_names: tuple[str, ...]


@dataclass(frozen=True)
class SkippedTrace:
    """A trace that stays on the agent, and why."""

    label: str
    reason: str


Built = BuiltBlock | SkippedTrace


def _skip_reason(block_type: int) -> str | None:
    if block_type not in CACHEABLE:
        return f"type {BT.Name(block_type)} is never cached"
    return None


def rendered(functions: Sequence[cst.FunctionDef]) -> tuple[tuple[str, str], ...]:
    """Each function's name and text, rendered once for its block file and module.py alike."""
    return tuple((function.name.value, definition_text(function)) for function in functions)


def build_traces(traces: Sequence[trace_pb2.BlockTrace], generation: Generation, head: str) -> list[Built]:
    """Each trace's block file (compiled and sandbox-checked from its exact bytes), or why it stays live."""
    built: list[Built] = []
    for trace in traces:
        reason = _skip_reason(generation.definitions[trace.label].type)
        if reason is None:
            try:
                block = build_block(trace, generation)
            except UncacheableBlock as exc:
                reason = str(exc)
        if reason is not None:
            built.append(SkippedTrace(trace.label, reason))
            continue
        path = f"blocks/{block.function_name}.py"
        definitions = block.definitions()
        data = checked(path, (head + "".join(text for _, text in definitions)).encode("utf-8"))
        built.append(BuiltBlock(block.label, block.function_name, path, definitions, data, block.parameter_names))
    return built


@dataclass(frozen=True)
class _Shared:
    """What every chunk of one request needs, as plain data: generated protobuf classes do not pickle under the
    import path we use."""

    values: dict[str, str]
    parameter_keys: frozenset[str]
    names: dict[str, str]
    definitions: dict[str, bytes]
    head: str


# A worker's last request, as (pickled _Shared, Generation): its next chunk is most likely of the same request, and
# indexing the parameter values again would cost more than building a small chunk.
_last: tuple[bytes, Generation, str] | None = None


def _shared_generation(shared: bytes) -> tuple[Generation, str]:
    global _last
    if _last is None or _last[0] != shared:
        job: _Shared = pickle.loads(shared)
        definitions = {label: workflow_pb2.Block.FromString(data) for label, data in job.definitions.items()}
        generation = Generation(ValueIndex.of_parameters(job.values), job.parameter_keys, job.names, definitions)
        _last = (shared, generation, job.head)
    return _last[1], _last[2]


def _build_chunk(shared: bytes, traces: list[bytes]) -> list[Built]:
    generation, head = _shared_generation(shared)
    return build_traces([trace_pb2.BlockTrace.FromString(data) for data in traces], generation, head)


_pool: ProcessPoolExecutor | None = None


def _workers() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # forkserver: forking this process (gRPC and storage threads) is unsafe; workers live as long as it does.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        _pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context(method))
    return _pool


def in_workers(trace_count: int) -> bool:
    """Whether a request of this many traces is built (and its module.py checked) in worker processes."""
    return WORKERS >= 2 and trace_count >= PARALLEL_MIN_TRACES


async def check_in_worker(path: str, data: bytes) -> bytes:
    """checked(path, data) in a worker process, so that this process can upload meanwhile."""
    return await in_worker(checked, path, data)


async def in_worker(function: Callable[..., _T], *args: object) -> _T:
    """``function(*args)`` in a worker process (in this one if the pool broke)."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_workers(), function, *args)
    except BrokenProcessPool:
        global _pool
        log.warning("codegen worker pool broke; running %s in process", function.__name__)
        _pool = None
        return function(*args)


async def build_all(
    traces: Sequence[trace_pb2.BlockTrace],
    generation: Generation,
    values: Mapping[str, str],
    head: str,
    on_built: Callable[[Built], object] = lambda built: None,
) -> list[Built]:
    """build_traces over every trace, in order; spread over worker processes when there are many.

    ``on_built`` is called with each result as soon as its chunk is built (in no particular order), so that the
    caller can upload it while later chunks build. ``values`` are the parameter values ``generation.parameters``
    indexes (a worker indexes them again).
    """
    if not in_workers(len(traces)):
        built = build_traces(traces, generation, head)
        for one in built:
            on_built(one)
        return built
    shared = pickle.dumps(_Shared(
        dict(values), generation.parameter_keys, dict(generation.names),
        {label: block.SerializeToString() for label, block in generation.definitions.items()}, head,
    ))
    size = min(max(-(-len(traces) // (WORKERS * CHUNKS_PER_WORKER)), MIN_CHUNK), MAX_CHUNK)
    starts = range(0, len(traces), size)
    parts: dict[int, list[Built]] = {}
    loop = asyncio.get_running_loop()

    async def chunk(start: int) -> None:
        data = [trace.SerializeToString() for trace in traces[start : start + size]]
        parts[start] = await loop.run_in_executor(pool, _build_chunk, shared, data)
        for one in parts[start]:
            on_built(one)

    try:
        pool = _workers()
        await _all_or_none([chunk(start) for start in starts])
    except BrokenProcessPool:
        # A worker died (killed, out of memory): start afresh next time, and build what is left here.
        global _pool
        log.warning("codegen worker pool broke; building in process")
        _pool = None
        for start in starts:
            if start not in parts:
                parts[start] = build_traces(traces[start : start + size], generation, head)
                for one in parts[start]:
                    on_built(one)
    return [one for start in starts for one in parts[start]]


async def _all_or_none(work: Sequence[Awaitable[None]]) -> None:
    """Await every one; at the first failure cancel the rest (chunks not started leave the pool's queue), wait
    until none runs, and raise that failure."""
    tasks = [asyncio.ensure_future(one) for one in work]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
