"""Files a run uploads: objects of the run's organisation, fetched into the run's own folder, never executor paths."""

from __future__ import annotations

import asyncio
import os
import pathlib
import re
import shutil
import tempfile

from executor_service.runtime.errors import ReplayFailed
from services.errors import RoteError
from services.storage import InvalidObjectKey, ObjectOutsideOrganisation, ObjectStore, StoredObjectMissing, org_key

# A file input is for documents, not for moving bulk data through the executor.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _file_name(key: str) -> str:
    cleaned = _UNSAFE.sub("_", key.rsplit("/", 1)[-1]).strip("._") or "file"
    return cleaned[:120]


class UploadFolder:
    """One run's temporary folder of files to upload; whatever is handed to a file input must come from here.

    A value given to ``page.upload`` is an object key under ``<org>/`` (the user stored the file there and passes
    its key, usually as a parameter). It is fetched into this folder; a local path, another organisation's key
    or a key with '..' is refused, so no code, recorded or forged, can attach a file of the executor's own.
    """

    def __init__(self, store: ObjectStore | None, org: str, run_id: str) -> None:
        self._store = store
        self._org = org
        self._run_id = run_id
        self._folder: pathlib.Path | None = None
        self._count = 0

    @property
    def folder(self) -> pathlib.Path | None:
        """The folder, once a file was fetched into it."""
        return self._folder

    def _ensure_folder(self) -> pathlib.Path:
        if self._folder is None:
            safe_run = _UNSAFE.sub("_", self._run_id)[:40]
            self._folder = pathlib.Path(tempfile.mkdtemp(prefix=f"rote-run-{safe_run}-")).resolve()
        return self._folder

    async def fetch(self, key: str) -> pathlib.Path:
        """Copy the object ``key`` of the run's organisation into the folder; returns the local file."""
        if self._store is None:
            raise ReplayFailed("this executor has no object storage, so a run cannot upload files")
        try:
            org_key(self._org, key)
        except (InvalidObjectKey, ObjectOutsideOrganisation) as exc:
            raise ReplayFailed(
                f"a file to upload must be an object key under '{self._org}/' in object storage, "
                f"never a local path ({exc.message})"
            ) from None
        try:
            data = await self._store.get(key)
        except StoredObjectMissing:
            raise ReplayFailed(f"the file to upload ({key[:80]!r}) is not in object storage") from None
        except RoteError as exc:
            raise ReplayFailed(f"the file to upload could not be read from object storage: {exc.message}") from None
        if len(data) > MAX_UPLOAD_BYTES:
            raise ReplayFailed(f"the file to upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        folder = self._ensure_folder()
        self._count += 1
        # A fresh sub-folder per file keeps the object's own name (what the page sees) without collisions.
        path = folder / str(self._count) / _file_name(key)
        await asyncio.to_thread(_write, path, data)
        return self.inside(path)

    def inside(self, path: str | os.PathLike[str]) -> pathlib.Path:
        """``path`` resolved, if it is a file in this run's folder; ReplayFailed otherwise."""
        resolved = pathlib.Path(path).resolve()
        if self._folder is None or not resolved.is_relative_to(self._folder) or not resolved.is_file():
            raise ReplayFailed("refusing to upload a local file from outside the run's own upload folder")
        return resolved

    def discard(self) -> None:
        """Delete the folder and everything fetched into it (the run is over)."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _write(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
