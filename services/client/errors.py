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


# gRPC's words for a connection that was never made (as opposed to one that dropped during the call).
_NEVER_CONNECTED = ("failed to connect", "connection refused", "dns resolution failed", "name resolution")


def translate(exc: grpc.aio.AioRpcError, service: str, address: str) -> ClientError:
    """The typed error for a failed call, naming the service when it is unreachable and keeping gRPC's detail."""
    code = exc.code()
    detail = (exc.details() or "").strip()
    if code == grpc.StatusCode.UNAVAILABLE and "unavailable" not in detail.lower():
        if not detail or any(words in detail.lower() for words in _NEVER_CONNECTED):
            message = f"{service} at {address} is unreachable; is it running? (try `rote up`)"
            message += f" [{detail}]" if detail else ""
        else:  # it was reached: say how the call was lost, so a crash or a reset is not taken for "not started"
            message = f"{service} at {address} is unreachable: the call was lost ({detail})"
    else:
        message = detail or code.name
    return _BY_CODE.get(code, ClientError)(code, message)
