"""Fixtures: the real cache service (SQLite and PostgreSQL) wired to the real codegen service, and a stub."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import AsyncIterator, Callable

import grpc
import pytest

from cache_service.bootstrap import CacheSettings, start_cache_service
from services.gen.rote.v1 import cache_service_pb2_grpc
from services.server import ServiceServer
from services.settings import StorageSettings
from tests.support.postgres import postgres_url  # noqa: F401 - session fixture used by database_url

try:
    from codegen_service.bootstrap import CodegenSettings, start_codegen_service

    CODEGEN_IMPORT_ERROR = ""
except ImportError as exc:  # pragma: no cover - only while codegen_service is being written
    CODEGEN_IMPORT_ERROR = f"codegen_service is not available yet: {exc}"

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def storage(tmp_path_factory: pytest.TempPathFactory) -> StorageSettings:
    """One local object store shared by codegen (writes) and the cache service (reads code back)."""
    root = tmp_path_factory.mktemp("rote-objects")
    return dataclasses.replace(StorageSettings.from_env(), backend="local", local_root=str(root))


@pytest.fixture(scope="session")
async def codegen(storage: StorageSettings) -> AsyncIterator[ServiceServer]:
    if CODEGEN_IMPORT_ERROR:
        pytest.skip(CODEGEN_IMPORT_ERROR)
    server = await start_codegen_service(dataclasses.replace(CodegenSettings.from_env(), storage=storage))
    yield server
    await server.stop(0)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('rote-sqlite') / 'rote.db'}"


def cache_settings(database_url: str, codegen_address: str, storage: StorageSettings) -> CacheSettings:
    return dataclasses.replace(
        CacheSettings.from_env(),
        database_url=database_url,
        codegen_address=codegen_address,
        auto_migrate=True,
        storage=storage,
    )


@pytest.fixture(scope="session")
async def cache(database_url: str, codegen: ServiceServer, storage: StorageSettings) -> AsyncIterator[ServiceServer]:
    server = await start_cache_service(cache_settings(database_url, codegen.address, storage))
    yield server
    await server.stop(0)


@pytest.fixture(scope="session")
async def cache_without_codegen(database_url: str, storage: StorageSettings) -> AsyncIterator[ServiceServer]:
    """The same database, but the codegen address points at a port nobody listens on."""
    server = await start_cache_service(cache_settings(database_url, "127.0.0.1:1", storage))
    yield server
    await server.stop(0)


@pytest.fixture(scope="session")
async def stub(cache: ServiceServer) -> AsyncIterator[cache_service_pb2_grpc.CacheServiceStub]:
    async with grpc.aio.insecure_channel(cache.address) as channel:
        yield cache_service_pb2_grpc.CacheServiceStub(channel)


@pytest.fixture
def sqlite_url(tmp_path: pathlib.Path) -> Callable[[str], str]:
    return lambda name: f"sqlite+aiosqlite:///{tmp_path / name}"
