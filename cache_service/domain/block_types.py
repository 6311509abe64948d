"""Which block types have cached code (DESIGN §3) and how their names read in messages."""

from __future__ import annotations

from services.gen.rote.v1 import workflow_pb2

BT = workflow_pb2

CACHEABLE_TYPES: frozenset[int] = frozenset(
    {
        BT.BLOCK_TYPE_NAVIGATION,
        BT.BLOCK_TYPE_ACTION,
        BT.BLOCK_TYPE_LOGIN,
        BT.BLOCK_TYPE_EXTRACTION,
        BT.BLOCK_TYPE_TASK,
        BT.BLOCK_TYPE_TASK_V2,
        BT.BLOCK_TYPE_FILE_DOWNLOAD,
        BT.BLOCK_TYPE_FOR_LOOP,
    }
)
NEVER_CACHED_TYPES: frozenset[int] = frozenset(
    {BT.BLOCK_TYPE_CONDITIONAL, BT.BLOCK_TYPE_WAIT, BT.BLOCK_TYPE_CODE, BT.BLOCK_TYPE_GOTO_URL}
)
KNOWN_TYPES: frozenset[int] = CACHEABLE_TYPES | NEVER_CACHED_TYPES


def is_cacheable(block_type: int) -> bool:
    return block_type in CACHEABLE_TYPES


def type_name(block_type: int) -> str:
    """'for_loop' for BLOCK_TYPE_FOR_LOOP; the number for a value this build does not know."""
    try:
        return workflow_pb2.BlockType.Name(block_type).removeprefix("BLOCK_TYPE_").lower()  # type: ignore[arg-type]
    except ValueError:
        return str(block_type)
