"""The composition root: settings from the environment, migrations from the CLI, health once the database answers."""

from __future__ import annotations

import dataclasses
import os
import pathlib
import sqlite3
import subprocess
import sys

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from cache_service.bootstrap import SERVICE_NAME, CacheSettings, start_cache_service

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_settings_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ROTE_DATABASE_URL", "ROTE_CODEGEN_ADDRESS", "ROTE_DB_AUTO_MIGRATE", "ROTE_CACHE_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ROTE_HOME", "/srv/rote")
    settings = CacheSettings.from_env()
    assert settings.database_url == "sqlite+aiosqlite:////srv/rote/rote.db"
    assert (settings.codegen_address, settings.port, settings.auto_migrate) == ("127.0.0.1:50053", 50052, True)
    monkeypatch.setenv("ROTE_DB_AUTO_MIGRATE", "false")
    monkeypatch.setenv("ROTE_CACHE_PORT", "6000")
    settings = CacheSettings.from_env()
    assert (settings.auto_migrate, settings.port) == (False, 6000)


def test_migrate_command_creates_the_schema(tmp_path: pathlib.Path) -> None:
    database = tmp_path / "nested" / "rote.db"
    env = {**os.environ, "ROTE_DATABASE_URL": f"sqlite+aiosqlite:///{database}", "ROTE_LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "-m", "cache_service", "migrate"], check=True, cwd=ROOT, env=env, timeout=60)
    tables = {row[0] for row in sqlite3.connect(database).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"workflows", "runs", "block_runs", "actions", "scripts", "script_versions", "script_blocks"} <= tables


async def test_service_is_serving_once_its_database_answers(tmp_path: pathlib.Path) -> None:
    settings = dataclasses.replace(
        CacheSettings.from_env(), database_url=f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}", auto_migrate=True
    )
    server = await start_cache_service(settings)
    try:
        async with grpc.aio.insecure_channel(server.address) as channel:
            response = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=SERVICE_NAME)
            )
        assert response.status == health_pb2.HealthCheckResponse.SERVING
    finally:
        await server.stop(0)


async def test_unreachable_database_fails_start_up_clearly() -> None:
    settings = dataclasses.replace(
        CacheSettings.from_env(), database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none", auto_migrate=False
    )
    with pytest.raises(Exception, match="database is unavailable"):
        await start_cache_service(settings)
