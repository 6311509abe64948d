"""Composition root of the codegen service: settings -> object store -> generator -> servicer -> server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from codegen_service.service import ScriptGenerator
from codegen_service.servicer import CodegenServicer
from services.gen.rote.v1 import codegen_service_pb2, codegen_service_pb2_grpc
from services.server import ServiceServer, start_server
from services.settings import SecuritySettings, StorageSettings, env_float, env_int, env_str
from services.storage import ObjectStore, ObjectStoreUnavailable, open_object_store

log = logging.getLogger(__name__)
SERVICE_NAME = codegen_service_pb2.DESCRIPTOR.services_by_name["CodegenService"].full_name


@dataclass(frozen=True)
class CodegenSettings:
    """Everything the codegen service reads from the environment, read once."""

    storage: StorageSettings
    host: str = "127.0.0.1"
    port: int = 50053
    log_level: str = "INFO"
    storage_retry_seconds: float = 2.0
    # API keys, TLS and message limits for the server.
    security: SecuritySettings = field(default_factory=SecuritySettings.from_env)
    # Prometheus metrics on this port (0: none).
    metrics_port: int = 0

    @classmethod
    def from_env(cls) -> CodegenSettings:
        return cls(
            storage=StorageSettings.from_env(),
            host=env_str("ROTE_BIND_HOST", "127.0.0.1"),
            port=env_int("ROTE_CODEGEN_PORT", 50053),
            log_level=env_str("ROTE_LOG_LEVEL", "INFO"),
            storage_retry_seconds=env_float("ROTE_STORAGE_RETRY_SECONDS", 2.0),
            security=SecuritySettings.from_env(),
            metrics_port=env_int("ROTE_METRICS_PORT", 0),
        )


async def _serve_when_storage_ready(server: ServiceServer, store: ObjectStore, retry_seconds: float) -> None:
    """Stay NOT_SERVING until the bucket or folder is usable, retrying: storage may start after us."""
    while True:
        try:
            await store.ensure_ready()
        except ObjectStoreUnavailable as exc:
            log.warning("object storage not ready; retrying", extra={"error": exc.message, "retry_s": retry_seconds})
            await asyncio.sleep(retry_seconds)
            continue
        await server.set_serving()
        return


async def start_codegen_service(settings: CodegenSettings, *, host: str = "127.0.0.1", port: int = 0) -> ServiceServer:
    """Start the server; it reports SERVING once object storage is ready (at once when it already is)."""
    store = open_object_store(settings.storage)
    servicer = CodegenServicer(ScriptGenerator(store))
    server = await start_server(
        service_names=[SERVICE_NAME],
        register=lambda srv: codegen_service_pb2_grpc.add_CodegenServiceServicer_to_server(servicer, srv),
        host=host,
        port=port,
        security=settings.security,
    )
    try:
        await store.ensure_ready()
    except ObjectStoreUnavailable as exc:
        log.warning("object storage not ready at start", extra={"error": exc.message})
        waiter = asyncio.create_task(_serve_when_storage_ready(server, store, settings.storage_retry_seconds))

        async def cancel_waiter() -> None:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter

        server.on_stop.append(cancel_waiter)
    else:
        await server.set_serving()
    return server
