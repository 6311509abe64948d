"""Server bootstrap shared by the three services: health, reflection, interceptors (observability, error
mapping, authentication, request validation), optional TLS, message size limits, graceful shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from services.interceptors import KernelInterceptor
from services.security.auth import ApiKeyTable
from services.settings import DEFAULT_MAX_MESSAGE_BYTES, SecuritySettings, TlsSettings

log = logging.getLogger(__name__)

# The default of ROTE_MAX_MESSAGE_BYTES, kept for callers that import it.
MAX_MESSAGE_BYTES = DEFAULT_MAX_MESSAGE_BYTES
MAX_CONNECTION_AGE_MS = 5 * 60 * 1000


@dataclass
class ServiceServer:
    """A started gRPC server with its health servicer; NOT_SERVING until ``set_serving``."""

    server: grpc.aio.Server
    port: int
    service_names: Sequence[str]
    health_servicer: health.aio.HealthServicer
    on_stop: list[Callable[[], object]] = field(default_factory=list)
    # Run with the grace period after the server reports NOT_SERVING and before it stops taking calls: a service
    # ends its in-flight work there (the executor records its running runs as cancelled).
    before_stop: list[Callable[[float], object]] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def set_serving(self) -> None:
        """Report SERVING for the whole server and each service: dependencies are ready."""
        await self._set_all(health_pb2.HealthCheckResponse.SERVING)

    async def set_not_serving(self) -> None:
        await self._set_all(health_pb2.HealthCheckResponse.NOT_SERVING)

    async def _set_all(self, status: int) -> None:
        for name in ("", *self.service_names):
            await self.health_servicer.set(name, status)

    async def stop(self, grace: float = 5.0) -> None:
        """Stop taking calls, let running ones finish within ``grace`` seconds, then close resources."""
        await self.set_not_serving()
        for ending in self.before_stop:
            result = ending(grace)
            if asyncio.iscoroutine(result):
                await result
        await self.server.stop(grace)
        for hook in self.on_stop:
            result = hook()
            if asyncio.iscoroutine(result):
                await result

    async def serve_until_signal(self, grace: float = 10.0) -> None:
        """Serve until SIGTERM or SIGINT, then shut down gracefully."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        log.info("shutting down", extra={"grace_s": grace})
        await self.stop(grace)


def _configure_health(server: grpc.aio.Server) -> health.aio.HealthServicer:
    servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    return servicer


def _configure_reflection(server: grpc.aio.Server, service_names: Sequence[str]) -> None:
    names = (*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME)
    reflection.enable_server_reflection(names, server)


def _kernel_interceptors(keys: ApiKeyTable) -> tuple[grpc.aio.ServerInterceptor, ...]:
    """One interceptor doing, outermost first: observability (it sees every final status), error mapping (it turns
    what the inner steps raise into a status), authentication, and validation (only once the caller is known)."""
    return (KernelInterceptor(keys),)


def _configure_port(server: grpc.aio.Server, address: str, tls: TlsSettings) -> int:
    """Bind ``address``: TLS when a certificate and key are configured, plaintext otherwise."""
    if not tls.serves_tls:
        return server.add_insecure_port(address)
    with open(tls.key_file, "rb") as key, open(tls.cert_file, "rb") as cert:
        credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
    return server.add_secure_port(address, credentials)


async def start_server(
    *,
    service_names: Sequence[str],
    register: Callable[[grpc.aio.Server], None],
    host: str = "127.0.0.1",
    port: int = 0,
    interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
    security: SecuritySettings,
) -> ServiceServer:
    """Build, bind and start a server; it reports NOT_SERVING until the caller says it is ready.

    ``security`` (the service's settings, read once) decides API-key authentication (ROTE_API_KEYS), TLS
    (ROTE_TLS_CERT_FILE / ROTE_TLS_KEY_FILE) and the largest message accepted (ROTE_MAX_MESSAGE_BYTES).
    """
    keys = ApiKeyTable.parse(security.api_keys)
    limit = security.max_message_bytes
    server = grpc.aio.server(
        interceptors=(*interceptors, *_kernel_interceptors(keys)),
        options=[
            ("grpc.max_receive_message_length", limit),
            ("grpc.max_send_message_length", limit),
            # Clients balance with round_robin over DNS; recycling connections every few minutes
            # makes them re-resolve, so new replicas get traffic without a client restart.
            ("grpc.max_connection_age_ms", MAX_CONNECTION_AGE_MS),
            ("grpc.max_connection_age_grace_ms", 30_000),
        ],
    )
    register(server)
    health_servicer = _configure_health(server)
    _configure_reflection(server, service_names)
    bound = _configure_port(server, f"{host}:{port}", security.tls)
    if bound == 0:
        raise OSError(f"cannot bind {host}:{port}")
    await server.start()
    running = ServiceServer(server, bound, list(service_names), health_servicer)
    await running.set_not_serving()
    log.info(
        "listening",
        extra={
            "address": f"{host}:{bound}", "services": list(service_names), "tls": security.tls.serves_tls,
            "auth": keys.enabled, "max_message_bytes": limit,
        },
    )
    return running
