"""Prometheus counters for runs and blocks, fed once per finished block and per finished run."""

from __future__ import annotations

from executor_service.engine.block_runner import CACHEABLE_TYPES
from services.enum_labels import enum_label
from services.gen.rote.v1 import run_pb2, script_pb2
from services.metrics import (
    AGENT_STEPS,
    AGENT_STEPS_SAVED,
    BLOCKS,
    CACHE_HITS,
    CACHE_MISSES,
    FALLBACKS,
    HEALED_ACTIONS,
    LLM_CALLS,
    RUNS,
    UNVERIFIED_BLOCKS,
)

MODE = run_pb2.BlockMode


def observe_block(record: run_pb2.BlockRun, cached: dict[str, script_pb2.CachedBlock]) -> None:
    """Count one finished top-level block: its mode, hit or miss, heals, fallback, agent work and savings."""
    BLOCKS.labels(enum_label(run_pb2.BlockMode, record.mode, "BLOCK_MODE_", unset="unspecified")).inc()
    AGENT_STEPS.inc(record.agent_steps)
    LLM_CALLS.inc(record.llm_calls)
    HEALED_ACTIONS.inc(record.healed_actions)
    if record.status == run_pb2.BLOCK_STATUS_UNVERIFIED:
        UNVERIFIED_BLOCKS.labels(enum_label(run_pb2.BlockMode, record.mode, "BLOCK_MODE_", unset="unspecified")).inc()
    if record.mode == MODE.BLOCK_MODE_CODE and record.status == run_pb2.BLOCK_STATUS_COMPLETED:
        # Only a verified code block is a hit (an unverified one falls back, so it is never counted here).
        CACHE_HITS.inc()
        saved = cached[record.label].recorded_agent_steps if record.label in cached else 0
        AGENT_STEPS_SAVED.inc(max(0, saved - record.agent_steps))
    elif record.mode == MODE.BLOCK_MODE_FALLBACK:
        FALLBACKS.inc()
    elif record.mode == MODE.BLOCK_MODE_AGENT and record.type in CACHEABLE_TYPES:
        CACHE_MISSES.inc()


def observe_run(summary: run_pb2.RunSummary) -> None:
    """Count one finished run by its dominant mode (code when no block needed the agent) and status."""
    modes = {block.mode for block in summary.blocks}
    if MODE.BLOCK_MODE_FALLBACK in modes:
        mode = "fallback"
    elif MODE.BLOCK_MODE_AGENT in modes:
        mode = "mixed" if MODE.BLOCK_MODE_CODE in modes else "agent"
    else:
        mode = "code" if MODE.BLOCK_MODE_CODE in modes else "live"
    status = enum_label(run_pb2.RunStatus, summary.status, "RUN_STATUS_", unset="unspecified")
    RUNS.labels(mode, status).inc()
