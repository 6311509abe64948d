"""Per-call metadata: which organisation is calling and which run the call belongs to."""

from __future__ import annotations

import re

import grpc

from services.errors import InvalidArgument

ORG_HEADER = "x-rote-org"
RUN_ID_HEADER = "x-rote-run-id"
DEFAULT_ORG = "default"
_ORG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


def metadata_value(context: grpc.aio.ServicerContext, key: str) -> str:
    """Return one invocation metadata value, or an empty string."""
    for item in context.invocation_metadata() or ():
        if item.key == key:
            return str(item.value)
    return ""


def org_of(context: grpc.aio.ServicerContext) -> str:
    """Return the calling organisation (the default one when the caller names none)."""
    org = metadata_value(context, ORG_HEADER) or DEFAULT_ORG
    if not _ORG_PATTERN.match(org):
        raise InvalidArgument(f"organisation {org!r} is not valid: use lower-case letters, digits, '_' or '-'")
    return org


def outgoing_metadata(org: str, run_id: str = "") -> tuple[tuple[str, str], ...]:
    """Metadata to forward on a service-to-service call made on behalf of ``org``."""
    items = [(ORG_HEADER, org)]
    if run_id:
        items.append((RUN_ID_HEADER, run_id))
    return tuple(items)
