"""Starts the three real services in-process (their composition roots) on free ports, for end-to-end tests."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from cache_service.bootstrap import CacheSettings, start_cache_service
from codegen_service.bootstrap import CodegenSettings, start_codegen_service
from executor_service.bootstrap import start_executor_service
from executor_service.settings import ExecutorSettings
from services.server import ServiceServer
from services.settings import StorageSettings


@dataclass
class RunningStack:
    """Addresses of a running codegen, cache and executor, and where their data lives."""

    codegen: ServiceServer
    cache: ServiceServer
    executor: ServiceServer
    storage: StorageSettings
    database_url: str


def local_storage(root: pathlib.Path) -> StorageSettings:
    return dataclasses.replace(StorageSettings.from_env(), backend="local", local_root=str(root))


@asynccontextmanager
async def running_stack(
    home: pathlib.Path,
    *,
    database_url: str = "",
    storage: StorageSettings | None = None,
    executor_overrides: dict[str, Any] | None = None,
) -> AsyncIterator[RunningStack]:
    """Codegen, then cache, then executor, each wired to the previous one; all stopped on exit."""
    storage = storage or local_storage(home / "objects")
    database_url = database_url or f"sqlite+aiosqlite:///{home / 'rote.db'}"
    codegen = await start_codegen_service(dataclasses.replace(CodegenSettings.from_env(), storage=storage))
    cache = executor = None
    try:
        cache_settings = dataclasses.replace(
            CacheSettings.from_env(), database_url=database_url, codegen_address=codegen.address, storage=storage
        )
        cache = await start_cache_service(cache_settings)
        executor_settings = dataclasses.replace(
            ExecutorSettings.from_env(), cache_address=cache.address, storage=storage, **(executor_overrides or {})
        )
        executor = await start_executor_service(executor_settings)
        yield RunningStack(codegen, cache, executor, storage, database_url)
    finally:
        for server in (executor, cache, codegen):
            if server is not None:
                await server.stop(1)
