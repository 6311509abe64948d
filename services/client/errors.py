"""Typed client errors, one per gRPC status a caller can act on."""

from __future__ import annotations

import grpc


class ClientError(Exception):
    """A call failed; ``code`` is the gRPC status, the message says what to do."""

    def __init__(self, code: grpc.StatusCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class InvalidArgumentError(ClientError):
    """The request was refused as malformed."""


class NotFoundError(ClientError):
    """The named workflow, run or script does not exist (for this organisation)."""


class ServiceUnavailableError(ClientError):
    """The service could not be reached or its dependencies are down."""


_BY_CODE: dict[grpc.StatusCode, type[ClientError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.NOT_FOUND: NotFoundError,
    grpc.StatusCode.UNAVAILABLE: ServiceUnavailableError,
}


def translate(exc: grpc.aio.AioRpcError, service: str, address: str) -> ClientError:
    """The typed error for a failed call, naming the service when it is unreachable."""
    code = exc.code()
    if code == grpc.StatusCode.UNAVAILABLE and "unavailable" not in (exc.details() or "").lower():
        message = f"{service} at {address} is unreachable; is it running? (try `rote up`)"
    else:
        message = exc.details() or code.name
    return _BY_CODE.get(code, ClientError)(code, message)
