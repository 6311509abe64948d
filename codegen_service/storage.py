"""Uploads script files content-addressed and idempotently, and reads back reused files with a sha256 check."""

from __future__ import annotations

import hashlib
import hmac

from services.errors import FailedPrecondition, NotFound
from services.gen.rote.v1 import script_pb2
from services.storage import ObjectOutsideOrganisation, ObjectStore, org_key

CONTENT_TYPE = "text/x-python; charset=utf-8"


def blob_key(org: str, sha256: str) -> str:
    """Where content with this digest lives once per organisation."""
    return f"{org}/blobs/sha256/{sha256}"


def version_key(org: str, script_id: str, version: int, path: str) -> str:
    """The versioned key of one file: ``<org>/scripts/<script_id>/<version>/<path>``."""
    return f"{org}/scripts/{script_id}/{version}/{path}"


async def store_script_file(
    store: ObjectStore, org: str, script_id: str, version: int, path: str, data: bytes
) -> script_pb2.ScriptFile:
    """Put the blob once if missing, then the same bytes under the versioned key; repeating the call changes
    nothing."""
    digest = hashlib.sha256(data).hexdigest()
    key = version_key(org, script_id, version, path)
    await store.put_once_and_copy(blob_key(org, digest), data, key, content_type=CONTENT_TYPE)
    return script_pb2.ScriptFile(path=path, sha256=digest, size_bytes=len(data), storage_key=key)


async def read_verified(store: ObjectStore, org: str, file: script_pb2.ScriptFile, what: str) -> bytes:
    """The stored bytes of a file the caller says we wrote before, refused if they changed since.

    The key goes through the storage layer's one check: a malformed key ('..', absolute, empty parts) is
    INVALID_ARGUMENT, another organisation's key is NOT_FOUND like a missing one. A mismatch never quotes the
    stored object's digest: that would reveal something about bytes the caller may not read.
    """
    try:
        org_key(org, file.storage_key)
    except ObjectOutsideOrganisation:
        raise NotFound(f"{what}: stored file {file.path!r} not found") from None
    data = await store.get(file.storage_key)
    digest = hashlib.sha256(data).hexdigest()
    if not hmac.compare_digest(digest, file.sha256.lower()):
        raise FailedPrecondition(
            f"{what}: stored file {file.path!r} does not match the sha256 given for it "
            "(it was changed after it was stored, or the reference is wrong)"
        )
    return data
