"""The unit of work: one session and one transaction, committed only when the use case says so."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cache_service.db.draft_repository import DraftRepository
from cache_service.db.repositories import ScriptRepository, WorkflowRepository
from cache_service.db.run_repository import RunRepository
from services.errors import Unavailable


def is_outage(exc: BaseException | None) -> bool:
    """Whether a database error means the database cannot be reached (a retry later may succeed)."""
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError)):
        return True
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    # asyncpg raises socket errors (connection refused or reset, a plain OSError for several addresses, a
    # timeout) when no server answers at connect time; file errors (local object storage) are not outages.
    return isinstance(exc, (ConnectionError, TimeoutError)) or type(exc) is OSError


class UnitOfWork:
    """``async with uow:`` opens a session; leaving without ``commit()`` rolls everything back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self.session: AsyncSession | None = None

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.workflows = WorkflowRepository(self.session)
        self.runs = RunRepository(self.session)
        self.drafts = DraftRepository(self.session)
        self.scripts = ScriptRepository(self.session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self.session is not None
        try:
            # close() rolls back whatever was not committed; unlike rollback() it leaves loaded rows readable.
            await self.session.close()
        except Exception as closing:  # noqa: BLE001 - a lost connection cannot roll back; the error below matters
            if exc is None and not is_outage(closing):
                raise
        finally:
            self.session = None
        if is_outage(exc):
            # The caller sees UNAVAILABLE (retry later), never INTERNAL, while the database is down.
            raise Unavailable(f"database is unavailable: {type(exc).__name__}") from exc

    async def commit(self) -> None:
        assert self.session is not None
        await self.session.commit()


class UnitOfWorkFactory:
    """Makes units of work over one engine; the service keeps one for its lifetime."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self._sessions)
