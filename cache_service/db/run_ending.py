"""FinishRun's read and its conditional write straight on the pooled asyncpg connection: two statements, no ORM."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, cast

import asyncpg
from sqlalchemy import Boolean, Table, bindparam, or_, update
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.util import greenlet_spawn

from cache_service.db.models import RunRow
from cache_service.db.run_repository import (
    BLOCK_RUNS_RECORDED,
    DRAFTS_PENDING,
    ENDED_COLUMNS,
    OTHERS_WAITING,
    RUNNING,
    BlockOutcome,
    with_blocks,
)
from cache_service.db.unit_of_work import is_outage
from services.errors import Unavailable


@dataclass(frozen=True)
class EndingRun:
    """What deciding a running run's end reads of it: no JSON column, so nothing to decode."""

    run_id: str
    status: str
    lease_expires_at: datetime | None
    publish_pending: bool
    draft_files: bool
    workflow_id: str
    workflow_version: int
    cache_key: str
    script_id: str | None


@dataclass(frozen=True)
class FinishState:
    """The run; its block runs in execution order; whether one of its drafts is pending; and whether another run of
    its script waits to publish (the run repository's ``to_finish``, narrowed and not locked)."""

    run: EndingRun
    blocks: list[BlockOutcome]
    drafts_pending: bool
    others_waiting: bool


_RUN_COLUMNS = (
    RunRow.run_id,
    RunRow.status,
    RunRow.lease_expires_at,
    RunRow.publish_pending,
    RunRow.draft_files,
    RunRow.workflow_id,
    RunRow.workflow_version,
    RunRow.cache_key,
    RunRow.script_id,
)
_FLAGS = len(_RUN_COLUMNS)


class _Compiled:
    """A Core statement compiled once for asyncpg ($n placeholders): asyncpg prepares it once per connection."""

    def __init__(self, statement: ClauseElement) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=asyncpg_dialect()))
        self.sql = compiled.string
        self._names = list(compiled.positiontup or ())
        # Literals of the statement (the draft state, the run status); the named parameters are given on every call.
        self._fixed = dict(compiled.params)

    def args(self, values: dict[str, Any]) -> list[Any]:
        return [values[name] if name in values else self._fixed[name] for name in self._names]


_RUNS = cast(Table, RunRow.__table__)
_READ_RUN = _Compiled(with_blocks(*_RUN_COLUMNS))
# The end is written only if the run is still as it was read: running, with the same block runs (they are only ever
# added), no other run of its script waiting to publish and, when the run settles, no draft pending. One statement:
# it takes the run's row lock, and behind a call that holds it (another FinishRun, a draft being claimed, the lease
# sweep) PostgreSQL re-checks the row once that call commits, so an ended run is never ended again.
_END_RUN_IF_UNCHANGED = _Compiled(
    update(_RUNS)
    .where(
        _RUNS.c.run_id == bindparam("key"),
        _RUNS.c.status == RUNNING,
        BLOCK_RUNS_RECORDED == bindparam("blocks"),
        ~OTHERS_WAITING,
        or_(bindparam("settle", type_=Boolean).is_(False), ~DRAFTS_PENDING),
    )
    .values({name: bindparam(f"new_{name}") for name in ENDED_COLUMNS})
    .returning(_RUNS.c.draft_files)
)


class RunEnding:
    """One FinishRun: the run as it is now (read without a lock), then its end, written only if nothing changed."""

    def __init__(self, driver: asyncpg.Connection, rows: Sequence[asyncpg.Record]) -> None:
        self._driver = driver
        self.found: FinishState | None = None
        if rows:
            first = rows[0]
            blocks = [BlockOutcome(r[_FLAGS + 2], r[_FLAGS + 3], r[_FLAGS + 4], r[_FLAGS + 5], r[_FLAGS + 6] or 0,
                                   r[_FLAGS + 7] or "") for r in rows if r[_FLAGS + 2] is not None]
            run = EndingRun(*first[:_FLAGS])
            self.found = FinishState(run, blocks, bool(first[_FLAGS]), bool(first[_FLAGS + 1]))

    async def end(self, *, settle: bool, **values: Any) -> EndingRun | None:
        """Write the end of the run read (every column of ``ENDED_COLUMNS``) if it is unchanged since (see above;
        ``settle``: a pending draft counts as a change). Returns the run with ``draft_files`` as it was when its end
        was written (a draft claimed meanwhile sets it), or None when nothing was written."""
        if self.found is None:
            raise ValueError("no run to end")
        if set(values) != set(ENDED_COLUMNS):
            raise ValueError(f"ending a run writes exactly {', '.join(ENDED_COLUMNS)}")
        run = self.found.run
        # The engine's JSON codec takes the document as text (the ORM's bind processor serialises it the same way).
        named = {f"new_{k}": json.dumps(v) if k == "decision" else v for k, v in values.items()}
        bound = {"key": run.run_id, "blocks": len(self.found.blocks), "settle": settle, **named}
        written = await self._driver.fetch(_END_RUN_IF_UNCHANGED.sql, *_END_RUN_IF_UNCHANGED.args(bound))
        return replace(run, draft_files=bool(written[0][0])) if written else None


@asynccontextmanager
async def run_ending(engine: AsyncEngine, org: str, run_id: str) -> AsyncIterator[RunEnding]:
    """The run's read, outside any transaction: no lock is held between the two statements, so there is nothing to
    roll back. A connection the driver found lost is dropped from the pool, never handed to the next call."""
    try:
        pooled = await _checkout(engine)
        try:
            driver = cast(asyncpg.Connection, pooled.driver_connection)
            try:
                rows = await driver.fetch(_READ_RUN.sql, *_READ_RUN.args({"org": org, "run_id": run_id}))
                yield RunEnding(driver, rows)
            except Exception as exc:
                # The driver's own error, unseen by the pool: a lost connection is not handed out again (what
                # SQLAlchemy's is_disconnect does for its own statements).
                if is_outage(exc) or driver.is_closed():
                    await greenlet_spawn(pooled.invalidate)
                    raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc
                raise
        finally:
            await greenlet_spawn(pooled.close)  # back to the pool, or closed once invalidated
    except Exception as exc:
        if is_outage(exc):
            # The caller sees UNAVAILABLE (retry later), never INTERNAL, while the database is down.
            raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc
        raise


async def _checkout(engine: AsyncEngine) -> PoolProxiedConnection:
    """The pool's connection itself: an AsyncConnection around it costs about a statement's CPU to open and close,
    and nothing here runs through SQLAlchemy's execution."""
    try:
        return await greenlet_spawn(engine.sync_engine.raw_connection)
    except Exception as exc:
        # The dialect's DBAPI error raised from the driver's (engine.connect() would wrap it in SQLAlchemy's own).
        if is_outage(exc.__cause__):
            raise Unavailable(f"database is unavailable: {type(exc.__cause__).__name__}") from exc
        raise
