"""Async engine construction, with SQLite made safe for concurrent use (WAL, busy timeout, foreign keys)."""

from __future__ import annotations

import pathlib
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from services.errors import Unavailable

SQLITE_BUSY_TIMEOUT_MS = 10_000


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
    return create_async_engine(database_url, pool_pre_ping=True, pool_size=10, max_overflow=20)


async def check_database(engine: AsyncEngine) -> None:
    """Raise Unavailable unless the database answers a trivial query."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any driver error means the same thing here
        raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc
