"""Prometheus metrics shared by the services, served on a separate HTTP port per process."""

from __future__ import annotations

import logging

from prometheus_client import Counter, Histogram, start_http_server

log = logging.getLogger(__name__)

RPC_REQUESTS = Counter("rote_rpc_requests_total", "gRPC calls served", ["method", "code"])
RPC_LATENCY = Histogram("rote_rpc_latency_seconds", "gRPC call latency", ["method"])

RUNS = Counter("rote_runs_total", "Workflow runs finished, by mode and status", ["mode", "status"])
BLOCKS = Counter("rote_blocks_total", "Blocks executed, by mode (agent, code, fallback, live)", ["mode"])
CACHE_HITS = Counter("rote_cache_hits_total", "Cacheable blocks that ran as code and verified")
UNVERIFIED_BLOCKS = Counter(
    "rote_blocks_unverified_total", "Blocks whose effect could not be established (issue 13), by mode", ["mode"]
)
VERIFICATIONS = Counter(
    "rote_postconditions_total", "Per-action postconditions checked, by outcome (verified, failed)", ["outcome"]
)
CACHE_MISSES = Counter("rote_cache_misses_total", "Cacheable blocks that had no cached code and ran through the agent")
HEALED_ACTIONS = Counter("rote_healed_actions_total", "Replayed actions whose element the agent found again")
FALLBACKS = Counter("rote_fallbacks_total", "Blocks that fell back from code to the agent")
AGENT_STEPS = Counter("rote_agent_steps_total", "Agent decisions made")
AGENT_STEPS_SAVED = Counter(
    "rote_agent_steps_saved_total", "Agent decisions that code mode avoided (the recorded steps of each code block)"
)
LLM_CALLS = Counter("rote_llm_calls_total", "Requests to the LLM endpoint")
REGENERATIONS = Counter("rote_regenerations_total", "Script versions published by regeneration")
DECISION_LATENCY = Histogram("rote_decision_latency_seconds", "Cache decisions (StartRun, ResolveScript, FinishRun)",
                             ["decision"])
CODEGEN_LATENCY = Histogram("rote_codegen_latency_seconds", "Generating, validating and uploading one version")
STORAGE_ERRORS = Counter("rote_object_storage_errors_total", "Object-storage operations that failed", ["operation"])


def serve_metrics(port: int, host: str = "127.0.0.1") -> None:
    """Serve /metrics on ``port`` (0 or negative disables it)."""
    if port <= 0:
        return
    start_http_server(port, addr=host)
    log.info("metrics served", extra={"address": f"{host}:{port}"})
