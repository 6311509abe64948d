"""Domain values to protobuf messages for the servicer's responses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

from google.protobuf.timestamp_pb2 import Timestamp

from cache_service.app.artifacts import Artifact
from cache_service.app.coverage import KeyCoverage
from cache_service.app.drafts import stored_draft
from cache_service.app.leases import RUNNING, aware
from cache_service.app.runs import ListedRun, RunRecord, run_with_value, status_value
from cache_service.app.versions import BlockDelta, ScriptSummary, VersionSummary, VersionText
from cache_service.db.draft_repository import READY, SKIPPED
from cache_service.domain.regeneration import RegenerationDecision
from cache_service.domain.resolution import Resolution, StoredBlock, StoredFile
from services.gen.rote.v1 import cache_service_pb2, codegen_service_pb2, run_pb2, script_pb2, workflow_pb2


class FileRecord(Protocol):
    """What a stored file is, however it was loaded (a domain value or a row)."""

    @property
    def path(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def size_bytes(self) -> int: ...
    @property
    def storage_key(self) -> str: ...


def file_message(file: FileRecord | None) -> script_pb2.ScriptFile | None:
    """The one ScriptFile converter."""
    if file is None:
        return None
    return script_pb2.ScriptFile(
        path=file.path, sha256=file.sha256, size_bytes=file.size_bytes, storage_key=file.storage_key
    )


def stored_file(message: script_pb2.ScriptFile) -> StoredFile:
    """A file codegen stored, as the cache service records it."""
    return StoredFile(message.path, message.sha256, message.size_bytes, message.storage_key)


def reused_block_message(block: StoredBlock) -> codegen_service_pb2.ReusedBlock:
    """A block kept (from the published version or a draft) in the request for the next version."""
    return codegen_service_pb2.ReusedBlock(
        label=block.label,
        run_signature=block.run_signature or "",
        file=file_message(block.file),
        parameter_names=list(block.parameter_names),
    )


def cached_block_message(block: StoredBlock) -> script_pb2.CachedBlock:
    return script_pb2.CachedBlock(
        label=block.label,
        run_signature=block.run_signature or "",
        file=file_message(block.file),
        parameter_names=list(block.parameter_names),
        cached_in_version=block.cached_in_version,
        recorded_agent_steps=block.recorded_agent_steps,
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
                screenshot_key=block.screenshot_key,
            )
        )
        if block.output_json:
            summary.outputs_json[block.label] = block.output_json
    return summary


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(aware(moment))  # type: ignore[arg-type]
    return stamp


def draft_message(record: RunRecord) -> cache_service_pb2.RunDraft | None:
    run = record.run
    ready = [row for row in record.drafts if row.state == READY]
    skipped = sorted((row.label, row.reason) for row in record.drafts if row.state == SKIPPED)
    if not run.draft_number and not ready and not skipped:
        return None
    return cache_service_pb2.RunDraft(
        number=run.draft_number,
        blocks=[cached_block_message(stored_draft(row)) for row in sorted(ready, key=lambda r: r.draft_number)],
        skipped=[script_pb2.UncachedBlock(label=label, reason=reason) for label, reason in skipped],
        usable=run.status in (RUNNING, "completed"),
    )


def get_run_response(record: RunRecord) -> cache_service_pb2.GetRunResponse:
    run = record.run
    generations = {label: int(count) for label, count in (run.generations or {}).items()}
    return cache_service_pb2.GetRunResponse(
        summary=run_summary_message(record),
        block_runs=record.block_runs,
        draft=draft_message(record),
        generations=generations,
        max_generations_per_block=max(generations.values(), default=0),
        lease_expires_at=timestamp(run.lease_expires_at) if run.status == RUNNING else None,
    )


def workflow_list_entry(workflow: workflow_pb2.Workflow) -> cache_service_pb2.WorkflowListEntry:
    return cache_service_pb2.WorkflowListEntry(
        workflow_id=workflow.workflow_id,
        title=workflow.title,
        latest_version=workflow.version,
        block_count=len(workflow.blocks),
    )


def run_list_entry(listed: ListedRun) -> cache_service_pb2.RunListEntry:
    run, modes = listed.run, listed.modes

    def count(mode: int) -> int:
        return modes.get(mode, (0, 0))[0]

    return cache_service_pb2.RunListEntry(
        run_id=run.run_id,
        workflow_id=run.workflow_id,
        workflow_version=run.workflow_version,
        status=status_value(run.status),  # type: ignore[arg-type]
        cache_key=run.cache_key,
        run_with=run_with_value(run.run_with),  # type: ignore[arg-type]
        started_at=timestamp(run.started_at),
        finished_at=timestamp(run.finished_at),
        wall_ms=run.wall_ms,
        script_version=run.script_version_used,
        published_version=run.published_version,
        code_blocks=count(run_pb2.BLOCK_MODE_CODE),
        agent_blocks=count(run_pb2.BLOCK_MODE_AGENT),
        fallback_blocks=count(run_pb2.BLOCK_MODE_FALLBACK),
        live_blocks=count(run_pb2.BLOCK_MODE_LIVE),
        agent_steps=sum(steps for _, steps in modes.values()),
        error=run.error,
    )


def script_info(summary: ScriptSummary) -> cache_service_pb2.ScriptInfo:
    script = summary.script
    return cache_service_pb2.ScriptInfo(
        script_id=script.script_id,
        workflow_id=script.workflow_id,
        cache_key=script.cache_key,
        current_version=summary.current,
        latest_version=summary.latest,
        pinned_version=summary.pinned,
        version_count=summary.count,
        created_at=timestamp(script.created_at),
    )


def version_info(summary: VersionSummary) -> cache_service_pb2.ScriptVersionInfo:
    row = summary.row
    return cache_service_pb2.ScriptVersionInfo(
        version=row.version,
        source_run_id=row.source_run_id,
        workflow_version=row.workflow_version,
        pinned=row.pinned,
        current=summary.current,
        created_at=timestamp(row.created_at),
        labels=summary.labels,
        rolled_back_from=row.rolled_back_from,
    )


def version_text_response(text: VersionText) -> cache_service_pb2.GetScriptVersionResponse:
    return cache_service_pb2.GetScriptVersionResponse(
        version=version_info(text.version),
        module=file_message(text.module),
        module_code=text.module_code,
        blocks=[
            cache_service_pb2.BlockCode(
                label=b.block.label,
                run_signature=b.block.run_signature or "",
                file=file_message(b.file),
                cached_in_version=b.block.cached_in_version,
                code=b.code,
            )
            for b in text.blocks
        ],
    )


CHANGES = {
    "unchanged": cache_service_pb2.BLOCK_CHANGE_UNCHANGED,
    "added": cache_service_pb2.BLOCK_CHANGE_ADDED,
    "removed": cache_service_pb2.BLOCK_CHANGE_REMOVED,
    "modified": cache_service_pb2.BLOCK_CHANGE_MODIFIED,
}


def block_diff(delta: BlockDelta) -> cache_service_pb2.BlockDiff:
    return cache_service_pb2.BlockDiff(
        label=delta.label,
        change=CHANGES[delta.change],  # type: ignore[arg-type]
        unified_diff=delta.diff,
        from_cached_in_version=delta.from_version,
        to_cached_in_version=delta.to_version,
    )


def key_coverage(entry: KeyCoverage) -> cache_service_pb2.CacheKeyCoverage:
    return cache_service_pb2.CacheKeyCoverage(
        cache_key=entry.cache_key,
        script_id=entry.script_id,
        version=entry.version,
        blocks=[
            cache_service_pb2.BlockCoverage(
                label=b.label,
                type=b.type,  # type: ignore[arg-type]
                cacheable=b.cacheable,
                cached=b.cached,
                cached_in_version=b.cached_in_version,
                hits=b.hits,
                misses=b.misses,
                fallbacks=b.fallbacks,
                reason=b.reason,
            )
            for b in entry.blocks
        ],
    )


ARTIFACT_CHUNK_BYTES = 256 * 1024


def artifact_chunks(artifact: Artifact) -> Iterator[cache_service_pb2.ReadRunArtifactResponse]:
    """A run file as ReadRunArtifact messages: the first says its size and type; an empty file is one message."""
    data = artifact.data
    for start in range(0, max(len(data), 1), ARTIFACT_CHUNK_BYTES):
        chunk = data[start : start + ARTIFACT_CHUNK_BYTES]
        if start == 0:
            yield cache_service_pb2.ReadRunArtifactResponse(
                size_bytes=len(data), content_type=artifact.content_type, chunk=chunk
            )
        else:
            yield cache_service_pb2.ReadRunArtifactResponse(chunk=chunk)
