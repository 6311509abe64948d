"""The unit of work: one session and one transaction, committed only when the use case says so."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cache_service.db.repositories import RunRepository, ScriptRepository, WorkflowRepository


class UnitOfWork:
    """``async with uow:`` opens a session; leaving without ``commit()`` rolls everything back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self.session: AsyncSession | None = None

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.workflows = WorkflowRepository(self.session)
        self.runs = RunRepository(self.session)
        self.scripts = ScriptRepository(self.session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self.session is not None
        # close() rolls back whatever was not committed; unlike rollback() it leaves loaded rows readable.
        await self.session.close()
        self.session = None

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
