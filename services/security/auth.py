"""API-key authentication: a key maps to one organisation, or to the service identity that may act for any."""

from __future__ import annotations

import contextvars
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

import grpc

from services.errors import RoteError, Unauthenticated

API_KEY_HEADER = "x-rote-api-key"
ORG_HEADER = "x-rote-org"
DEFAULT_ORG = "default"
SERVICE_IDENTITY = "@service"
ORG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
# Health and reflection answer anyone: probes and grpcurl's `list` carry no credentials.
UNAUTHENTICATED_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")


class PermissionDenied(RoteError):
    """The caller is authenticated but may not act for what it asked."""

    code = grpc.StatusCode.PERMISSION_DENIED


@dataclass(frozen=True)
class Principal:
    """Who a call is from once authenticated: the organisation it acts for, and whether it is a service."""

    org: str
    is_service: bool = False


_principal: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("rote_principal", default=None)


def current_principal() -> Principal | None:
    """The principal of the call being served, or None when authentication is off."""
    return _principal.get()


def bind_principal(principal: Principal | None) -> contextvars.Token[Principal | None]:
    return _principal.set(principal)


def reset_principal(token: contextvars.Token[Principal | None]) -> None:
    try:
        _principal.reset(token)
    except ValueError:
        # A streaming handler may be finalised in another context; its own context dies with the call anyway.
        pass


def require_service(method: str) -> None:
    """Refuse the call unless it comes from the service identity.

    Run records (StartRun, RecordBlockRun, FinishRun) are the executor's to write: a tenant that could write them
    could forge a trace, and the code generated from it would run in the executor. With authentication off (no
    ROTE_API_KEYS: the embedded, loopback-only default) there are no identities to tell apart, so every caller is
    trusted as before; the executor's runtime and codegen still refuse local paths on their own.
    """
    principal = current_principal()
    if principal is not None and not principal.is_service:
        raise PermissionDenied(
            f"{method} writes run records, which only the executor's service identity may do; "
            "start runs with ExecutorService.RunWorkflow"
        )


def check_org(org: str) -> str:
    if not ORG_PATTERN.match(org):
        raise ValueError(f"organisation {org!r} is not valid: use lower-case letters, digits, '_' or '-'")
    return org


@dataclass(frozen=True)
class ApiKeyTable:
    """Keys and what they stand for, parsed from ROTE_API_KEYS (``key=org,key2=@service``)."""

    entries: tuple[tuple[bytes, str], ...]

    @classmethod
    def parse(cls, raw: str) -> ApiKeyTable:
        entries: list[tuple[bytes, str]] = []
        seen: set[str] = set()
        for position, item in enumerate(part.strip() for part in raw.split(",")):
            if not item:
                continue
            key, sep, owner = (s.strip() for s in item.partition("="))
            # The key itself is never echoed: the message names the entry by its position only.
            if not sep or not key or not owner:
                raise ValueError(f"ROTE_API_KEYS entry {position + 1} must look like key=org or key=@service")
            if len(key) < 16:
                raise ValueError(f"ROTE_API_KEYS entry {position + 1}: a key must be at least 16 characters")
            if key in seen:
                raise ValueError(f"ROTE_API_KEYS entry {position + 1} repeats a key")
            if owner != SERVICE_IDENTITY:
                try:
                    check_org(owner)
                except ValueError as exc:
                    raise ValueError(f"ROTE_API_KEYS entry {position + 1}: {exc}") from None
            seen.add(key)
            entries.append((key.encode(), owner))
        return cls(tuple(entries))

    @property
    def enabled(self) -> bool:
        return bool(self.entries)

    def owner_of(self, presented: str) -> str | None:
        """The owner of ``presented``; every key is compared, in constant time, whatever matches."""
        candidate = presented.encode()
        found: str | None = None
        for key, owner in self.entries:
            if hmac.compare_digest(key, candidate) and found is None:
                found = owner
        return found


class Authenticator:
    """Turns a call's metadata into a Principal, or refuses it with UNAUTHENTICATED / PERMISSION_DENIED."""

    def __init__(self, keys: ApiKeyTable) -> None:
        self.keys = keys

    @property
    def enabled(self) -> bool:
        return self.keys.enabled

    @staticmethod
    def exempt(method: str) -> bool:
        return method.startswith(UNAUTHENTICATED_PREFIXES)

    def authenticate(self, metadata: Iterable[tuple[str, str | bytes]]) -> Principal:
        values = {key: value for key, value in metadata if isinstance(value, str)}
        presented = values.get(API_KEY_HEADER, "")
        named_org = values.get(ORG_HEADER, "")
        if not presented:
            raise Unauthenticated(f"this service requires an API key: send it in the {API_KEY_HEADER} metadata header")
        owner = self.keys.owner_of(presented)
        if owner is None:
            raise Unauthenticated(f"the API key in {API_KEY_HEADER} is not valid")
        if owner == SERVICE_IDENTITY:
            org = named_org or DEFAULT_ORG
            if not ORG_PATTERN.match(org):
                raise PermissionDenied(f"organisation {org!r} is not valid")
            return Principal(org, is_service=True)
        if named_org and named_org != owner:
            raise PermissionDenied(
                f"this API key belongs to organisation {owner!r}; it cannot act for {named_org!r} "
                f"(drop the {ORG_HEADER} header or use the key of that organisation)"
            )
        return Principal(owner)
