"""The unit of work: one session and one transaction, committed only when the use case says so."""

from __future__ import annotations

from types import TracebackType

import asyncpg
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cache_service.db.draft_repository import DraftRepository
from cache_service.db.notifications import notify_changed
from cache_service.db.repositories import ScriptRepository, WorkflowRepository
from cache_service.db.resolution_cache import ResolutionCache
from cache_service.db.rows import is_postgresql
from cache_service.db.run_repository import RunRepository
from services.errors import Unavailable

# The server is going away or not accepting connections yet (asyncpg's own errors for it).
_SHUTDOWN = (asyncpg.AdminShutdownError, asyncpg.CrashShutdownError, asyncpg.CannotConnectNowError)


def is_outage(exc: BaseException | None) -> bool:
    """Whether a database error means the database cannot be reached (a retry later may succeed)."""
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError)):
        return True
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    # The same failures met on the driver's connection directly (FinishRun's hot path), untranslated.
    if isinstance(exc, (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, *_SHUTDOWN)):
        return True
    # asyncpg raises socket errors (connection refused or reset, a plain OSError for several addresses, a
    # timeout) when no server answers at connect time; file errors (local object storage) are not outages.
    return isinstance(exc, (ConnectionError, TimeoutError)) or type(exc) is OSError


class UnitOfWork:
    """``async with uow:`` opens a session; leaving without ``commit()`` rolls everything back.

    The session is made on first use of a repository: a call answered from the resolution cache builds none.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], cache: ResolutionCache) -> None:
        self._sessions = sessions
        self.session: AsyncSession | None = None
        self.cache = cache
        self._changed: set[tuple[str, str]] = set()
        self._entered = False

    async def __aenter__(self) -> UnitOfWork:
        self._entered = True
        return self

    def _open(self) -> AsyncSession:
        if not self._entered:
            raise RuntimeError("a unit of work is used inside `async with` only")
        if self.session is None:
            session = self.session = self._sessions()
            self._workflows = WorkflowRepository(session)
            self._runs = RunRepository(session)
            self._drafts = DraftRepository(session)
            self._scripts = ScriptRepository(session)
        return self.session

    @property
    def workflows(self) -> WorkflowRepository:
        self._open()
        return self._workflows

    @property
    def runs(self) -> RunRepository:
        self._open()
        return self._runs

    @property
    def drafts(self) -> DraftRepository:
        self._open()
        return self._drafts

    @property
    def scripts(self) -> ScriptRepository:
        self._open()
        return self._scripts

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._entered = False
        session, self.session = self.session, None
        if session is not None:
            try:
                # close() rolls back whatever was not committed; unlike rollback() it leaves loaded rows readable.
                await session.close()
            except Exception as closing:  # noqa: BLE001 - a lost connection cannot roll back; the error below matters
                if exc is None and not is_outage(closing):
                    raise
        if is_outage(exc):
            # The caller sees UNAVAILABLE (retry later), never INTERNAL, while the database is down.
            raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc

    def changed(self, org: str, workflow_id: str) -> None:
        """This transaction changes what resolution reads for the workflow (its definition, or a script's published
        or pinned version): every replica's cache drops it once the transaction commits."""
        self._changed.add((org, workflow_id))

    async def commit(self) -> None:
        session = self._open()
        changed, self._changed = self._changed, set()
        if changed and is_postgresql(session):
            for org, workflow_id in sorted(changed):
                await notify_changed(session, org, workflow_id)
        try:
            await session.commit()
        finally:
            # Also when the commit's outcome is unknown (a lost connection): dropping too much only costs a read.
            for org, workflow_id in changed:
                self.cache.invalidate(org, workflow_id)


class UnitOfWorkFactory:
    """Makes units of work over one engine; the service keeps one for its lifetime."""

    def __init__(self, engine: AsyncEngine, cache: ResolutionCache | None = None) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        # Without one, nothing is cached (every read goes to the database).
        self.cache = cache or ResolutionCache(0)

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self._sessions, self.cache)
