"""Pending drafts (DESIGN §4 rule 6): code for a block is generated once, when the block completes.

A draft lives in ``run_drafts`` and under ``<org>/scripts/draft-<run_id>/<n>/``: resolution never reads
it (runs only use published versions), a run that does not complete never publishes it, and the run's
own publish reuses its files byte for byte, so codegen generates each block at most once per run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from cache_service.app.codegen_gateway import CodegenFailed
from cache_service.app.context import AppContext
from cache_service.app.leases import RUNNING, lease_expired
from cache_service.app.records import trace_of
from cache_service.app.workflows import load_definition
from cache_service.db.models import RunDraftRow, RunRow
from cache_service.domain.resolution import StoredBlock, StoredFile
from services.gen.rote.v1 import codegen_service_pb2, script_pb2

log = logging.getLogger(__name__)


def draft_script_id(run_id: str) -> str:
    """The storage prefix of a run's drafts: never a published script's id."""
    return f"draft-{run_id}"


def stored_draft(row: RunDraftRow) -> StoredBlock:
    return StoredBlock(
        label=row.label,
        run_signature=row.run_signature,
        file=StoredFile(row.path, row.sha256, row.size_bytes, row.storage_key),
        parameter_names=tuple(row.parameter_names or ()),
        cached_in_version=0,
        source_run_id=row.run_id,
        definition_version=0,
        definition_prefix_hash="",
    )


def reused_message(block: StoredBlock) -> codegen_service_pb2.ReusedBlock:
    file = block.file
    return codegen_service_pb2.ReusedBlock(
        label=block.label,
        run_signature=block.run_signature or "",
        file=script_pb2.ScriptFile(
            path=file.path, sha256=file.sha256, size_bytes=file.size_bytes, storage_key=file.storage_key
        )
        if file
        else None,
        parameter_names=list(block.parameter_names),
    )


def count_generations(run: RunRow, labels: Iterable[str]) -> None:
    """Add one code generation per label to the run's counter (DESIGN §4 rule 6: at most one per block)."""
    counts: dict[str, Any] = dict(run.generations or {})
    for label in labels:
        counts[label] = int(counts.get(label, 0)) + 1
    run.generations = counts


def generated_labels(response: codegen_service_pb2.GenerateScriptResponse) -> list[str]:
    """Labels codegen worked on: new code, or a trace it refused (skipped)."""
    return [b.label for b in response.blocks if not b.reused] + [s.label for s in response.skipped]


async def discard_drafts(ctx: AppContext, org: str, run_id: str) -> None:
    """Delete the run's draft folder: once its run is finished or abandoned, no publish can use it, and it
    must not keep code (or anything else) forever (issue 16). Best effort: an outage only logs."""
    if ctx.store is None:
        return
    try:
        await ctx.store.delete_prefix(f"{org}/scripts/{draft_script_id(run_id)}/")
    except Exception as exc:  # noqa: BLE001 - cleaning up never fails the call that finished the run
        log.warning("draft folder not deleted", extra={"run_id": run_id, "reason": str(exc)[:200]})


def schedule_draft(ctx: AppContext, org: str, run_id: str, label: str) -> None:
    """Draft ``label`` in the background, after the run's earlier drafts; the executor never waits for it."""
    if ctx.drafts_enabled:
        ctx.drafts.schedule(run_id, lambda: draft_block(ctx, org, run_id, label))


async def draft_block(ctx: AppContext, org: str, run_id: str, label: str) -> None:
    """Generate one completed block's code into the run's next draft; dropped if the run is no longer running."""
    async with ctx.uow() as uow:
        run = await uow.runs.get(org, run_id)
        if run is None or run.status != RUNNING or lease_expired(run):
            return
        workflow = await load_definition(uow, org, run.workflow_id, run.workflow_version)
        row, actions = await uow.runs.last_completed(org, run_id, label)
        number = run.draft_number + 1
    if row is None:
        return
    traces = [trace_of(row, actions)]
    # Only the new block is sent: a draft costs the same whatever the number of blocks before it.
    request = codegen_service_pb2.GenerateScriptRequest(
        script_id=draft_script_id(run_id),
        version=number,
        source_run_id=run_id,
        workflow=workflow,
        traces=traces,
        parameter_values=run.parameters,
    )
    try:
        response = await ctx.codegen.generate(org, request)
    except CodegenFailed as exc:
        # Publishing generates the block from its trace instead: nothing is lost.
        log.warning("draft not made", extra={"run_id": run_id, "label": label, "reason": exc.reason})
        return
    async with ctx.uow() as uow:
        run = await uow.runs.get(org, run_id, for_update=True)
        if run is None:
            return
        count_generations(run, generated_labels(response))
        still_running = run.status == RUNNING and not lease_expired(run)
        if still_running:
            _store_draft(run, number, response)
            for draft in _draft_rows(org, run_id, number, response):
                await uow.runs.replace_draft(draft)
        await uow.commit()
    if not still_running:
        # The run ended while this draft was being made: its files are of no use to anyone.
        await discard_drafts(ctx, org, run_id)


def _store_draft(run: RunRow, number: int, response: codegen_service_pb2.GenerateScriptResponse) -> None:
    run.draft_number = number
    skipped = dict(run.draft_skipped or {})
    for block in response.blocks:
        if not block.reused:
            skipped.pop(block.label, None)
    skipped.update({s.label: s.reason for s in response.skipped})
    run.draft_skipped = skipped or None


def _draft_rows(
    org: str, run_id: str, number: int, response: codegen_service_pb2.GenerateScriptResponse
) -> list[RunDraftRow]:
    files = {f.path: f for f in response.files}
    rows = []
    for block in response.blocks:
        file = files.get(block.file_path)
        if block.reused or file is None:
            continue
        rows.append(
            RunDraftRow(
                run_id=run_id,
                org_id=org,
                label=block.label,
                draft_number=number,
                run_signature=block.run_signature,
                parameter_names=list(block.parameter_names),
                path=file.path,
                sha256=file.sha256,
                size_bytes=file.size_bytes,
                storage_key=file.storage_key,
            )
        )
    return rows
