"""Block order: the next block after one finishes, following next_block_label and conditional branches."""

from __future__ import annotations

from services.gen.rote.v1 import workflow_pb2


class BlockGraph:
    """Top-level blocks in definition order, addressable by label."""

    def __init__(self, blocks: list[workflow_pb2.Block]) -> None:
        self.blocks = blocks
        self._index = {block.label: i for i, block in enumerate(blocks)}

    def first(self) -> workflow_pb2.Block | None:
        return self.blocks[0] if self.blocks else None

    def get(self, label: str) -> workflow_pb2.Block:
        return self.blocks[self._index[label]]

    def after(self, block: workflow_pb2.Block, chosen: str = "") -> workflow_pb2.Block | None:
        """The block to run next: a chosen branch, else the block's next_block_label, else the next in order."""
        if chosen:
            return self.get(chosen)
        if block.next_block_label:
            return self.get(block.next_block_label)
        position = self._index[block.label] + 1
        return self.blocks[position] if position < len(self.blocks) else None
