"""Short lower-case labels for protobuf enum values (BLOCK_MODE_CODE -> "code"), for CLI, reports and metrics."""

from __future__ import annotations

from typing import Any


def enum_label(enum: Any, value: int, prefix: str, *, unset: str = "-") -> str:
    """The value's name without ``prefix``, lower-cased; ``unset`` for 0 (the UNSPECIFIED value)."""
    return str(enum.Name(value)).removeprefix(prefix).lower() if value else unset
