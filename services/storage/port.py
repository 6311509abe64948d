"""The object-storage port: what services need from a bucket, independent of where it lives."""

from __future__ import annotations

from typing import Protocol

from services.errors import NotFound, Unavailable


class StoredObjectMissing(NotFound):
    """The key does not exist in the store."""


class ObjectStoreUnavailable(Unavailable):
    """The store cannot be reached or refused the operation."""


class ObjectStore(Protocol):
    """Keys are '/'-separated paths; values are bytes. Every method is safe to retry."""

    async def ensure_ready(self) -> None:
        """Create the bucket or folder if it is missing; raise ObjectStoreUnavailable if unreachable."""

    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Store ``data`` under ``key``, replacing what was there."""

    async def get(self, key: str) -> bytes:
        """Return the bytes under ``key``; raise StoredObjectMissing when absent."""

    async def exists(self, key: str) -> bool:
        """Whether ``key`` exists."""

    async def size(self, key: str) -> int:
        """The size in bytes of the object under ``key``, without reading it; raise StoredObjectMissing when absent."""

    async def copy(self, source_key: str, target_key: str) -> None:
        """Copy an object inside the store without sending its bytes through the caller."""

    async def put_once_and_copy(
        self, blob_key: str, data: bytes, target_key: str, content_type: str = "application/octet-stream"
    ) -> None:
        """Store ``data`` under ``blob_key`` unless an object is there already, then the same bytes under
        ``target_key``: a content-addressed upload in one call (``exists``, ``put`` if missing, ``copy``)."""

    async def list_keys(self, prefix: str) -> list[str]:
        """Every key starting with ``prefix``, sorted."""

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every object under ``prefix`` (a folder-like prefix ending in '/'); returns how many."""
