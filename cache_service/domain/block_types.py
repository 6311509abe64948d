"""Which block types have cached code (DESIGN §3) and how their names read in messages."""

from __future__ import annotations

from services.gen.rote.v1 import workflow_pb2
from services.workflows.block_types import CACHEABLE_BLOCK_TYPES as CACHEABLE_TYPES
from services.workflows.block_types import KNOWN_BLOCK_TYPES as KNOWN_TYPES
from services.workflows.block_types import LIVE_BLOCK_TYPES as NEVER_CACHED_TYPES
from services.workflows.block_types import is_cacheable

__all__ = ["CACHEABLE_TYPES", "KNOWN_TYPES", "NEVER_CACHED_TYPES", "is_cacheable", "type_name"]


def type_name(block_type: int) -> str:
    """'for_loop' for BLOCK_TYPE_FOR_LOOP; the number for a value this build does not know."""
    try:
        return workflow_pb2.BlockType.Name(block_type).removeprefix("BLOCK_TYPE_").lower()  # type: ignore[arg-type]
    except ValueError:
        return str(block_type)
