"""Health checks through the standard gRPC health service."""

from __future__ import annotations

import asyncio
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.client.calls import CallOptions


async def check_health(
    address: str, service: str = "", timeout_s: float = 2.0, *, options: CallOptions | None = None
) -> str:
    """SERVING, NOT_SERVING, or UNREACHABLE (``options`` default: read from the environment now)."""
    async with (options or CallOptions.from_env()).open_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout_s)
        except grpc.aio.AioRpcError:
            return "UNREACHABLE"
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(response.status))


async def wait_until_serving(address: str, timeout_s: float = 60.0) -> None:
    """Poll until the server reports SERVING; raise TimeoutError naming the address otherwise."""
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    options = CallOptions.from_env()
    while time.monotonic() < deadline:
        if await check_health(address, timeout_s=1.0, options=options) == "SERVING":
            return
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.5)
    raise TimeoutError(f"service at {address} did not report SERVING within {timeout_s:g}s")
