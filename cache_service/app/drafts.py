"""Pending drafts (DESIGN §4 rule 6) as database state: a block's code is generated once, when it completes.

RecordBlockRun leaves a pending ``run_drafts`` row in the transaction that stores the block; whichever replica
claims it generates the code under ``<org>/scripts/draft-<run_id>/<n>/``. Resolution never reads a draft, a run
that does not complete never publishes one, and any replica's publish reuses a ready draft byte for byte, so
codegen generates each block at most once per run however calls are spread over replicas.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cache_service.app.codegen_gateway import CodegenFailed
from cache_service.app.context import AppContext
from cache_service.app.leases import RUNNING, lease_expired
from cache_service.app.records import trace_of
from cache_service.app.workflows import load_definition
from cache_service.db.draft_repository import READY, SKIPPED
from cache_service.db.models import BlockRunRow, RunDraftRow, RunRow, utcnow
from cache_service.db.unit_of_work import UnitOfWork
from cache_service.domain.resolution import StoredBlock, StoredFile
from services.gen.rote.v1 import codegen_service_pb2, run_pb2

log = logging.getLogger(__name__)
# A claim outlives the codegen call it covers (bounded by the codegen timeout) by this much.
CLAIM_MARGIN_S = 5.0
# How often a finisher looks whether another replica is done with a draft it is making.
SETTLE_POLL_S = 0.05


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


@dataclass(frozen=True)
class UsableDrafts:
    """What a publish takes from the run's drafts: code to reuse, and blocks codegen already refused."""

    ready: dict[str, RunDraftRow]
    skipped: dict[str, str]


def usable_drafts(drafts: Sequence[RunDraftRow], block_runs: Sequence[BlockRunRow]) -> UsableDrafts:
    """Drafts made from the execution publishing would use (a block's last completed one) and nothing older."""
    last = {row.label: row.sequence for row in block_runs if row.status == run_pb2.BLOCK_STATUS_COMPLETED}
    # -1: a draft stored before drafts recorded their block run (it was always the last one).
    current = [d for d in drafts if d.label in last and d.sequence in (-1, last[d.label])]
    return UsableDrafts(
        {d.label: d for d in current if d.state == READY}, {d.label: d.reason for d in current if d.state == SKIPPED}
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
    must not keep code (or anything else) forever (issue 16). Best effort: what an outage leaves, the sweep
    deletes later (the run keeps ``draft_files`` set until the folder is gone)."""
    if ctx.store is None:
        return
    try:
        await ctx.store.delete_prefix(f"{org}/scripts/{draft_script_id(run_id)}/")
        async with ctx.uow() as uow:
            await uow.runs.forget_draft_folder(org, run_id)
            await uow.commit()
    except Exception as exc:  # noqa: BLE001 - cleaning up never fails the call that finished the run
        log.warning("draft folder not deleted", extra={"run_id": run_id, "reason": str(exc)[:200]})


def schedule_drafts(ctx: AppContext, org: str, run_id: str) -> None:
    """Make the run's pending drafts in the background, one after another; the executor never waits for it."""
    if ctx.drafts_enabled:
        ctx.drafts.schedule(run_id, lambda: make_drafts(ctx, org, run_id))


async def make_drafts(ctx: AppContext, org: str, run_id: str) -> int:
    """Claim and generate the run's pending drafts, one after another, until none is left for this replica;
    how many were made."""
    made = 0
    while ctx.drafts_enabled and await _make_one(ctx, org, run_id):
        made += 1
    return made


async def _make_one(ctx: AppContext, org: str, run_id: str) -> bool:
    token = str(uuid.uuid4())
    now = utcnow()
    async with ctx.uow() as uow:
        until = now + timedelta(seconds=ctx.draft_wait_s + CLAIM_MARGIN_S)
        draft = await uow.drafts.claim_next(org, run_id, token, now, until)
        if draft is None:
            return False
        await uow.commit()
        request = await _request(uow, org, run_id, draft)
    if request is None:
        await _release(ctx, draft, token)
        return False
    try:
        response = await ctx.codegen.generate(org, request)
    except CodegenFailed as exc:
        # Released: a later call, the sweep or the publish generates the block from its trace; nothing is lost.
        log.warning("draft not made", extra={"run_id": run_id, "label": draft.label, "reason": exc.reason})
        await _release(ctx, draft, token)
        return False
    async with ctx.uow() as uow:
        run = await uow.runs.get(org, run_id, for_update=True)
        if run is None:
            return False
        count_generations(run, generated_labels(response))
        run.draft_files = True  # codegen wrote into the draft folder, whatever happens to this draft
        # A finished run whose publish is still to come waits for this draft; any other ended run has no use for it.
        usable = (run.status == RUNNING and not lease_expired(run)) or run.publish_pending
        if usable and await _settle(uow, draft, token, run.draft_number + 1, response):
            run.draft_number += 1
        await uow.commit()
    if not usable:
        await discard_drafts(ctx, org, run_id)
        return False
    return True


async def _request(
    uow: UnitOfWork, org: str, run_id: str, draft: RunDraftRow
) -> codegen_service_pb2.GenerateScriptRequest | None:
    run = await uow.runs.get(org, run_id)
    row, actions = await uow.runs.block_run_at(org, run_id, draft.sequence)
    if run is None or row is None:
        return None
    workflow = await load_definition(uow, org, run.workflow_id, run.workflow_version)
    # Only the new block is sent: a draft costs the same whatever the number of blocks before it.
    return codegen_service_pb2.GenerateScriptRequest(
        script_id=draft_script_id(run_id),
        version=draft.sequence + 1,  # one folder per block run: replicas drafting one run never share a folder
        source_run_id=run_id,
        workflow=workflow,
        traces=[trace_of(row, actions)],
        parameter_values=run.parameters,
    )


async def _settle(
    uow: UnitOfWork, draft: RunDraftRow, token: str, number: int, response: codegen_service_pb2.GenerateScriptResponse
) -> bool:
    files = {f.path: f for f in response.files}
    for block in response.blocks:
        file = files.get(block.file_path)
        if block.label == draft.label and not block.reused and file is not None:
            stored = StoredFile(file.path, file.sha256, file.size_bytes, file.storage_key)
            return await uow.drafts.fulfil(
                draft.id,
                token,
                number=number,
                run_signature=block.run_signature,
                parameter_names=block.parameter_names,
                file=stored,
            )
    reasons = [s.reason for s in response.skipped if s.label == draft.label]
    return await uow.drafts.skip(draft.id, token, reasons[0] if reasons else "codegen produced no code for it")


async def _release(ctx: AppContext, draft: RunDraftRow, token: str) -> None:
    async with ctx.uow() as uow:
        await uow.drafts.release(draft.id, token)
        await uow.commit()


async def settle_drafts(ctx: AppContext, org: str, run_id: str) -> None:
    """Before a run that may publish ends: make its pending drafts (here, or wait for the replica making one), so
    that the publish reuses them; bounded by ``draft_wait_s``, after which the publish generates what is left."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + ctx.draft_wait_s
    await ctx.drafts.wait(run_id, ctx.draft_wait_s)
    while True:
        async with ctx.uow() as uow:
            pending = await uow.drafts.pending(org, run_id, utcnow())
        if not pending or loop.time() >= deadline:
            return
        made = await make_drafts(ctx, org, run_id)
        if not made:
            async with ctx.uow() as uow:
                busy = await uow.drafts.being_made(org, run_id, utcnow())
            if not busy:
                # Nothing was made here and no replica is making one (codegen or its storage is failing): the
                # publish generates what is left, or defers, rather than this call retrying until its deadline.
                return
        await asyncio.sleep(SETTLE_POLL_S)


async def wait_for_drafts(ctx: AppContext, org: str, run_id: str) -> None:
    """After the run ended (no draft starts any more): wait, bounded, while a replica is still making one of its
    drafts, so that the publish reuses it rather than generating the block a second time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + ctx.draft_wait_s
    while True:
        async with ctx.uow() as uow:
            busy = await uow.drafts.being_made(org, run_id, utcnow())
        if not busy or loop.time() >= deadline:
            return
        await asyncio.sleep(SETTLE_POLL_S)


async def sweep_drafts(ctx: AppContext, *, limit: int = 50) -> None:
    """From the database, on any replica: delete the draft folders of runs that are over, and make the drafts
    nobody works on (their replica stopped or codegen failed), each claimed by exactly one replica."""
    now = utcnow()
    async with ctx.uow() as uow:
        stale = await uow.runs.with_stale_draft_folders(limit) if ctx.store is not None else []
        orphaned = await uow.drafts.orphaned(now, limit) if ctx.drafts_enabled else []
    for org, run_id in stale:
        await discard_drafts(ctx, org, run_id)
    for org, run_id in orphaned:
        schedule_drafts(ctx, org, run_id)
