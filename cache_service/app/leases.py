"""Lease expiry: a run whose executor stopped reporting is ABANDONED, and its drafts are never used."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from cache_service.app.context import AppContext
from cache_service.db.models import RunRow, utcnow
from cache_service.db.run_ending import EndingRun
from cache_service.db.run_repository import ABANDONED, RUNNING
from cache_service.domain.regeneration import RegenerationDecision

log = logging.getLogger(__name__)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; every stored one is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def lease_expired(run: RunRow | EndingRun, now: datetime | None = None) -> bool:
    expires = aware(run.lease_expires_at)
    return run.status == RUNNING and expires is not None and expires <= (now or utcnow())


def _abandon_reason(expires: datetime | None) -> str:
    when = expires.isoformat(timespec="seconds") if expires else "an unknown time"
    return f"run abandoned: its lease expired at {when} (the executor stopped reporting); nothing is published"


def abandon(run: RunRow, now: datetime | None = None) -> None:
    """Mark a running run whose lease ran out as ABANDONED (the caller commits)."""
    reason = _abandon_reason(aware(run.lease_expires_at))
    run.status = ABANDONED
    run.finished_at = now or utcnow()
    run.error = run.error or reason
    run.decision = RegenerationDecision(False, reasons=(reason,)).to_dict()


async def sweep_expired(ctx: AppContext) -> int:
    """Mark every running run whose lease expired as ABANDONED, delete their draft folders, and do the rest of
    the draft sweep (folders an interrupted cleanup left, drafts nobody works on); returns how many were
    abandoned. Safe with several replicas sweeping at once: it works from the database only."""
    reason = "run abandoned: its lease expired (the executor stopped reporting); nothing is published"
    async with ctx.uow() as uow:
        abandoned = await uow.runs.abandon_expired(
            utcnow(), reason, RegenerationDecision(False, reasons=(reason,)).to_dict()
        )
        await uow.commit()
    # Imported here: drafts builds on this module. An abandoned run's drafts can never be published.
    from cache_service.app.drafts import sweep_drafts

    await sweep_drafts(ctx)
    if abandoned:
        log.warning("runs abandoned", extra={"count": len(abandoned)})
    return len(abandoned)
