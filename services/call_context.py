"""Per-call metadata: which organisation is calling and which run the call belongs to."""

from __future__ import annotations

import grpc

from services.errors import InvalidArgument
from services.security.auth import API_KEY_HEADER, DEFAULT_ORG, ORG_HEADER, ORG_PATTERN, current_principal

RUN_ID_HEADER = "x-rote-run-id"
_ORG_PATTERN = ORG_PATTERN

__all__ = [
    "API_KEY_HEADER", "DEFAULT_ORG", "ORG_HEADER", "RUN_ID_HEADER", "metadata_value", "org_of", "outgoing_metadata",
]


def metadata_value(context: grpc.aio.ServicerContext, key: str) -> str:
    """Return one invocation metadata value, or an empty string."""
    for item in context.invocation_metadata() or ():
        if item.key == key:
            return str(item.value)
    return ""


def org_of(context: grpc.aio.ServicerContext) -> str:
    """Return the calling organisation.

    With API keys configured it is the organisation the kernel interceptor authenticated (a tenant key's own
    organisation, or the one a service key acts for); without them, the ``x-rote-org`` header or ``default``.
    """
    principal = current_principal()
    if principal is not None:
        return principal.org
    org = metadata_value(context, ORG_HEADER) or DEFAULT_ORG
    if not _ORG_PATTERN.match(org):
        raise InvalidArgument(f"organisation {org!r} is not valid: use lower-case letters, digits, '_' or '-'")
    return org


def outgoing_metadata(org: str, run_id: str = "", *, service_key: str = "") -> tuple[tuple[str, str], ...]:
    """Metadata to forward on a service-to-service call made on behalf of ``org``.

    With a ``service_key`` (the caller's ROTE_SERVICE_API_KEY, read once into its settings) the call carries
    it: the callee maps it to the service identity, which may act for the organisation named here.
    """
    items = [(ORG_HEADER, org)]
    if run_id:
        items.append((RUN_ID_HEADER, run_id))
    if service_key:
        items.append((API_KEY_HEADER, service_key))
    return tuple(items)
