"""Server interceptors: bind call metadata to the log context and map domain errors to gRPC statuses."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from services.call_context import ORG_HEADER, RUN_ID_HEADER
from services.errors import RoteError
from services.logs import org_var, run_id_var
from services.metrics import RPC_LATENCY, RPC_REQUESTS

log = logging.getLogger(__name__)


def _bind_metadata(context: grpc.aio.ServicerContext) -> None:
    for item in context.invocation_metadata() or ():
        if item.key == RUN_ID_HEADER:
            run_id_var.set(str(item.value))
        elif item.key == ORG_HEADER:
            org_var.set(str(item.value))


async def _abort_for(exc: Exception, context: grpc.aio.ServicerContext, method: str) -> None:
    if isinstance(exc, RoteError):
        if exc.code == grpc.StatusCode.INTERNAL:
            log.error("internal error in %s: %s", method, exc.message)
        await context.abort(exc.code, exc.message)
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


class ErrorMappingInterceptor(grpc.aio.ServerInterceptor):
    """Turns RoteError into its status code and anything else into INTERNAL, for every RPC."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        if handler.unary_unary is not None:
            inner_uu = handler.unary_unary

            async def unary_unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
                _bind_metadata(context)
                started = time.perf_counter()
                try:
                    return await inner_uu(request, context)
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:  # noqa: BLE001 - mapped to a status below
                    await _abort_for(exc, context, method)
                finally:
                    _observe(method, context, started)

            return grpc.unary_unary_rpc_method_handler(
                unary_unary,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            inner_us = handler.unary_stream

            async def unary_stream(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
                _bind_metadata(context)
                started = time.perf_counter()
                try:
                    async for response in inner_us(request, context):
                        yield response
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:  # noqa: BLE001 - mapped to a status below
                    await _abort_for(exc, context, method)
                finally:
                    _observe(method, context, started)

            return grpc.unary_stream_rpc_method_handler(
                unary_stream,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler
