"""Validation: a request that does not decode, or breaks the protovalidate rules declared in the protos, ends
INVALID_ARGUMENT before any servicer runs (the shape of buf-examples' protovalidate/grpc-python interceptor)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import grpc

from services.errors import InvalidArgument
from services.interceptors.wrapping import AroundInterceptor, Deserializer
from services.security import native_rules
from services.security.validation import validate_request

# Up to this size a natively checked request is validated on the event loop (a decision request takes ~10 µs,
# a 40-block workflow under a millisecond); a larger one (200 blocks: ~3.4 ms) goes to a worker thread.
INLINE_MAX_BYTES = 4 * 1024


class _Undecodable:
    """Stands for request bytes that are not a valid message, so the call ends INVALID_ARGUMENT, not INTERNAL."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _safe(deserialize: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    def decode(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception as exc:  # noqa: BLE001 - any decoding failure is the caller's malformed input
            return _Undecodable(f"{type(exc).__name__}: {str(exc)[:200]}")

    return decode


class ValidationInterceptor(AroundInterceptor):
    """Innermost: requests are checked only once the caller is authenticated."""

    def request_deserializer(self, handler: grpc.RpcMethodHandler) -> Deserializer:
        deserialize = handler.request_deserializer
        return _safe(deserialize) if deserialize is not None else None

    @asynccontextmanager
    async def around(self, method: str, request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        await self.check(method, request)
        yield

    async def check(self, method: str, request: Any) -> None:
        """Raise InvalidArgument unless ``request`` to ``method`` decoded and keeps the declared rules."""
        if isinstance(request, _Undecodable):
            raise InvalidArgument(f"the request to {method} is not a valid message: {request.reason}")
        if hasattr(request, "DESCRIPTOR"):  # a request stream's messages are not checked (no such RPC today)
            if native_rules.is_native(request.DESCRIPTOR) and request.ByteSize() <= INLINE_MAX_BYTES:
                # Standard rules run natively in microseconds: a thread hop would cost more than the check.
                validate_request(request)
            else:
                # protovalidate runs each rule as a CEL program (about a millisecond apiece), and a huge request
                # takes a while even natively: neither may stall every other call on the event loop.
                await asyncio.to_thread(validate_request, request)
