"""Object storage in an S3-compatible bucket (MinIO in production) through the minio client."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import TypeVar

import urllib3
from minio import Minio
from minio.commonconfig import CopySource
from minio.deleteobjects import DeleteObject
from minio.error import S3Error

from services.metrics import STORAGE_ERRORS
from services.settings import StorageSettings
from services.storage.keys import InvalidObjectKey, check_key
from services.storage.port import ObjectStoreUnavailable, StoredObjectMissing

T = TypeVar("T")
_MISSING_CODES = {"NoSuchKey", "NoSuchObject"}


class S3BucketStore:
    """One bucket; the blocking minio client runs in worker threads so the event loop never stalls."""

    def __init__(self, settings: StorageSettings) -> None:
        # Short timeouts and few retries: an outage must surface as UNAVAILABLE quickly,
        # and callers decide about retrying at their level.
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=3.0, read=20.0),
            retries=urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=(500, 502, 503, 504)),
            maxsize=16,
        )
        self.bucket = settings.s3_bucket
        self.endpoint = settings.s3_endpoint
        self.client = Minio(
            settings.s3_endpoint,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            secure=settings.s3_secure,
            region=settings.s3_region,
            http_client=http,
        )

    async def _call(self, what: str, fn: Callable[[], T]) -> T:
        try:
            return await asyncio.to_thread(fn)
        except S3Error as exc:
            if exc.code in _MISSING_CODES:
                raise StoredObjectMissing(f"{what}: not found") from exc
            STORAGE_ERRORS.labels(what.split(" ", 1)[0]).inc()
            raise ObjectStoreUnavailable(f"{what}: object storage refused: {exc.code}") from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            STORAGE_ERRORS.labels(what.split(" ", 1)[0]).inc()
            raise ObjectStoreUnavailable(f"{what}: object storage at {self.endpoint} unreachable") from exc

    async def ensure_ready(self) -> None:
        def create() -> None:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)

        await self._call(f"bucket {self.bucket}", create)

    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        check_key(key)
        await self._call(
            f"put {key}",
            lambda: self.client.put_object(
                self.bucket, key, io.BytesIO(data), len(data), content_type=content_type
            ),
        )

    async def get(self, key: str) -> bytes:
        check_key(key)

        def read() -> bytes:
            response = self.client.get_object(self.bucket, key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

        return await self._call(f"get {key}", read)

    async def exists(self, key: str) -> bool:
        check_key(key)
        try:
            await self._call(f"stat {key}", lambda: self.client.stat_object(self.bucket, key))
        except StoredObjectMissing:
            return False
        return True

    async def size(self, key: str) -> int:
        check_key(key)
        stat = await self._call(f"stat {key}", lambda: self.client.stat_object(self.bucket, key))
        return int(stat.size or 0)

    async def copy(self, source_key: str, target_key: str) -> None:
        check_key(source_key)
        check_key(target_key)
        await self._call(
            f"copy {source_key}",
            lambda: self.client.copy_object(self.bucket, target_key, CopySource(self.bucket, source_key)),
        )

    async def put_once_and_copy(
        self, blob_key: str, data: bytes, target_key: str, content_type: str = "application/octet-stream"
    ) -> None:
        # The target is a server-side copy: the bytes are sent at most once.
        if not await self.exists(blob_key):
            await self.put(blob_key, data, content_type=content_type)
        await self.copy(blob_key, target_key)

    async def delete_prefix(self, prefix: str) -> int:
        if not prefix.endswith("/") or not prefix.strip("/"):
            raise InvalidObjectKey("a prefix to delete names a folder: it ends with '/' and is not the root")
        check_key(prefix, prefix=True)

        def remove() -> int:
            names = [
                obj.object_name
                for obj in self.client.list_objects(self.bucket, prefix=prefix, recursive=True)
                if obj.object_name
            ]
            failures = list(self.client.remove_objects(self.bucket, [DeleteObject(name) for name in names]))
            if failures:
                raise ObjectStoreUnavailable(f"delete {prefix}: object storage refused: {failures[0].code}")
            return len(names)

        return await self._call(f"delete {prefix}", remove)

    async def list_keys(self, prefix: str) -> list[str]:
        check_key(prefix, prefix=True)

        def listing() -> list[str]:
            return sorted(
                obj.object_name
                for obj in self.client.list_objects(self.bucket, prefix=prefix, recursive=True)
                if obj.object_name
            )

        return await self._call(f"list {prefix}", listing)
