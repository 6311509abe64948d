"""Which block types run through the agent and are cached as code, and which always run live (DESIGN §3)."""

from __future__ import annotations

from services.gen.rote.v1 import workflow_pb2

BT = workflow_pb2.BlockType

# Blocks driven by the agent whose cached code is their own recorded actions.
ACTION_BLOCK_TYPES: frozenset[int] = frozenset(
    {
        BT.BLOCK_TYPE_NAVIGATION, BT.BLOCK_TYPE_ACTION, BT.BLOCK_TYPE_LOGIN, BT.BLOCK_TYPE_EXTRACTION,
        BT.BLOCK_TYPE_TASK, BT.BLOCK_TYPE_FILE_DOWNLOAD,
    }
)
# Blocks whose cached code calls their children's functions.
COMPOSITE_BLOCK_TYPES: frozenset[int] = frozenset({BT.BLOCK_TYPE_FOR_LOOP, BT.BLOCK_TYPE_TASK_V2})
CACHEABLE_BLOCK_TYPES: frozenset[int] = ACTION_BLOCK_TYPES | COMPOSITE_BLOCK_TYPES
# Blocks that are deterministic or user code: they run live, never cached.
LIVE_BLOCK_TYPES: frozenset[int] = frozenset(
    {BT.BLOCK_TYPE_CONDITIONAL, BT.BLOCK_TYPE_WAIT, BT.BLOCK_TYPE_CODE, BT.BLOCK_TYPE_GOTO_URL}
)
KNOWN_BLOCK_TYPES: frozenset[int] = CACHEABLE_BLOCK_TYPES | LIVE_BLOCK_TYPES


def is_cacheable(block_type: int) -> bool:
    return block_type in CACHEABLE_BLOCK_TYPES
