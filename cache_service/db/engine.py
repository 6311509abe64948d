"""Async engine construction, with SQLite made safe for concurrent use (WAL, busy timeout, foreign keys)."""

from __future__ import annotations

import pathlib
import time
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from services.errors import Unavailable

SQLITE_BUSY_TIMEOUT_MS = 10_000
POOL_SIZE = 32
POOL_OVERFLOW = 16
# A pooled connection idle for longer than this is pinged before use.
IDLE_PING_S = 1.0


def is_sqlite(database_url: str) -> bool:
    return make_url(database_url).get_backend_name() == "sqlite"


def _ensure_sqlite_folder(database_url: str) -> None:
    database = make_url(database_url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        pathlib.Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while one writer writes; busy_timeout makes writers wait instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(database_url: str) -> AsyncEngine:
    """An async engine for ``sqlite+aiosqlite`` or ``postgresql+asyncpg`` URLs."""
    if is_sqlite(database_url):
        _ensure_sqlite_folder(database_url)
        engine = create_async_engine(database_url)
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        return engine
    # The pool holds a connection for every call a replica serves at once (16 clients and more): connections opened
    # beyond it are closed when returned, and opening one costs more than most decisions.
    engine = create_async_engine(database_url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    event.listen(engine.sync_engine, "checkin", _note_checkin)
    event.listen(engine.sync_engine, "checkout", _ping_if_idle)
    return engine


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in_at"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """pool_pre_ping for connections that sat idle: a ping is three round trips (BEGIN, a query, ROLLBACK), more
    than a decision's own statements, so one in constant use is trusted; if the server went away meanwhile, the
    call fails UNAVAILABLE (callers retry) and the pool drops every connection it had."""
    returned = record.info.get("checked_in_at")
    if returned is not None and time.monotonic() - returned < IDLE_PING_S:
        return
    try:
        dbapi_connection.ping()
    except Exception as exc:  # noqa: BLE001 - any failure: the pool replaces the connection
        raise DisconnectionError(f"connection failed its ping: {type(exc).__name__}") from exc


async def check_database(engine: AsyncEngine) -> None:
    """Raise Unavailable unless the database answers a trivial query."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any driver error means the same thing here
        raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc
