"""Object storage: the port every service uses and its adapters (local folder, S3 through minio)."""

from services.storage.factory import open_object_store
from services.storage.keys import InvalidObjectKey, ObjectOutsideOrganisation, check_key, org_key
from services.storage.port import ObjectStore, ObjectStoreUnavailable, StoredObjectMissing

__all__ = [
    "InvalidObjectKey", "ObjectOutsideOrganisation", "check_key", "org_key",
    "ObjectStore", "ObjectStoreUnavailable", "StoredObjectMissing", "open_object_store",
]
