"""Chooses the object-storage adapter from settings."""

from __future__ import annotations

from services.settings import StorageSettings
from services.storage.local_folder import LocalFolderStore
from services.storage.port import ObjectStore
from services.storage.s3_bucket import S3BucketStore


def open_object_store(settings: StorageSettings) -> ObjectStore:
    """Return the adapter named by ``settings.backend`` ('local' or 's3')."""
    if settings.backend == "local":
        return LocalFolderStore(settings.local_root)
    if settings.backend == "s3":
        return S3BucketStore(settings)
    raise ValueError(f"ROTE_STORAGE_BACKEND must be 'local' or 's3', got {settings.backend!r}")
