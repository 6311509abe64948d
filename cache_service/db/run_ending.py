"""FinishRun's locked read and its write straight on the pooled asyncpg connection: PostgreSQL without the ORM's CPU."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import asyncpg
from asyncpg.transaction import Transaction
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.util import greenlet_spawn

from cache_service.db.models import RunRow
from cache_service.db.run_repository import END_RUN, ENDED_COLUMNS, BlockOutcome, locked_with_blocks
from cache_service.db.unit_of_work import is_outage
from services.errors import Unavailable


@dataclass(frozen=True)
class LockedRun:
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
class LockedFinish:
    """The run, locked; its block runs in execution order; whether one of its drafts is pending; and whether
    another run of its script waits to publish (the run repository's ``to_finish``, narrowed)."""

    run: LockedRun
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
        # Literals of the statement (the draft state); the named parameters are given on every call.
        self._fixed = dict(compiled.construct_params({name: None for name in self._names}) or {})

    def args(self, values: dict[str, Any]) -> list[Any]:
        return [values[name] if name in values else self._fixed[name] for name in self._names]


_LOCKED_RUN = _Compiled(locked_with_blocks(*_RUN_COLUMNS))
_END_RUN = _Compiled(END_RUN)


class RunEnding:
    """One FinishRun transaction: the run locked by the first statement (every path locks it first), then its end."""

    def __init__(self, driver: asyncpg.Connection, transaction: Transaction, rows: Sequence[asyncpg.Record]) -> None:
        self._driver = driver
        self._transaction = transaction
        self.found: LockedFinish | None = None
        if rows:
            first = rows[0]
            blocks = [BlockOutcome(r[_FLAGS + 2], r[_FLAGS + 3], r[_FLAGS + 4], r[_FLAGS + 5], r[_FLAGS + 6] or 0,
                                   r[_FLAGS + 7] or "") for r in rows if r[_FLAGS + 2] is not None]
            run = LockedRun(*first[:_FLAGS])
            self.found = LockedFinish(run, blocks, bool(first[_FLAGS]), bool(first[_FLAGS + 1]))

    async def end(self, run_id: str, **values: Any) -> None:
        """Write the end of the run (every column of ``ENDED_COLUMNS``) in one UPDATE."""
        if set(values) != set(ENDED_COLUMNS):
            raise ValueError(f"ending a run writes exactly {', '.join(ENDED_COLUMNS)}")
        # The engine's JSON codec takes the document as text (the ORM's bind processor serialises it the same way).
        named = {f"new_{k}": json.dumps(v) if k == "decision" else v for k, v in values.items()}
        await self._driver.execute(_END_RUN.sql, *_END_RUN.args({"key": run_id, **named}))

    async def commit(self) -> None:
        await self._transaction.commit()


@asynccontextmanager
async def run_ending(engine: AsyncEngine, org: str, run_id: str) -> AsyncIterator[RunEnding]:
    """BEGIN and the run's locked read; leaving without ``commit()`` rolls back. A connection whose transaction could
    not be ended is dropped from the pool, never handed to the next call with the run's lock."""
    try:
        pooled = await _checkout(engine)
        try:
            driver = cast(asyncpg.Connection, pooled.driver_connection)
            transaction = driver.transaction()
            failed = True
            try:
                await transaction.start()
                rows = await driver.fetch(_LOCKED_RUN.sql, *_LOCKED_RUN.args({"org": org, "run_id": run_id}))
                yield RunEnding(driver, transaction, rows)
                failed = False
            except Exception as exc:
                # The driver's own error, unseen by the pool: a lost connection is not handed out again (what
                # SQLAlchemy's is_disconnect does for its own statements).
                if is_outage(exc) or driver.is_closed():
                    await greenlet_spawn(pooled.invalidate)
                    raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc
                raise
            finally:
                await _release(pooled, driver, transaction, quiet=failed)
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


async def _release(
    pooled: PoolProxiedConnection, driver: asyncpg.Connection, transaction: Transaction, *, quiet: bool
) -> None:
    """Roll back what was not committed; when even that fails, drop the connection (it may hold the run's lock)."""
    if not pooled.is_valid or not driver.is_in_transaction():
        return
    try:
        await transaction.rollback()
    except Exception:  # noqa: BLE001 - the connection is dropped below; the caller's own error matters more
        if not quiet:
            raise
    finally:
        if driver.is_in_transaction():
            await greenlet_spawn(pooled.invalidate)
