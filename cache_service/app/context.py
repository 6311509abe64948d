"""What every use case needs: units of work, the codegen gateway, object storage, and the publishing locks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.locks import KeyedLocks
from cache_service.app.tasks import KeyedChains
from cache_service.db.unit_of_work import UnitOfWork, UnitOfWorkFactory
from services.storage import ObjectStore


@dataclass
class AppContext:
    """Built once by the composition root and shared by every call."""

    uow: UnitOfWorkFactory
    codegen: CodegenGateway
    locks: KeyedLocks = field(default_factory=KeyedLocks)
    default_lease_s: int = 3600
    # Reads the code of stored versions (shown to operators, verified by sha256) and the files runs left; its only
    # write deletes a run's draft folder once no publish can use it.
    store: ObjectStore | None = None
    # Draft generation, chained per run; FinishRun waits for a run's chain before it publishes.
    drafts: KeyedChains = field(default_factory=KeyedChains)
    # Whether completed blocks are drafted while the run executes (DESIGN §4 rule 6).
    drafts_enabled: bool = True
    draft_wait_s: float = 60.0
    # The largest run file (screenshot, download, large output) ReadRunArtifact serves.
    artifact_max_bytes: int = 64 * 1024 * 1024

    @asynccontextmanager
    async def script_lock(self, org: str, workflow_id: str, cache_key: str) -> AsyncIterator[UnitOfWork]:
        """A unit of work holding the script's lock: in this process (asyncio), then across processes (the
        database's), until it ends; whatever is loaded inside is read after every earlier holder committed."""
        async with self.locks.hold((org, workflow_id, cache_key)), self.uow() as uow:
            await uow.scripts.lock(org, workflow_id, cache_key)
            yield uow
