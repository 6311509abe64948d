"""How the client makes calls: org and API-key metadata, deadlines, and retries with backoff on UNAVAILABLE."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import grpc
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from services.call_context import API_KEY_HEADER, ORG_HEADER
from services.channels import open_channel
from services.client.errors import translate
from services.settings import DEFAULT_MAX_MESSAGE_BYTES, TlsSettings, env_int

T = TypeVar("T")
__all__ = ["API_KEY_HEADER", "CallOptions", "is_unavailable", "unary"]


def is_unavailable(exc: BaseException) -> bool:
    """Whether a call failed because the service could not be reached (safe to retry)."""
    return isinstance(exc, grpc.aio.AioRpcError) and exc.code() == grpc.StatusCode.UNAVAILABLE


@dataclass(frozen=True)
class CallOptions:
    """Who is calling (organisation, API key), how long a call may take, and how often to retry.

    An empty ``org`` names none: the service uses the API key's organisation (or ``default`` without keys).
    """

    org: str = ""
    api_key: str = field(default="", repr=False)
    timeout_s: float = 30.0
    attempts: int = 4
    # The CA the client trusts (ROTE_TLS_CA_FILE; none: plaintext) and the largest message either way.
    tls: TlsSettings = field(default_factory=TlsSettings.plaintext)
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES

    @classmethod
    def from_env(cls, org: str = "") -> CallOptions:
        """ROTE_ORG, ROTE_API_KEY, ROTE_TLS_* and ROTE_MAX_MESSAGE_BYTES, read once for a client's lifetime."""
        return cls(
            org=org or os.environ.get("ROTE_ORG", ""),
            api_key=os.environ.get("ROTE_API_KEY", ""),
            tls=TlsSettings.from_env(),
            max_message_bytes=env_int("ROTE_MAX_MESSAGE_BYTES", DEFAULT_MAX_MESSAGE_BYTES),
        )

    def open_channel(self, address: str) -> grpc.aio.Channel:
        """A channel to ``address`` with these options' TLS trust and message limit."""
        return open_channel(address, tls=self.tls, max_message_bytes=self.max_message_bytes)

    def metadata(self) -> tuple[tuple[str, str], ...]:
        items = [(ORG_HEADER, self.org)] if self.org else []
        if self.api_key:
            items.append((API_KEY_HEADER, self.api_key))
        return tuple(items)


async def unary(
    method: Callable[..., Awaitable[T]],
    request: Any,
    options: CallOptions,
    *,
    service: str,
    address: str,
) -> T:
    """One unary call with the caller's metadata and deadline; UNAVAILABLE is retried with jittered backoff."""
    try:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception(is_unavailable),
            wait=wait_exponential_jitter(multiplier=0.1, max=2.0, jitter=0.1),
            stop=stop_after_attempt(options.attempts),
            reraise=True,
        ):
            with attempt:
                return await method(request, metadata=options.metadata(), timeout=options.timeout_s)
    except grpc.aio.AioRpcError as exc:
        raise translate(exc, service, address) from exc
    raise AssertionError("unreachable: tenacity either returns or reraises")
