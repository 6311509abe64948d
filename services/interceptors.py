"""Server interceptors: authenticate, decode and validate each request, bind call metadata to the log context,
and map domain errors to gRPC statuses."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from services.call_context import ORG_HEADER, RUN_ID_HEADER
from services.errors import InvalidArgument, RoteError
from services.logs import org_var, run_id_var
from services.metrics import RPC_LATENCY, RPC_REQUESTS
from services.security import constraints
from services.security.auth import ApiKeyTable, Authenticator, Principal, bind_principal, reset_principal

log = logging.getLogger(__name__)


class _Undecodable:
    """Stands for request bytes that are not a valid message, so the call ends INVALID_ARGUMENT, not INTERNAL."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _safe_deserializer(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    if deserialize is None:
        return None

    def decode(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception as exc:  # noqa: BLE001 - any decoding failure is the caller's malformed input
            return _Undecodable(f"{type(exc).__name__}: {str(exc)[:200]}")

    return decode


def _bind_metadata(context: grpc.aio.ServicerContext) -> None:
    for item in context.invocation_metadata() or ():
        if item.key == RUN_ID_HEADER:
            run_id_var.set(str(item.value))
        elif item.key == ORG_HEADER:
            org_var.set(str(item.value))


# Error details travel in a trailer that clients cap at 16 KiB: a message quoting long input (unknown parameter
# names, a bad value) would turn INVALID_ARGUMENT into RESOURCE_EXHAUSTED, so it is cut well below that.
MAX_ERROR_DETAILS = 2000


def bounded_details(message: str, limit: int = MAX_ERROR_DETAILS) -> str:
    """``message`` if it is short enough, else its start and how much was left out."""
    if len(message) <= limit:
        return message
    return f"{message[: limit - 60]}… ({len(message) - limit + 60} more characters not shown)"


async def _abort_for(exc: Exception, context: grpc.aio.ServicerContext, method: str) -> None:
    if isinstance(exc, RoteError):
        if exc.code == grpc.StatusCode.INTERNAL:
            log.error("internal error in %s: %s", method, bounded_details(exc.message))
        await context.abort(exc.code, bounded_details(exc.message))
    log.exception("unexpected error in %s", method)
    # Internals stay in the log; the caller gets a stable, non-leaking message.
    await context.abort(grpc.StatusCode.INTERNAL, f"internal error in {method}; see the service log")


def _observe(method: str, context: grpc.aio.ServicerContext, started: float) -> None:
    """Count the call, time it, and write one access-log line carrying the call's run id and org."""
    code = context.code() or grpc.StatusCode.OK
    name = code.name if isinstance(code, grpc.StatusCode) else str(code)
    elapsed = time.perf_counter() - started
    RPC_REQUESTS.labels(method, name).inc()
    RPC_LATENCY.labels(method).observe(elapsed)
    if not method.startswith("/grpc."):
        log.info("rpc", extra={"method": method, "code": name, "ms": round(elapsed * 1000, 2)})


class _CallGuard:
    """What happens before a servicer sees a call: authentication, then decoding and declared constraints."""

    def __init__(self, authenticator: Authenticator | None, validate_requests: bool) -> None:
        self.authenticator = authenticator
        self.validate_requests = validate_requests

    def admit(self, context: grpc.aio.ServicerContext, method: str) -> Principal | None:
        _bind_metadata(context)
        if self.authenticator is None or not self.authenticator.enabled or Authenticator.exempt(method):
            return None
        principal = self.authenticator.authenticate(
            (item.key, item.value) for item in context.invocation_metadata() or ()
        )
        org_var.set(principal.org)
        return principal

    def check(self, request: Any, method: str) -> None:
        if isinstance(request, _Undecodable):
            raise InvalidArgument(f"the request to {method} is not a valid message: {request.reason}")
        if self.validate_requests and hasattr(request, "DESCRIPTOR"):
            constraints.validate(request)


class ErrorMappingInterceptor(grpc.aio.ServerInterceptor):
    """For every RPC: authenticate (when API keys are configured), refuse undecodable or out-of-bounds
    requests with INVALID_ARGUMENT, turn RoteError into its status code and anything else into INTERNAL."""

    def __init__(self, *, api_keys: ApiKeyTable | None = None, validate_requests: bool = True) -> None:
        self._guard = _CallGuard(Authenticator(api_keys) if api_keys is not None else None, validate_requests)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        guard = self._guard
        deserializer = _safe_deserializer(handler.request_deserializer)
        if handler.unary_unary is not None:
            inner_uu = handler.unary_unary

            async def unary_unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
                started = time.perf_counter()
                token = None
                try:
                    token = bind_principal(guard.admit(context, method))
                    guard.check(request, method)
                    return await inner_uu(request, context)
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:  # noqa: BLE001 - mapped to a status below
                    await _abort_for(exc, context, method)
                finally:
                    if token is not None:
                        reset_principal(token)
                    _observe(method, context, started)

            return grpc.unary_unary_rpc_method_handler(
                unary_unary, request_deserializer=deserializer, response_serializer=handler.response_serializer
            )
        if handler.unary_stream is not None:
            inner_us = handler.unary_stream

            async def unary_stream(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
                started = time.perf_counter()
                token = None
                try:
                    token = bind_principal(guard.admit(context, method))
                    guard.check(request, method)
                    async for response in inner_us(request, context):
                        yield response
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:  # noqa: BLE001 - mapped to a status below
                    await _abort_for(exc, context, method)
                finally:
                    if token is not None:
                        reset_principal(token)
                    _observe(method, context, started)

            return grpc.unary_stream_rpc_method_handler(
                unary_stream, request_deserializer=deserializer, response_serializer=handler.response_serializer
            )
        return _guard_streaming_requests(handler, guard, method)


def _guard_streaming_requests(handler: grpc.RpcMethodHandler, guard: _CallGuard, method: str) -> grpc.RpcMethodHandler:
    """Client-streaming RPCs (none today) are still authenticated, so a new one cannot skip the check."""
    if handler.stream_unary is not None:
        inner_su = handler.stream_unary

        async def stream_unary(requests: AsyncIterator[Any], context: grpc.aio.ServicerContext) -> Any:
            try:
                token = bind_principal(guard.admit(context, method))
            except RoteError as exc:
                await context.abort(exc.code, bounded_details(exc.message))
            try:
                return await inner_su(requests, context)
            finally:
                reset_principal(token)

        return grpc.stream_unary_rpc_method_handler(
            stream_unary, request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.stream_stream is not None:
        inner_ss = handler.stream_stream

        async def stream_stream(requests: AsyncIterator[Any], context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            try:
                token = bind_principal(guard.admit(context, method))
            except RoteError as exc:
                await context.abort(exc.code, bounded_details(exc.message))
            try:
                async for response in inner_ss(requests, context):
                    yield response
            finally:
                reset_principal(token)

        return grpc.stream_stream_rpc_method_handler(
            stream_stream, request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return handler
