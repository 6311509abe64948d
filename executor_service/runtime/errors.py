"""Why a replayed block could not go on as code (the engine then falls back to the agent)."""

from __future__ import annotations


class ReplayFailed(Exception):
    """An action found no element, or the block's end state or output did not match."""

    def __init__(self, reason: str, *, action_index: int = -1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.action_index = action_index
