"""Frames between a service and its worker processes: a decimal length, a newline, then that many bytes of JSON."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

MAX_FRAME_BYTES = 256 * 1024 * 1024


def encode(message: dict[str, Any]) -> bytes:
    body = json.dumps(message, allow_nan=False, separators=(",", ":")).encode()
    return b"%d\n" % len(body) + body


def read_frame(stream: BinaryIO) -> dict[str, Any] | None:
    """The next message, or None once the other side has closed the channel."""
    header = stream.readline()
    if not header:
        return None
    size = int(header)
    if size > MAX_FRAME_BYTES:
        raise ValueError(f"frame of {size} bytes")
    body = stream.read(size)
    if len(body) < size:
        return None
    message = json.loads(body)
    assert isinstance(message, dict)
    return message
