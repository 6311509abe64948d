"""Domain values to protobuf messages for the servicer's responses."""

from __future__ import annotations

from cache_service.app.runs import RunRecord, status_value
from cache_service.domain.regeneration import RegenerationDecision
from cache_service.domain.resolution import Resolution, StoredBlock, StoredFile
from services.gen.rote.v1 import cache_service_pb2, run_pb2, script_pb2


def file_message(file: StoredFile | None) -> script_pb2.ScriptFile | None:
    if file is None:
        return None
    return script_pb2.ScriptFile(
        path=file.path, sha256=file.sha256, size_bytes=file.size_bytes, storage_key=file.storage_key
    )


def cached_block_message(block: StoredBlock) -> script_pb2.CachedBlock:
    return script_pb2.CachedBlock(
        label=block.label,
        run_signature=block.run_signature or "",
        file=file_message(block.file),
        parameter_names=list(block.parameter_names),
        cached_in_version=block.cached_in_version,
    )


def resolution_message(resolution: Resolution) -> script_pb2.ScriptResolution:
    return script_pb2.ScriptResolution(
        script_id=resolution.script_id,
        version=resolution.version,
        cache_key=resolution.cache_key,
        module=file_message(resolution.module),
        cached_blocks=[cached_block_message(block) for block in resolution.cached],
        uncached_blocks=[script_pb2.UncachedBlock(label=u.label, reason=u.reason) for u in resolution.uncached],
    )


def decision_message(decision: RegenerationDecision) -> cache_service_pb2.RegenerationDecision:
    return cache_service_pb2.RegenerationDecision(
        regenerate=decision.regenerate,
        blocks_to_update=list(decision.blocks_to_update),
        missing_labels=list(decision.missing_labels),
        reasons=list(decision.reasons),
    )


def run_summary_message(record: RunRecord) -> run_pb2.RunSummary:
    """The summary a caller sees, rebuilt from what the executor recorded."""
    run = record.run
    summary = run_pb2.RunSummary(
        run_id=run.run_id,
        workflow_id=run.workflow_id,
        status=status_value(run.status),  # type: ignore[arg-type]
        script_version=run.script_version_used,
        published_version=run.published_version,
        wall_ms=run.wall_ms,
        error=run.error,
        cache_key=run.cache_key,
        recorded=True,
        script_id=run.script_id or "",
    )
    for block in record.block_runs:
        summary.agent_steps += block.agent_steps
        summary.llm_calls += block.llm_calls
        summary.blocks.append(
            run_pb2.BlockSummary(
                label=block.label,
                mode=block.mode,
                status=block.status,
                agent_steps=block.agent_steps,
                reason=block.reason,
                duration_ms=block.duration_ms,
                healed_actions=block.healed_actions,
            )
        )
        if block.output_json:
            summary.outputs_json[block.label] = block.output_json
    return summary
