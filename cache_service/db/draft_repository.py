"""Drafts in the database: pending blocks claimed by one replica at a time, then ready (a stored file) or skipped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cache_service.db.models import RunDraftRow, RunRow
from cache_service.db.run_repository import DRAFT_PENDING, RUNNING
from cache_service.domain.resolution import StoredFile

PENDING = DRAFT_PENDING
READY = "ready"
SKIPPED = "skipped"


def _claimable(now: datetime) -> ColumnElement[bool]:
    return and_(
        RunDraftRow.state == PENDING, or_(RunDraftRow.claimed_until.is_(None), RunDraftRow.claimed_until <= now)
    )


class DraftRepository:
    """Every statement is one conditional write or read, so that several replicas can share the table safely."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def mark_pending(self, org: str, run_id: str, label: str, sequence: int) -> None:
        """The block completed (again): its draft is to be made from block run ``sequence``. A claim on an older
        execution is voided with the row, so that late result is never stored."""
        await self.session.execute(delete(RunDraftRow).where(RunDraftRow.run_id == run_id, RunDraftRow.label == label))
        self.session.add(RunDraftRow(run_id=run_id, org_id=org, label=label, state=PENDING, sequence=sequence))

    async def claim_next(self, org: str, run_id: str, token: str, now: datetime, until: datetime) -> RunDraftRow | None:
        """Claim the run's oldest pending draft for ``token`` until ``until``; None when the run is not running,
        has nothing pending, or another claim on it is live (a run's drafts are made one after another)."""
        if self.session.get_bind().dialect.name == "postgresql":
            # The run row lock orders this claim against FinishRun, which ends the run under the same lock.
            await self.session.execute(
                select(RunRow.run_id).where(RunRow.org_id == org, RunRow.run_id == run_id).with_for_update()
            )
        candidate = (
            select(RunDraftRow.id)
            .where(RunDraftRow.org_id == org, RunDraftRow.run_id == run_id, _claimable(now))
            .order_by(RunDraftRow.sequence)
            .limit(1)
            .scalar_subquery()
        )
        busy = exists().where(
            RunDraftRow.run_id == run_id, RunDraftRow.state == PENDING, RunDraftRow.claimed_until > now
        )
        running = exists().where(
            RunRow.org_id == org, RunRow.run_id == run_id, RunRow.status == RUNNING, RunRow.lease_expires_at > now
        )
        # One statement: SQLite takes its write lock before reading, PostgreSQL re-checks the row it updates.
        result = await self.session.execute(
            update(RunDraftRow)
            .where(RunDraftRow.id == candidate, _claimable(now), ~busy, running)
            .values(claim_token=token, claimed_until=until)
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            return None
        await self.session.execute(
            update(RunRow)
            .where(RunRow.run_id == run_id)
            .values(draft_files=True)
            .execution_options(synchronize_session=False)
        )
        query = select(RunDraftRow).where(RunDraftRow.run_id == run_id, RunDraftRow.claim_token == token)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def fulfil(
        self,
        draft_id: int,
        token: str,
        *,
        number: int,
        run_signature: str,
        parameter_names: Sequence[str],
        file: StoredFile,
    ) -> bool:
        """Store the claimed draft's code; False if the claim was voided (the block completed again)."""
        return await self._settle(
            draft_id,
            token,
            state=READY,
            draft_number=number,
            run_signature=run_signature,
            parameter_names=list(parameter_names),
            path=file.path,
            sha256=file.sha256,
            size_bytes=file.size_bytes,
            storage_key=file.storage_key,
        )

    async def skip(self, draft_id: int, token: str, reason: str) -> bool:
        """Codegen refused the block's trace: publishing leaves it uncached for ``reason``, without asking again."""
        return await self._settle(draft_id, token, state=SKIPPED, reason=reason)

    async def release(self, draft_id: int, token: str) -> None:
        """Give the claim up (codegen failed): another replica, the sweep or the publish generates the block."""
        await self.session.execute(
            update(RunDraftRow)
            .where(RunDraftRow.id == draft_id, RunDraftRow.claim_token == token, RunDraftRow.state == PENDING)
            .values(claim_token="", claimed_until=None)
            .execution_options(synchronize_session=False)
        )

    async def _settle(self, draft_id: int, token: str, **values: object) -> bool:
        result = await self.session.execute(
            update(RunDraftRow)
            .where(RunDraftRow.id == draft_id, RunDraftRow.claim_token == token, RunDraftRow.state == PENDING)
            .values(claim_token="", claimed_until=None, **values)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def of_run(self, org: str, run_id: str) -> list[RunDraftRow]:
        query = (
            select(RunDraftRow)
            .where(RunDraftRow.org_id == org, RunDraftRow.run_id == run_id)
            .order_by(RunDraftRow.sequence, RunDraftRow.id)
        )
        return list((await self.session.execute(query)).scalars())

    async def pending(self, org: str, run_id: str, now: datetime) -> bool:
        """Whether the run is running and one of its drafts is still to be made (claimed or not)."""
        query = (
            select(RunDraftRow.id)
            .join(RunRow, RunRow.run_id == RunDraftRow.run_id)
            .where(
                RunDraftRow.org_id == org,
                RunDraftRow.run_id == run_id,
                RunDraftRow.state == PENDING,
                RunRow.status == RUNNING,
                RunRow.lease_expires_at > now,
            )
        )
        return (await self.session.execute(query.limit(1))).first() is not None

    async def being_made(self, org: str, run_id: str, now: datetime) -> bool:
        """Whether some replica holds a live claim on one of the run's drafts (its code is on its way)."""
        query = select(RunDraftRow.id).where(
            RunDraftRow.org_id == org,
            RunDraftRow.run_id == run_id,
            RunDraftRow.state == PENDING,
            RunDraftRow.claimed_until > now,
        )
        return (await self.session.execute(query.limit(1))).first() is not None

    async def orphaned(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        """(org, run_id) of running runs with a pending draft nobody works on (its replica stopped or failed)."""
        query = (
            select(RunDraftRow.org_id, RunDraftRow.run_id)
            .join(RunRow, RunRow.run_id == RunDraftRow.run_id)
            .where(_claimable(now), RunRow.status == RUNNING, RunRow.lease_expires_at > now)
            .group_by(RunDraftRow.org_id, RunDraftRow.run_id)
            .limit(limit)
        )
        return [(org, run_id) for org, run_id in (await self.session.execute(query)).all()]
