"""Bucket Job: create the scripts bucket in object storage (idempotent), waiting until the server answers."""

from __future__ import annotations

import asyncio
import logging
import sys
import time

from services.logs import configure_logging
from services.settings import StorageSettings, env_float, env_str
from services.storage import ObjectStoreUnavailable, open_object_store

log = logging.getLogger("deploy.create_bucket")


async def create_bucket(settings: StorageSettings, timeout_s: float, interval_s: float) -> bool:
    """Create ``settings.s3_bucket`` unless it exists; False when storage did not answer within ``timeout_s``."""
    store = open_object_store(settings)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            await store.ensure_ready()
        except ObjectStoreUnavailable as exc:
            if time.monotonic() >= deadline:
                log.error("object storage never answered", extra={"error": exc.message})
                return False
            log.info("object storage not ready; retrying", extra={"error": exc.message})
            await asyncio.sleep(interval_s)
            continue
        log.info("bucket ready", extra={"bucket": settings.s3_bucket, "endpoint": settings.s3_endpoint})
        return True


def main() -> int:
    configure_logging("create-bucket", env_str("ROTE_LOG_LEVEL", "INFO"))
    settings = StorageSettings.from_env()
    if settings.backend != "s3":
        log.error("ROTE_STORAGE_BACKEND must be s3 for the bucket Job", extra={"backend": settings.backend})
        return 2
    timeout_s = env_float("ROTE_BUCKET_WAIT_TIMEOUT_SECONDS", 300.0)
    ok = asyncio.run(create_bucket(settings, timeout_s, env_float("ROTE_BUCKET_WAIT_INTERVAL_SECONDS", 2.0)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
