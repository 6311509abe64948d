"""What every use case needs: units of work, the codegen gateway, object storage, and the publishing locks."""

from __future__ import annotations

from dataclasses import dataclass, field

from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.locks import KeyedLocks
from cache_service.app.tasks import KeyedChains
from cache_service.db.unit_of_work import UnitOfWorkFactory
from services.storage import ObjectStore


@dataclass
class AppContext:
    """Built once by the composition root and shared by every call."""

    uow: UnitOfWorkFactory
    codegen: CodegenGateway
    locks: KeyedLocks = field(default_factory=KeyedLocks)
    default_lease_s: int = 3600
    # Reads the code of stored versions (shown to operators, verified by sha256); its only write deletes a run's
    # draft folder once no publish can use it.
    store: ObjectStore | None = None
    # Draft generation, chained per run; FinishRun waits for a run's chain before it publishes.
    drafts: KeyedChains = field(default_factory=KeyedChains)
    # Whether completed blocks are drafted while the run executes (DESIGN §4 rule 6).
    drafts_enabled: bool = True
    draft_wait_s: float = 60.0
