"""The cache service and the codegen service as their own processes on loopback (PostgreSQL underneath), so a
load generator in the test process measures the service, not a shared event loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pathlib
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

from services.client import wait_until_serving
from tests.support.s3_server import free_port


@dataclass(frozen=True)
class LoadStack:
    cache_address: str
    codegen_address: str
    home: pathlib.Path


async def _spawn(module: str, env: dict[str, str], log: pathlib.Path) -> asyncio.subprocess.Process:
    with open(log, "wb") as out:
        return await asyncio.create_subprocess_exec(sys.executable, "-m", module, env=env, stdout=out, stderr=out)


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


@contextlib.asynccontextmanager
async def cache_and_codegen(home: pathlib.Path, database_url: str) -> AsyncIterator[LoadStack]:
    cache_port, codegen_port = free_port(), free_port()
    env = {
        **os.environ,
        "ROTE_HOME": str(home),
        "ROTE_DATABASE_URL": database_url,
        "ROTE_STORAGE_BACKEND": "local",
        "ROTE_STORAGE_ROOT": str(home / "objects"),
        "ROTE_CACHE_PORT": str(cache_port),
        "ROTE_CODEGEN_PORT": str(codegen_port),
        "ROTE_CODEGEN_ADDRESS": f"127.0.0.1:{codegen_port}",
        "ROTE_METRICS_PORT": "0",
        "ROTE_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    processes = [await _spawn("codegen_service", env, home / "codegen.log")]
    try:
        processes.append(await _spawn("cache_service", env, home / "cache.log"))
        stack = LoadStack(f"127.0.0.1:{cache_port}", f"127.0.0.1:{codegen_port}", home)
        await asyncio.gather(
            wait_until_serving(stack.cache_address, 60), wait_until_serving(stack.codegen_address, 60)
        )
        yield stack
    finally:
        for process in reversed(processes):
            await _stop(process)
