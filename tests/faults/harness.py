"""Fault injection helpers: a TCP link that can be cut, a PostgreSQL cluster that can be stopped and started
again, and the three services started in-process with the settings each fault test needs."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

import grpc
import pytest

from cache_service.bootstrap import CacheSettings, start_cache_service
from codegen_service.bootstrap import CodegenSettings, start_codegen_service
from executor_service.bootstrap import start_executor_service
from executor_service.settings import ExecutorSettings
from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc
from services.server import ServiceServer
from services.settings import StorageSettings
from tests.support.postgres import postgres_bin_dir
from tests.support.s3_server import free_port

T = TypeVar("T")
ORG = "default"


# --- a link that can be cut -------------------------------------------------------------------------------


class CuttableLink:
    """A loopback TCP proxy in front of ``target``; ``cut()`` refuses and resets every connection (the server
    behind it is gone, as far as any client can tell), ``restore()`` lets traffic through again."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def restore(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def cut(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._open.update((writer, up_writer))

        async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (OSError, asyncio.IncompleteReadError):
                pass
            finally:
                sink.transport.abort() if sink.transport else None
                self._open.discard(sink)

        await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))


# --- a PostgreSQL cluster that can be stopped -----------------------------------------------------------


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class StoppablePostgres:
    """A throwaway cluster on a fixed loopback port; ``stop()`` and ``start()`` run pg_ctl off the event loop."""

    bin_dir: str
    root: str
    port: int
    user: str

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://{self.user}@127.0.0.1:{self.port}/rote"

    def _ctl(self, *args: str) -> None:
        data = os.path.join(self.root, "data")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root}/sock -F -c max_connections=200 -c fsync=off"
        command = [f"{self.bin_dir}/pg_ctl", "-D", data, "-o", options, "-l", f"{self.root}/log", "-w", *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True, cwd=self.root)

    async def stop(self) -> None:
        """Immediate shutdown: open connections are dropped, new ones are refused."""
        await asyncio.to_thread(self._ctl, "-m", "immediate", "stop")

    async def start(self) -> None:
        await asyncio.to_thread(self._ctl, "start")


def _init_postgres() -> StoppablePostgres:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin)")
    root = tempfile.mkdtemp(prefix="rote-faults-pg-")
    os.makedirs(os.path.join(root, "sock"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        for path in (root, os.path.join(root, "sock")):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    cluster = StoppablePostgres(bin_dir, root, free_port(), user)
    initdb = [f"{bin_dir}/initdb", "-D", os.path.join(root, "data"), "-U", user, "-A", "trust", "--no-sync"]
    subprocess.run(_as_postgres([*initdb, "-E", "UTF8"]), check=True, capture_output=True, cwd=root)
    cluster._ctl("start")
    createdb = [f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", user, "rote"]
    subprocess.run(_as_postgres(createdb), check=True, capture_output=True, cwd=root)
    return cluster


@asynccontextmanager
async def stoppable_postgres() -> AsyncIterator[StoppablePostgres]:
    cluster = await asyncio.to_thread(_init_postgres)
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            await cluster.stop()
        await asyncio.to_thread(shutil.rmtree, cluster.root, True)


# --- the three services, each with its own settings -----------------------------------------------------


@dataclass
class FaultStack:
    """Codegen, cache and executor in-process; codegen can be stopped and started again on the same port."""

    storage: StorageSettings
    database_url: str
    codegen_port: int
    codegen: ServiceServer | None = None
    cache: ServiceServer | None = None
    executor: ServiceServer | None = None
    extra: list[ServiceServer] = field(default_factory=list)

    async def start_codegen(self, storage: StorageSettings | None = None) -> None:
        settings = dataclasses.replace(CodegenSettings.from_env(), storage=storage or self.storage)
        self.codegen = await start_codegen_service(settings, port=self.codegen_port)

    async def stop_codegen(self) -> None:
        if self.codegen is not None:
            await self.codegen.stop(0)
            self.codegen = None

    @property
    def cache_address(self) -> str:
        assert self.cache is not None
        return self.cache.address

    @property
    def executor_address(self) -> str:
        assert self.executor is not None
        return self.executor.address


@asynccontextmanager
async def fault_stack(
    storage: StorageSettings,
    database_url: str,
    *,
    codegen_storage: StorageSettings | None = None,
    cache: dict[str, object] | None = None,
    executor: dict[str, object] | None = None,
    start_executor: bool = True,
) -> AsyncIterator[FaultStack]:
    """``codegen_storage`` lets codegen write through a cuttable link while the others read the store directly."""
    stack = FaultStack(storage, database_url, free_port())
    try:
        await stack.start_codegen(codegen_storage)
        cache_settings = dataclasses.replace(
            CacheSettings.from_env(),
            database_url=database_url,
            codegen_address=f"127.0.0.1:{stack.codegen_port}",
            storage=storage,
            **(cache or {}),
        )
        stack.cache = await start_cache_service(cache_settings)
        if start_executor:
            executor_settings = dataclasses.replace(
                ExecutorSettings.from_env(),
                cache_address=stack.cache.address,
                storage=storage,
                settle_timeout_ms=1500.0,
                **(executor or {}),
            )
            stack.executor = await start_executor_service(executor_settings)
        yield stack
    finally:
        for server in (stack.executor, stack.cache, stack.codegen, *stack.extra):
            if server is not None:
                await server.stop(1)


# --- reading what the cache service holds ---------------------------------------------------------------


@asynccontextmanager
async def cache_stub(address: str) -> AsyncIterator[cache_service_pb2_grpc.CacheServiceStub]:
    async with grpc.aio.insecure_channel(address) as channel:
        yield cache_service_pb2_grpc.CacheServiceStub(channel)


async def get_run(stub: cache_service_pb2_grpc.CacheServiceStub, run_id: str, org: str = ORG) -> pb.GetRunResponse:
    return await stub.GetRun(pb.GetRunRequest(run_id=run_id), metadata=outgoing_metadata(org), timeout=10)


async def scripts_of(
    stub: cache_service_pb2_grpc.CacheServiceStub, workflow_id: str, org: str = ORG
) -> list[pb.ListScriptVersionsResponse]:
    """Every script of a workflow with its versions."""
    listed = await stub.ListScripts(
        pb.ListScriptsRequest(workflow_id=workflow_id), metadata=outgoing_metadata(org), timeout=10
    )
    return [
        await stub.ListScriptVersions(
            pb.ListScriptVersionsRequest(script_id=script.script_id), metadata=outgoing_metadata(org), timeout=10
        )
        for script in listed.scripts
    ]


async def version_numbers(stub: cache_service_pb2_grpc.CacheServiceStub, workflow_id: str, org: str = ORG) -> list[int]:
    return sorted(v.version for script in await scripts_of(stub, workflow_id, org) for v in script.versions)


async def eventually(check: Callable[[], Awaitable[T]], *, timeout_s: float, every_s: float = 0.2) -> T:
    """Poll ``check`` until it returns a truthy value; the last value (or a timeout) otherwise."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = await check()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(every_s)
