"""Runs, their block runs and actions: queries over one session, filtered by organisation; they never commit."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Select, Table, and_, bindparam, exists, func, insert, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from cache_service.db.models import ActionRow, BlockRunRow, RunDraftRow, RunRow, utcnow
from cache_service.db.rows import insert_many, is_postgresql

RUNNING = "running"
DRAFT_PENDING = "pending"  # a run_drafts state (the drafts repository's PENDING)
# The statements of every decision are built once: building one costs more CPU than PostgreSQL takes to run it.
_OTHER_RUN = aliased(RunRow, name="other_run")


# Whether one of a run's drafts is pending, and whether another run of its script waits to publish: what decides
# whether FinishRun can end the run at once (correlated to the run of the statement they are used in).
DRAFTS_PENDING = exists().where(RunDraftRow.run_id == RunRow.run_id, RunDraftRow.state == DRAFT_PENDING)
OTHERS_WAITING = exists().where(
    _OTHER_RUN.publish_pending.is_(True),
    _OTHER_RUN.org_id == RunRow.org_id,
    _OTHER_RUN.workflow_id == RunRow.workflow_id,
    _OTHER_RUN.cache_key == RunRow.cache_key,
    _OTHER_RUN.run_id != RunRow.run_id,
)
# How many block runs a run has recorded: they are only ever added, so an unchanged count is an unchanged set.
BLOCK_RUNS_RECORDED = RunRow.block_runs_recorded


def with_blocks(*run_columns: Any) -> Select[Any]:
    """``run_columns`` of one run of an organisation (bound: org, run_id), then whether one of its drafts is pending
    and whether another run of its script waits to publish, then a few columns of each of its block runs in
    execution order (one row of NULLs for a run without any)."""
    return (
        select(
            *run_columns,
            DRAFTS_PENDING.label("drafts_pending"),
            OTHERS_WAITING.label("others_waiting"),
            BlockRunRow.label,
            BlockRunRow.type,
            BlockRunRow.mode,
            BlockRunRow.status,
            BlockRunRow.healed_actions,
            BlockRunRow.output_json,
        )
        .outerjoin(BlockRunRow, and_(BlockRunRow.run_id == RunRow.run_id, BlockRunRow.org_id == RunRow.org_id))
        .where(RunRow.org_id == bindparam("org"), RunRow.run_id == bindparam("run_id"))
        .order_by(BlockRunRow.sequence)
    )


_TO_FINISH = with_blocks(RunRow)
_LOCK_RUN = select(RunRow.run_id).where(
    RunRow.org_id == bindparam("org"), RunRow.run_id == bindparam("run_id")
).with_for_update()
_BLOCK_RUNS = (
    select(BlockRunRow)
    .where(BlockRunRow.org_id == bindparam("org"), BlockRunRow.run_id == bindparam("run_id"))
    .order_by(BlockRunRow.sequence)
)
_RUN = select(RunRow).where(RunRow.org_id == bindparam("org"), RunRow.run_id == bindparam("run_id"))
_RUN_LOCKED = _RUN.with_for_update()
_BLOCK_RUN_AT = select(BlockRunRow.id).where(
    BlockRunRow.run_id == bindparam("run_id"), BlockRunRow.sequence == bindparam("sequence")
)
_INSERT_BLOCK_RUN = insert(BlockRunRow).returning(BlockRunRow.id)
_BLOCK_RUN_KEYS = tuple(attr.key for attr in inspect(BlockRunRow).column_attrs)
# Ending a run writes these columns through the table, not the ORM's flush (its unit of work costs more CPU than the
# statement); finish() keeps the loaded row in step.
ENDED_COLUMNS = ("status", "error", "wall_ms", "finished_at", "decision", "publish_pending")
_RUNS = cast(Table, RunRow.__table__)
END_RUN = (
    update(_RUNS)
    .where(_RUNS.c.run_id == bindparam("key"))
    .values({name: bindparam(f"new_{name}") for name in ENDED_COLUMNS})
)
ABANDONED = "abandoned"


@dataclass(frozen=True)
class BlockOutcome:
    """What deciding a run's end reads of each of its block runs (a few columns, not the whole row)."""

    label: str
    type: int
    mode: int
    status: int
    healed_actions: int
    output_json: str


@dataclass(frozen=True)
class RunToFinish:
    """The run, locked; its block runs in execution order; whether one of its drafts is pending; and whether
    another run of its script waits to publish."""

    run: RunRow
    blocks: list[BlockOutcome]
    drafts_pending: bool
    others_waiting: bool


class RunRepository:
    """Runs, their block runs and actions."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def start(
        self,
        org: str,
        *,
        workflow_id: str,
        workflow_version: int,
        cache_key: str,
        run_with: str,
        parameters: dict[str, str],
        secret_parameter_names: list[str],
        script_id: str,
        script_version: int,
        cached_labels: list[str],
        lease: timedelta,
    ) -> str:
        """Record a new running run (``parameters`` hold non-secret values only); returns its id."""
        run_id = str(uuid.uuid4())
        now = utcnow()
        self.session.add(
            RunRow(
                run_id=run_id,
                org_id=org,
                workflow_id=workflow_id,
                workflow_version=workflow_version,
                cache_key=cache_key,
                run_with=run_with,
                status=RUNNING,
                parameters=parameters,
                secret_parameter_names=secret_parameter_names,
                script_id=script_id or None,
                script_version_used=script_version,
                cached_labels=cached_labels,
                started_at=now,
                lease_expires_at=now + lease,
            )
        )
        return run_id

    async def get(self, org: str, run_id: str, *, for_update: bool = False) -> RunRow | None:
        query = _RUN_LOCKED if for_update else _RUN
        return (await self.session.execute(query, {"org": org, "run_id": run_id})).scalar_one_or_none()

    async def to_finish(self, org: str, run_id: str) -> RunToFinish | None:
        """The run, locked, with its block runs, whether one of its drafts is pending and whether another run of its
        script waits to publish (a decision's cost is its round trips).

        On PostgreSQL the row lock is taken first and everything read after it: read in the locking statement,
        PostgreSQL re-checks the run's row once a call holding it commits (RecordBlockRun, a draft's claim) but keeps
        the block runs and drafts of the statement's older snapshot, and a run was ended from two blocks while a
        third was on record. SQLite has no row locks: its writes are serialised on the whole database."""
        keys = {"org": org, "run_id": run_id}
        if self.session.get_bind().dialect.name == "postgresql":
            if (await self.session.execute(_LOCK_RUN, keys)).first() is None:
                return None
        rows = (await self.session.execute(_TO_FINISH, keys)).all()
        if not rows:
            return None
        first = rows[0]
        blocks = [
            BlockOutcome(row[3], row[4], row[5], row[6], row[7] or 0, row[8] or "")
            for row in rows
            if row[3] is not None  # the outer join's one row of a run without block runs
        ]
        return RunToFinish(first[0], blocks, bool(first[1]), bool(first[2]))

    async def end(self, run: RunRow, **values: object) -> None:
        """Write the end of ``run`` (every column of ``ENDED_COLUMNS``) in one UPDATE; ``run`` shows the new values
        and has nothing left to flush."""
        if set(values) != set(ENDED_COLUMNS):
            raise ValueError(f"ending a run writes exactly {', '.join(ENDED_COLUMNS)}")
        await self.session.execute(END_RUN, {"key": run.run_id, **{f"new_{k}": v for k, v in values.items()}})
        for name, value in values.items():
            set_committed_value(run, name, value)

    async def has_block_run(self, run_id: str, sequence: int) -> bool:
        found = await self.session.execute(_BLOCK_RUN_AT, {"run_id": run_id, "sequence": sequence})
        return found.first() is not None

    async def add_block_run(self, run: RunRow, block_run: BlockRunRow, actions: Sequence[ActionRow]) -> None:
        """Insert ``block_run`` (its id set from the database) and its actions, each by one statement: not through
        the session's flush, whose unit of work costs more CPU than the statement (the row is not kept loaded).
        ``run`` (held locked by the caller) counts it on its own row, written at the commit."""
        run.block_runs_recorded = (run.block_runs_recorded or 0) + 1
        values = {key: block_run.__dict__[key] for key in _BLOCK_RUN_KEYS if key in block_run.__dict__}
        block_run.id = (await self.session.execute(_INSERT_BLOCK_RUN, values)).scalar_one()  # the actions need it
        for action in actions:
            action.block_run_id = block_run.id
        await insert_many(self.session, ActionRow, actions)

    async def block_runs(self, org: str, run_id: str) -> list[BlockRunRow]:
        """Every block run of a run in execution order: one query whatever the number of blocks."""
        return list((await self.session.execute(_BLOCK_RUNS, {"org": org, "run_id": run_id})).scalars())

    async def actions_by_block_run(self, org: str, run_id: str) -> dict[int, list[ActionRow]]:
        """Every action of a run grouped by block run: one query whatever the number of blocks."""
        query = (
            select(ActionRow)
            .where(ActionRow.org_id == org, ActionRow.run_id == run_id)
            .order_by(ActionRow.block_run_id, ActionRow.sequence)
        )
        grouped: dict[int, list[ActionRow]] = defaultdict(list)
        for action in (await self.session.execute(query)).scalars():
            grouped[action.block_run_id].append(action)
        return grouped

    async def block_run_at(self, org: str, run_id: str, sequence: int) -> tuple[BlockRunRow | None, list[ActionRow]]:
        """One execution of a block (what its draft is made from) and its actions, in two queries."""
        query = select(BlockRunRow).where(
            BlockRunRow.org_id == org, BlockRunRow.run_id == run_id, BlockRunRow.sequence == sequence
        )
        row = (await self.session.execute(query)).scalar_one_or_none()
        if row is None:
            return None, []
        actions = select(ActionRow).where(ActionRow.block_run_id == row.id).order_by(ActionRow.sequence)
        return row, list((await self.session.execute(actions)).scalars())

    async def recent(self, org: str, workflow_id: str, status: str, limit: int) -> list[RunRow]:
        query = select(RunRow).where(RunRow.org_id == org)
        if workflow_id:
            query = query.where(RunRow.workflow_id == workflow_id)
        if status:
            query = query.where(RunRow.status == status)
        query = query.order_by(RunRow.started_at.desc(), RunRow.run_id).limit(limit)
        return list((await self.session.execute(query)).scalars())

    async def mode_counts(self, org: str, run_ids: Sequence[str]) -> dict[str, dict[int, tuple[int, int]]]:
        """Per run and block mode: (block runs, agent steps), in one query."""
        if not run_ids:
            return {}
        query = (
            select(BlockRunRow.run_id, BlockRunRow.mode, func.count(), func.sum(BlockRunRow.agent_steps))
            .where(BlockRunRow.org_id == org, BlockRunRow.run_id.in_(list(run_ids)))
            .group_by(BlockRunRow.run_id, BlockRunRow.mode)
        )
        counts: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
        for run_id, mode, count, steps in (await self.session.execute(query)).all():
            counts[run_id][int(mode)] = (int(count), int(steps or 0))
        return counts

    async def block_mode_counts(self, org: str, workflow_id: str, cache_key: str) -> list[tuple[str, str, int, int]]:
        """(cache key, label, mode, executions) over every run of a workflow, in one query."""
        query = (
            select(RunRow.cache_key, BlockRunRow.label, BlockRunRow.mode, func.count())
            .join(RunRow, RunRow.run_id == BlockRunRow.run_id)
            .where(RunRow.org_id == org, RunRow.workflow_id == workflow_id, BlockRunRow.org_id == org)
            .group_by(RunRow.cache_key, BlockRunRow.label, BlockRunRow.mode)
        )
        if cache_key:
            query = query.where(RunRow.cache_key == cache_key)
        return [(key, label, int(mode), int(count)) for key, label, mode, count in (await self.session.execute(query))]

    async def completions_by_run_status(
        self, org: str, workflow_id: str, cache_key: str, modes: Sequence[int], block_status: int
    ) -> list[tuple[str, str, str, int]]:
        """(cache key, label, run status, executions) of blocks that ended ``block_status`` in one of ``modes``,
        over every run of a workflow, in one query."""
        query = (
            select(RunRow.cache_key, BlockRunRow.label, RunRow.status, func.count())
            .join(RunRow, RunRow.run_id == BlockRunRow.run_id)
            .where(
                RunRow.org_id == org,
                RunRow.workflow_id == workflow_id,
                BlockRunRow.org_id == org,
                BlockRunRow.mode.in_(list(modes)),
                BlockRunRow.status == block_status,
            )
            .group_by(RunRow.cache_key, BlockRunRow.label, RunRow.status)
        )
        if cache_key:
            query = query.where(RunRow.cache_key == cache_key)
        return [(key, label, status, int(n)) for key, label, status, n in (await self.session.execute(query))]

    async def load_for_generation(self, org: str, run_id: str) -> tuple[list[BlockRunRow], dict[int, list[ActionRow]]]:
        """Everything code generation reads from a run, in exactly two queries (DESIGN §4 rule 10)."""
        return await self.block_runs(org, run_id), await self.actions_by_block_run(org, run_id)

    async def abandon_expired(self, now: datetime, error: str, decision: dict[str, object]) -> list[tuple[str, str]]:
        """Mark running runs whose lease ran out as ABANDONED; returns their (org, run_id). Several replicas may
        sweep at once: PostgreSQL hands each expired row to one of them (SKIP LOCKED); the update is conditional."""
        expired = select(RunRow.org_id, RunRow.run_id).where(RunRow.status == RUNNING, RunRow.lease_expires_at <= now)
        if is_postgresql(self.session):
            expired = expired.with_for_update(skip_locked=True)
        found = [(org, run_id) for org, run_id in (await self.session.execute(expired.limit(500))).all()]
        if not found:
            return []
        await self.session.execute(
            update(RunRow)
            .where(
                RunRow.run_id.in_([run_id for _, run_id in found]),
                RunRow.status == RUNNING,
                RunRow.lease_expires_at <= now,
            )
            .values(status=ABANDONED, finished_at=now, error=error, decision=decision)
            .execution_options(synchronize_session=False)
        )
        return found

    async def pending_publishes(
        self, org: str, workflow_id: str, cache_key: str, *, exclude: str = "", limit: int = 20
    ) -> list[tuple[str, str]]:
        """(org, run_id) of deferred publishes, oldest first; of one script, or of every one when org is empty."""
        query = select(RunRow.org_id, RunRow.run_id).where(RunRow.publish_pending.is_(True))
        if exclude:
            query = query.where(RunRow.run_id != exclude)
        if org:
            query = query.where(RunRow.org_id == org, RunRow.workflow_id == workflow_id, RunRow.cache_key == cache_key)
        rows = (await self.session.execute(query.order_by(RunRow.finished_at).limit(limit))).all()
        return [(row[0], row[1]) for row in rows]

    async def with_stale_draft_folders(self, limit: int) -> list[tuple[str, str]]:
        """(org, run_id) of runs that are over (nothing left to publish) and may still have a draft folder."""
        query = select(RunRow.org_id, RunRow.run_id).where(
            RunRow.draft_files.is_(True), RunRow.status != RUNNING, RunRow.publish_pending.is_(False)
        )
        return [(org, run_id) for org, run_id in (await self.session.execute(query.limit(limit))).all()]

    async def forget_draft_folder(self, org: str, run_id: str) -> None:
        """The run's draft folder was deleted; a run still running may draft again (it sets the flag first)."""
        await self.session.execute(
            update(RunRow)
            .where(RunRow.org_id == org, RunRow.run_id == run_id, RunRow.status != RUNNING)
            .values(draft_files=False)
            .execution_options(synchronize_session=False)
        )
