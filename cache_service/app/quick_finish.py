"""FinishRun's common case decided in two statements on PostgreSQL's driver connection, without the ORM."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cache_service.app.context import AppContext
from cache_service.app.leases import RUNNING, lease_expired
from cache_service.app.runs import status_name
from cache_service.db.models import BlockRunRow, utcnow
from cache_service.db.run_ending import EndingRun, run_ending
from cache_service.db.run_repository import BlockOutcome
from cache_service.domain.regeneration import ExecutedBlock, RegenerationDecision, decide_regeneration
from cache_service.domain.resolution import Resolution
from cache_service.domain.run_path import RecordedBlock, incomplete_path
from services.errors import FailedPrecondition
from services.gen.rote.v1 import run_pb2, workflow_pb2


@dataclass(frozen=True)
class QuickFinish:
    """The run's end as written and committed, with what it was decided from."""

    run: EndingRun
    workflow: workflow_pb2.Workflow
    resolution: Resolution
    decision: RegenerationDecision


def executed(rows: Sequence[BlockRunRow | BlockOutcome]) -> list[ExecutedBlock]:
    return [ExecutedBlock(row.label, row.type, row.mode, row.status, row.healed_actions or 0) for row in rows]


def refuse_incomplete(run_id: str, workflow: workflow_pb2.Workflow, rows: Sequence[BlockOutcome]) -> None:
    """A run is COMPLETED only when its recorded blocks walk the whole workflow (issue 16: a late or forged
    FinishRun covering part of a run is refused; the run stays running until its lease abandons it)."""
    top_level = {block.label for block in workflow.blocks}
    recorded = [RecordedBlock(row.label, row.status, row.output_json or "") for row in rows if row.label in top_level]
    why = incomplete_path(workflow, recorded)
    if why:
        raise FailedPrecondition(f"run {run_id!r} cannot finish as completed: {why}")


def decided_end(
    run_id: str, workflow: workflow_pb2.Workflow, rows: Sequence[BlockOutcome], valid_labels: frozenset[str],
    status: int, error: str, wall_ms: int, *, force: bool,
) -> tuple[RegenerationDecision, dict[str, object]]:
    """The regeneration decision for a run ending with ``status`` (a COMPLETED one must have walked the whole
    workflow) and the run's ended columns to write. publish_pending is kept until a version is published or
    publishing is found unneeded: a crash or an outage in between leaves the decision on record, and a retry
    (FinishRun again, the next finisher, the sweep) publishes."""
    if status == run_pb2.RUN_STATUS_COMPLETED:
        refuse_incomplete(run_id, workflow, rows)
    decision = decide_regeneration(workflow, executed(rows), valid_labels, status, force=force)
    ended: dict[str, object] = {
        "status": status_name(status),
        "error": error,
        "wall_ms": wall_ms,
        "finished_at": utcnow(),
        "decision": decision.to_dict(),
        "publish_pending": decision.regenerate,
    }
    return decision, ended


async def quick_finish(
    ctx: AppContext, org: str, run_id: str, *, status: int, error: str, wall_ms: int, force: bool, settle: bool
) -> QuickFinish | None:
    """End a running run within its lease whose drafts are not awaited, with no other run of its script waiting to
    publish, and whose definition and resolution this replica holds: its read, then its end written by one statement
    only if the run is unchanged since (two round trips, no transaction, no lock held in between).

    Anything else (SQLite, a run over or expired or unknown, a cold cache, a change since the read, an end it would
    refuse) gives None with nothing written: the caller decides the general way, from the start (the run locked,
    the same outcome)."""
    engine = ctx.uow.engine
    if engine.dialect.name != "postgresql":
        return None
    cache = ctx.uow.cache
    async with run_ending(engine, org, run_id) as ending:
        found = ending.found
        if found is None:
            return None
        run = found.run
        if run.status != RUNNING or found.others_waiting or (settle and found.drafts_pending) or lease_expired(run):
            return None
        version = run.workflow_version or cache.latest_version(org, run.workflow_id)
        workflow = cache.definition(org, run.workflow_id, version) if version else None
        if workflow is None:
            return None
        resolution = cache.resolution(org, run.workflow_id, run.cache_key, workflow.version, run_pb2.RUN_WITH_AUTO)
        if resolution is None:
            return None
        try:
            decision, ended = decided_end(
                run_id, workflow, found.blocks, resolution.valid_labels, status, error, wall_ms, force=force
            )
        except FailedPrecondition:
            # Never refuse on a read taken without the run's lock: another FinishRun may be ending this run right
            # now from blocks read before a late one came in. The general path decides under the lock, and gets
            # that end once it is written (every FinishRun the same answer), or refuses the same way.
            return None
        written = await ending.end(settle=settle, **ended)
    return QuickFinish(written, workflow, resolution, decision) if written is not None else None
