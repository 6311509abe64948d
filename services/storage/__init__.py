"""Object storage: the port every service uses and its adapters (local folder, S3 through minio)."""

from services.storage.factory import open_object_store
from services.storage.port import ObjectStore, ObjectStoreUnavailable, StoredObjectMissing

__all__ = ["ObjectStore", "ObjectStoreUnavailable", "StoredObjectMissing", "open_object_store"]
