"""Domain errors that carry their gRPC status, mapped to the wire by one interceptor."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
from google.protobuf.message import Message


class RoteError(Exception):
    """Base of every error a service reports to its callers on purpose; ``details`` are standard google.rpc
    error details (BadRequest, ...) sent with the status for clients that read them."""

    code: grpc.StatusCode = grpc.StatusCode.INTERNAL

    def __init__(self, message: str, *, details: Sequence[Message] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = tuple(details)


class InvalidArgument(RoteError):
    """The request is malformed; the message says what is wrong."""

    code = grpc.StatusCode.INVALID_ARGUMENT


class NotFound(RoteError):
    """The named record does not exist (or belongs to another organisation)."""

    code = grpc.StatusCode.NOT_FOUND


class FailedPrecondition(RoteError):
    """The request is valid but the system is not in a state to honour it."""

    code = grpc.StatusCode.FAILED_PRECONDITION


class Unavailable(RoteError):
    """A dependency (database, object storage, another service) cannot be reached."""

    code = grpc.StatusCode.UNAVAILABLE


class ResourceExhausted(RoteError):
    """A configured limit is reached (concurrent runs, message size)."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class Unauthenticated(RoteError):
    """The caller did not present valid credentials."""

    code = grpc.StatusCode.UNAUTHENTICATED


class DeadlineExceeded(RoteError):
    """The work did not finish in the time allowed."""

    code = grpc.StatusCode.DEADLINE_EXCEEDED


class RemoteError(RoteError):
    """An error another service returned, passed on to our caller with the same status."""

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code


def from_rpc_error(exc: grpc.aio.AioRpcError, service: str) -> RoteError:
    """Re-raise a downstream failure with its status; an unreachable service is named."""
    if exc.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return Unavailable(f"{service} is unavailable: {exc.details()}")
    return RemoteError(exc.code(), exc.details() or exc.code().name)
