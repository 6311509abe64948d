"""What every use case needs: units of work, the codegen gateway, and the publishing locks."""

from __future__ import annotations

from dataclasses import dataclass, field

from cache_service.app.codegen_gateway import CodegenGateway
from cache_service.app.locks import KeyedLocks
from cache_service.db.unit_of_work import UnitOfWorkFactory


@dataclass
class AppContext:
    """Built once by the composition root and shared by every call."""

    uow: UnitOfWorkFactory
    codegen: CodegenGateway
    locks: KeyedLocks = field(default_factory=KeyedLocks)
    default_lease_s: int = 3600
