"""Finishing a run: decide, then publish version N+1 under a per-script lock, or say why not."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from cache_service import wire
from cache_service.app.codegen_gateway import CodegenFailed
from cache_service.app.context import AppContext
from cache_service.app.drafts import (
    UsableDrafts,
    count_generations,
    discard_drafts,
    generated_labels,
    settle_drafts,
    stored_draft,
    usable_drafts,
    wait_for_drafts,
)
from cache_service.app.leases import ABANDONED, RUNNING, abandon, lease_expired
from cache_service.app.quick_finish import decided_end, executed, quick_finish
from cache_service.app.records import traces_for
from cache_service.app.runs import current_resolution, require_run
from cache_service.app.workflows import load_definition
from cache_service.db.models import (
    ActionRow,
    BlockRunRow,
    RunRow,
)
from cache_service.db.run_ending import EndingRun
from cache_service.db.unit_of_work import UnitOfWork
from cache_service.domain.definitions import block_hashes, prefix_hashes
from cache_service.domain.regeneration import RegenerationDecision, decide_regeneration
from cache_service.domain.resolution import Resolution, StoredBlock, StoredFile, valid_blocks
from services.errors import FailedPrecondition, InvalidArgument, NotFound
from services.gen.rote.v1 import codegen_service_pb2, run_pb2, workflow_pb2
from services.metrics import REGENERATIONS

log = logging.getLogger(__name__)
TERMINAL = frozenset(
    {
        run_pb2.RUN_STATUS_COMPLETED,
        run_pb2.RUN_STATUS_FAILED,
        run_pb2.RUN_STATUS_CANCELLED,
        run_pb2.RUN_STATUS_TIMED_OUT,
        run_pb2.RUN_STATUS_ABANDONED,
        run_pb2.RUN_STATUS_UNVERIFIED,
    }
)


@dataclass(frozen=True)
class FinishedRun:
    decision: RegenerationDecision
    published_version: int
    script_id: str
    # The decision says publish but nothing is published yet (codegen or object storage down): retried later.
    pending: bool = False
    # Whether the run may have left a draft folder to delete.
    drafted: bool = True


def _finished(run: RunRow) -> FinishedRun:
    decision = RegenerationDecision.from_dict(run.decision or {"reasons": [f"run is {run.status}"]})
    return FinishedRun(decision, run.published_version, run.script_id or "", bool(run.publish_pending))


async def finish_run(
    ctx: AppContext, org: str, run_id: str, *, status: int, error: str, wall_ms: int, force: bool
) -> FinishedRun:
    """Record the end of a run first (it is never lost), then publish if the decision says so; once nothing
    can publish from the run any more, its draft folder is deleted."""
    finished = await _finish_run(ctx, org, run_id, status=status, error=error, wall_ms=wall_ms, force=force)
    if not finished.pending and finished.drafted:
        await discard_drafts(ctx, org, run_id)
    return finished


async def _finish_run(
    ctx: AppContext, org: str, run_id: str, *, status: int, error: str, wall_ms: int, force: bool
) -> FinishedRun:
    if status not in TERMINAL:
        raise InvalidArgument(
            "status must be a final run status (completed, unverified, failed, cancelled, timed out, abandoned)"
        )
    settle = status in (run_pb2.RUN_STATUS_COMPLETED, run_pb2.RUN_STATUS_UNVERIFIED)
    if settle:
        await ctx.drafts.wait(run_id, ctx.draft_wait_s)  # this replica's drafting of the run, in memory
    quick = await quick_finish(ctx, org, run_id, status=status, error=error, wall_ms=wall_ms, force=force,
                               settle=settle)
    if quick is not None:  # the common case, ended without the ORM
        return await _after_end(ctx, org, quick.run, quick.workflow, quick.resolution, quick.decision, [], force)
    for attempt in range(2):
        if attempt:
            # Drafts still to be made, on any replica, are made first, so that publishing reuses them.
            await settle_drafts(ctx, org, run_id)
        async with ctx.uow() as uow:
            found = await uow.runs.to_finish(org, run_id)
            if found is None:
                raise NotFound(f"run {run_id!r} not found")
            run, others_waiting = found.run, found.others_waiting
            if not attempt and settle and found.drafts_pending and run.status == RUNNING and not lease_expired(run):
                continue  # rolled back, lock released: settle, then look again
            if lease_expired(run):
                abandon(run)
                await uow.commit()
                await discard_drafts(ctx, org, run_id)
            if run.status == ABANDONED and status != run_pb2.RUN_STATUS_ABANDONED:
                raise FailedPrecondition(
                    f"run {run_id!r} was abandoned (its lease expired at "
                    f"{run.lease_expires_at.isoformat(timespec='seconds') if run.lease_expires_at else '?'}): "
                    "a late FinishRun publishes nothing"
                )
            if run.status != RUNNING:
                if not run.publish_pending:
                    # A retried FinishRun gets the answer of the first one.
                    return _finished(run)
                retry = True  # an explicit retry of a run whose publish was deferred
            else:
                retry = False
                workflow = await load_definition(uow, org, run.workflow_id, run.workflow_version)
                resolution = await current_resolution(uow, org, workflow, run.cache_key, run_pb2.RUN_WITH_AUTO)
                decision, ended = decided_end(
                    run_id, workflow, found.blocks, resolution.valid_labels, status, error, wall_ms, force=force
                )
                # Deferred publishes of the same script, retried once this run is through (one query, any size).
                waiting = (
                    await uow.runs.pending_publishes(org, run.workflow_id, run.cache_key, exclude=run_id)
                    if others_waiting
                    else []
                )
                await uow.runs.end(run, **ended)
                await uow.commit()
            break
    if retry:
        return await _retry_publish(ctx, org, run_id)
    return await _after_end(ctx, org, run, workflow, resolution, decision, waiting, force)


async def _after_end(
    ctx: AppContext, org: str, run: RunRow | EndingRun, workflow: workflow_pb2.Workflow, resolution: Resolution,
    decision: RegenerationDecision, waiting: Sequence[tuple[str, str]], force: bool,
) -> FinishedRun:
    """The run's end is committed: publish if the decision says so, then retry the publishes that waited for it."""
    run_id = run.run_id
    if not decision.regenerate:
        # draft_files is as it was when the end was written, under the run's row lock: a draft finished after it
        # sees the run over and deletes its own folder, so a run that had none needs no cleanup (one transaction
        # less per decision).
        finished = FinishedRun(decision, 0, run.script_id or resolution.script_id, drafted=bool(run.draft_files))
    else:
        # The run has ended, so no draft is started any more; one a replica is still making is waited for.
        await wait_for_drafts(ctx, org, run_id)
        finished = await _publish(ctx, org, run, workflow, force)
    if waiting and not finished.pending:

        async def retry_waiting() -> None:
            await _retry_all(ctx, waiting)

        ctx.drafts.schedule(("deferred", org, run.workflow_id, run.cache_key), retry_waiting)
    return finished


async def _retry_all(ctx: AppContext, waiting: Sequence[tuple[str, str]]) -> int:
    published = 0
    for org, run_id in waiting:
        finished = await retry_publish(ctx, org, run_id)
        if finished.pending:
            break  # codegen or object storage is still down: the next attempt tries again
        published += 1 if finished.published_version else 0
    return published


async def retry_pending_publishes(ctx: AppContext, *, limit: int = 20) -> int:
    """The periodic sweep's part: retry the oldest deferred publishes; returns how many got a version."""
    async with ctx.uow() as uow:
        waiting = await uow.runs.pending_publishes("", "", "", limit=limit)
    return await _retry_all(ctx, waiting)


async def retry_publish(ctx: AppContext, org: str, run_id: str) -> FinishedRun:
    """Publish what a finished run decided but could not publish; a no-op once it is done (exactly once).
    Once settled, the run's draft folder is deleted."""
    finished = await _retry_publish(ctx, org, run_id)
    if not finished.pending:
        await discard_drafts(ctx, org, run_id)
    return finished


async def _retry_publish(ctx: AppContext, org: str, run_id: str) -> FinishedRun:
    async with ctx.uow() as uow:
        run = await require_run(uow, org, run_id)
        if not run.publish_pending:
            return _finished(run)
        latest = await uow.workflows.get(org, run.workflow_id)
        if latest is None or latest.latest_version != run.workflow_version:
            # Code generated for an older definition would be stale: the next run of the new one regenerates.
            run = await require_run(uow, org, run_id, for_update=True)
            reason = "deferred publish dropped: the workflow definition changed since the run"
            decision = RegenerationDecision.from_dict(run.decision or {}).with_reason(reason, regenerate=False)
            return await _save(uow, run, decision, 0, run.script_id or "")
        workflow = await load_definition(uow, org, run.workflow_id, run.workflow_version)
    log.info("retrying deferred publish", extra={"run_id": run_id})
    return await _publish(ctx, org, run, workflow, False, retried=True)


async def _publish(
    ctx: AppContext, org: str, ended: RunRow | EndingRun, workflow: workflow_pb2.Workflow, force: bool, *,
    retried: bool = False,
) -> FinishedRun:
    """Exactly one version per change: lock, re-check against what is published now, generate, insert."""
    async with ctx.script_lock(org, ended.workflow_id, ended.cache_key) as uow:
        run = await require_run(uow, org, ended.run_id, for_update=True)
        if not run.publish_pending:
            # Another caller (a retried FinishRun, the next finisher, the sweep) published it or gave up first.
            return _finished(run)
        script = await uow.scripts.get(org, run.workflow_id, run.cache_key)
        published = await uow.scripts.published(org, script.script_id) if script else None
        valid = valid_blocks(workflow, published)
        rows, actions = await uow.runs.load_for_generation(org, run.run_id)
        decision = decide_regeneration(
            workflow, executed(rows), frozenset(valid), run_pb2.RUN_STATUS_COMPLETED, force=force
        )
        if retried:
            decision = decision.with_reason("publish retried after it was deferred")
        script_id = script.script_id if script else str(uuid.uuid4())
        if not decision.regenerate:
            decision = decision.with_reason("another run published these blocks first")
        elif script and await uow.scripts.is_pinned(script.script_id):
            decision = decision.with_reason("a pinned version is never replaced: nothing published", regenerate=False)
        if not decision.regenerate:
            return await _save(uow, run, decision, 0, script_id if script else "")
        version = (await uow.scripts.max_version(script_id) if script else 0) + 1
        drafts = usable_drafts(await uow.drafts.of_run(org, run.run_id), rows)
        plan = _Plan.make(workflow, decision.blocks_to_update, valid, drafts)
        try:
            response = await ctx.codegen.generate(org, plan.request(script_id, version, run, workflow, rows, actions))
        except CodegenFailed as exc:
            if not plan.drafted:
                log.warning("publish deferred", extra={"reason": exc.reason, "script_id": script_id})
                return await _save(
                    uow, run, decision.with_reason(exc.reason), 0, script_id if script else "", pending=True
                )
            # The drafts could not be reused (changed or unreadable): generate those blocks from their traces.
            log.warning("drafts not reused", extra={"reason": exc.reason, "script_id": script_id})
            plan = _Plan.make(workflow, decision.blocks_to_update, valid, UsableDrafts({}, drafts.skipped))
            try:
                response = await ctx.codegen.generate(
                    org, plan.request(script_id, version, run, workflow, rows, actions)
                )
            except CodegenFailed as again:
                return await _save(
                    uow, run, decision.with_reason(again.reason), 0, script_id if script else "", pending=True
                )
        count_generations(run, generated_labels(response))
        notes = [f"block {label!r} not cached: {reason}" for label, reason in plan.skipped.items()]
        if response.skipped:
            notes.append(_skipped_reasons(response))
        if notes:
            decision = decision.with_reason("; ".join(notes))
        if plan.drafted:
            decision = decision.with_reason(f"reused the run's draft code for {', '.join(sorted(plan.drafted))}")
        fresh = plan.drafted | {block.label for block in response.blocks if not block.reused}
        if not fresh:
            decision = decision.with_reason("nothing published: codegen produced no new block code", regenerate=False)
            return await _save(uow, run, decision, 0, script_id if script else "")
        uow.changed(org, run.workflow_id)  # every replica's cache drops the script once this version commits
        if script is None:
            uow.scripts.create(org, run.workflow_id, run.cache_key, script_id)
        files = {file.path: wire.stored_file(file) for file in response.files}
        await uow.scripts.publish(
            org,
            script_id,
            version,
            source_run_id=run.run_id,
            workflow_version=run.workflow_version,
            files=list(files.values()),
            blocks=_new_blocks(run, workflow, version, response, files, plan.kept, fresh),
        )
        decision = decision.with_reason(f"published version {version}")
        log.info("published", extra={"script_id": script_id, "version": version})
        return await _save(uow, run, decision, version, script_id)


@dataclass(frozen=True)
class _Plan:
    """What one publish asks of codegen: blocks kept from the published version, drafts reused, traces to build."""

    kept: dict[str, StoredBlock]
    drafted: frozenset[str]
    reused: tuple[StoredBlock, ...]
    to_generate: tuple[str, ...]
    skipped: dict[str, str]

    @classmethod
    def make(
        cls,
        workflow: workflow_pb2.Workflow,
        to_update: Sequence[str],
        valid: Mapping[str, StoredBlock],
        drafts: UsableDrafts,
    ) -> _Plan:
        kept = {b.label: valid[b.label] for b in workflow.blocks if b.label in valid and b.label not in to_update}
        drafted = [label for label in to_update if label in drafts.ready]
        skipped = {label: drafts.skipped[label] for label in to_update if label in drafts.skipped}
        to_generate = tuple(label for label in to_update if label not in drafted and label not in skipped)
        order = {b.label: i for i, b in enumerate(workflow.blocks)}
        reused = sorted(
            [*kept.values(), *(stored_draft(drafts.ready[label]) for label in drafted)], key=lambda b: order[b.label]
        )
        return cls(kept, frozenset(drafted), tuple(reused), to_generate, skipped)

    def request(
        self,
        script_id: str,
        version: int,
        run: RunRow,
        workflow: workflow_pb2.Workflow,
        rows: list[BlockRunRow],
        actions: Mapping[int, Sequence[ActionRow]],
    ) -> codegen_service_pb2.GenerateScriptRequest:
        return codegen_service_pb2.GenerateScriptRequest(
            script_id=script_id,
            version=version,
            source_run_id=run.run_id,
            workflow=workflow,
            traces=traces_for(rows, actions, self.to_generate),
            reused=[wire.reused_block_message(block) for block in self.reused],
            parameter_values=run.parameters,
        )


async def _save(
    uow: UnitOfWork,
    run: RunRow,
    decision: RegenerationDecision,
    version: int,
    script_id: str,
    *,
    pending: bool = False,
) -> FinishedRun:
    run.decision = decision.to_dict()
    run.published_version = version
    run.publish_pending = pending
    if version:
        REGENERATIONS.inc()
    if script_id:
        run.script_id = script_id
    await uow.commit()
    return FinishedRun(decision, version, run.script_id or "", pending)


def _skipped_reasons(response: codegen_service_pb2.GenerateScriptResponse) -> str:
    return "; ".join(f"block {s.label!r} not cached: {s.reason}" for s in response.skipped)


def _new_blocks(
    run: RunRow,
    workflow: workflow_pb2.Workflow,
    version: int,
    response: codegen_service_pb2.GenerateScriptResponse,
    files: Mapping[str, StoredFile],
    reused: Mapping[str, StoredBlock],
    fresh: Set[str],
) -> list[StoredBlock]:
    """Script blocks of version N+1: kept ones keep where and for what they were generated; fresh ones are new."""
    prefixes = prefix_hashes(block_hashes(workflow))
    blocks = []
    for block in response.blocks:
        kept = reused.get(block.label) if block.label not in fresh else None
        blocks.append(
            StoredBlock(
                label=block.label,
                run_signature=block.run_signature or None,
                file=files.get(block.file_path),
                parameter_names=tuple(block.parameter_names),
                cached_in_version=kept.cached_in_version if kept else version,
                source_run_id=kept.source_run_id if kept else run.run_id,
                definition_version=kept.definition_version if kept else run.workflow_version,
                definition_prefix_hash=kept.definition_prefix_hash if kept else prefixes.get(block.label, ""),
            )
        )
    return blocks
