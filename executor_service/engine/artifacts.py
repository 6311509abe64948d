"""Files a run leaves in object storage: downloaded files and screenshots taken at a fallback or failure."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as PlaywrightPage

from executor_service.runtime.uploads import UploadFolder
from services.errors import RoteError
from services.storage import ObjectStore

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip("._") or "file"
    return cleaned[:120]


class RunArtifacts:
    """Writes one run's files under ``<org>/runs/<run_id>/``; a storage outage never fails the run."""

    def __init__(self, store: ObjectStore | None, org: str, run_id: str) -> None:
        self._store = store
        self._prefix = f"{org}/runs/{run_id}"
        # Files the run uploads come from storage under its organisation, into a folder of its own.
        self.uploads = UploadFolder(store, org, run_id)

    async def put_download(self, filename: str, data: bytes) -> str:
        """Store a downloaded file; returns its key (content-addressed within the run, so reruns dedupe)."""
        if self._store is None:
            return ""
        digest = hashlib.sha256(data).hexdigest()[:16]
        key = f"{self._prefix}/downloads/{digest}-{_safe_name(filename)}"
        await self._store.put(key, data)
        return key

    async def put_output(self, label: str, sequence: int, data: bytes) -> str:
        """Store an output too large to travel in events and records; its key, or '' when it cannot be kept."""
        if self._store is None:
            return ""
        key = f"{self._prefix}/outputs/{sequence:03d}-{_safe_name(label)}.json"
        try:
            await self._store.put(key, data, "application/json")
        except (RoteError, OSError) as exc:
            log.warning("output not kept", extra={"label": label, "reason": type(exc).__name__})
            return ""
        return key

    async def screenshot(self, page: PlaywrightPage, label: str, sequence: int, why: str) -> str:
        """A PNG of the page now (at a fallback or failure); '' when it cannot be taken or stored."""
        if self._store is None or page.is_closed():
            return ""
        key = f"{self._prefix}/screenshots/{sequence:03d}-{_safe_name(label)}-{why}.png"
        reason = ""
        for attempt in range(3):
            try:
                data = await page.screenshot(type="png", timeout=2000)
                await self._store.put(key, data, "image/png")
                return key
            except (PlaywrightError, RoteError, OSError) as exc:
                # Chromium sometimes refuses a capture while an error page is being committed: try again shortly.
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                await asyncio.sleep(0.1 * (attempt + 1))
        log.warning("screenshot not kept", extra={"label": label, "reason": reason})
        return ""
