"""Error mapping: a RoteError becomes its status code (with its google.rpc details), anything else INTERNAL with
a message that leaks nothing."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import grpc
from google.protobuf import any_pb2
from google.rpc import status_pb2
from grpc_status import rpc_status

from services.errors import RoteError
from services.interceptors.wrapping import AroundInterceptor

log = logging.getLogger(__name__)

# Error details travel in a trailer that clients cap at 16 KiB: a message quoting long input (unknown parameter
# names, a bad value) would turn INVALID_ARGUMENT into RESOURCE_EXHAUSTED, so it is cut well below that.
MAX_ERROR_DETAILS = 2000


def bounded_details(message: str, limit: int = MAX_ERROR_DETAILS) -> str:
    """``message`` if it is short enough, else its start and how much was left out."""
    if len(message) <= limit:
        return message
    return f"{message[: limit - 60]}… ({len(message) - limit + 60} more characters not shown)"


async def abort_with(exc: RoteError, context: grpc.aio.ServicerContext) -> None:
    """End the call with ``exc``'s status; its details go as a google.rpc.Status in the standard trailer."""
    message = bounded_details(exc.message)
    if not exc.details:
        await context.abort(exc.code, message)
    packed = []
    for detail in exc.details:
        wrapper = any_pb2.Any()
        wrapper.Pack(detail)
        packed.append(wrapper)
    status = rpc_status.to_status(status_pb2.Status(code=exc.code.value[0], message=message, details=packed))
    await context.abort(status.code, status.details, status.trailing_metadata)


async def map_error(exc: Exception, method: str, context: grpc.aio.ServicerContext) -> None:
    """End the call with the status for ``exc`` (not an AbortError), raised by a call to ``method``; called from
    the ``except`` clause that caught it (an unplanned error is logged with its traceback)."""
    if isinstance(exc, RoteError):
        if exc.code == grpc.StatusCode.INTERNAL:
            log.error("internal error in %s: %s", method, bounded_details(exc.message))
        await abort_with(exc, context)
        return
    log.exception("unexpected error in %s", method)
    # Internals stay in the log; the caller gets a stable, non-leaking message.
    await context.abort(grpc.StatusCode.INTERNAL, f"internal error in {method}; see the service log")


class ErrorMappingInterceptor(AroundInterceptor):
    """Turns what a servicer (or an inner interceptor) raises into a deliberate status."""

    @asynccontextmanager
    async def around(self, method: str, request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        try:
            yield
        except grpc.aio.AbortError:
            raise
        except Exception as exc:  # noqa: BLE001 - anything unplanned is INTERNAL
            await map_error(exc, method, context)
