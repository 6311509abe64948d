"""Object storage in a local folder: the embedded default."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import pathlib
import shutil
import stat
import tempfile

from services.storage.keys import InvalidObjectKey, check_key
from services.storage.port import ObjectStoreUnavailable, StoredObjectMissing


class LocalFolderStore:
    """Stores each key as a file under ``root``; writes are atomic (temp file, then rename)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = pathlib.Path(root).resolve()

    def _path(self, key: str) -> pathlib.Path:
        path = self.root / check_key(key)
        # Belt and braces: even a well-formed key must not leave the root through a symlink. A checked key has no
        # '.', '..' or empty part, so a path none of whose parts under the root is a symlink is already resolved:
        # only then is the full resolve (one lstat per part from '/', the cost of every upload) skipped.
        if _has_symlink(str(self.root), key):
            path = path.resolve()
            if not path.is_relative_to(self.root) or path == self.root:
                raise ObjectStoreUnavailable("an object key resolves outside the storage root")
        return path

    async def ensure_ready(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ObjectStoreUnavailable(f"local storage folder {self.root} is not usable: {exc}") from exc

    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        await asyncio.to_thread(self._put_sync, key, data)

    def _put_sync(self, key: str, data: bytes) -> None:
        self._write(self._path(key), key, data)

    @staticmethod
    def _write(path: pathlib.Path, key: str, data: bytes) -> None:
        try:
            fd, tmp = _temporary_beside(path)
            try:
                # Straight to the descriptor: a file object would first stat it, ask whether it is a terminal and
                # where it stands, three system calls more than writing a small file takes.
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except OSError as exc:
            raise ObjectStoreUnavailable(f"cannot write {key}: {exc}") from exc

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError as exc:
            raise StoredObjectMissing(f"object {key} not found") from exc
        except OSError as exc:
            raise ObjectStoreUnavailable(f"cannot read {key}: {exc}") from exc

    async def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    async def size(self, key: str) -> int:
        path = self._path(key)
        try:
            found = path.stat()
        except OSError as exc:
            # A name no file can have (too long for the file system) is as missing as one that is not there.
            if isinstance(exc, FileNotFoundError | NotADirectoryError) or exc.errno == errno.ENAMETOOLONG:
                raise StoredObjectMissing(f"object {key} not found") from exc
            raise ObjectStoreUnavailable(f"cannot read {key}: {exc}") from exc
        if not stat.S_ISREG(found.st_mode):
            raise StoredObjectMissing(f"object {key} not found")
        return found.st_size

    async def copy(self, source_key: str, target_key: str) -> None:
        source, target = self._path(source_key), self._path(target_key)
        if not source.is_file():
            raise StoredObjectMissing(f"object {source_key} not found")
        await asyncio.to_thread(self._copy_sync, source, target)

    async def put_once_and_copy(
        self, blob_key: str, data: bytes, target_key: str, content_type: str = "application/octet-stream"
    ) -> None:
        # One thread hop for the three steps: a hop costs about as much as writing a small file.
        await asyncio.to_thread(self._put_once_and_copy_sync, blob_key, data, target_key)

    def _put_once_and_copy_sync(self, blob_key: str, data: bytes, target_key: str) -> None:
        blob = self._path(blob_key)
        if not blob.is_file():
            self._write(blob, blob_key, data)
        # The bytes in hand rather than a copy of the blob's: the same bytes (the caller named the blob by their
        # digest) with one file fewer to open, and a blob changed in place does not reach the new key.
        self._write(self._path(target_key), target_key, data)

    @staticmethod
    def _copy_sync(source: pathlib.Path, target: pathlib.Path) -> None:
        # The bytes are copied, never hard-linked: a file changed in place (tampering, a bad disk) must not change
        # the content-addressed blob every later version is copied from.
        fd, tmp = _temporary_beside(target)
        os.close(fd)
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)

    async def delete_prefix(self, prefix: str) -> int:
        if not prefix.endswith("/") or not prefix.strip("/"):
            raise InvalidObjectKey("a prefix to delete names a folder: it ends with '/' and is not the root")
        keys = await self.list_keys(prefix)

        def remove() -> None:
            for key in keys:
                self._path(key).unlink(missing_ok=True)
            folder = self.root / prefix
            # Empty folders left behind, deepest first (their names may hold run ids).
            for path in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
                with contextlib.suppress(OSError):
                    path.rmdir()
            with contextlib.suppress(OSError):
                folder.rmdir()

        await asyncio.to_thread(remove)
        return len(keys)

    async def list_keys(self, prefix: str) -> list[str]:
        check_key(prefix, prefix=True)
        if not self.root.exists():
            return []
        keys = [
            str(path.relative_to(self.root))
            for path in self.root.rglob("*")
            if path.is_file() and not path.name.startswith(".tmp-")
        ]
        return sorted(key for key in keys if key.startswith(prefix))


def _has_symlink(root: str, key: str) -> bool:
    """Whether a part of ``root/key`` under ``root`` is a symlink (parts that do not exist yet are not)."""
    path = root
    for part in key.split("/"):
        path = f"{path}/{part}"
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True  # unreadable or a name too long: let the full resolve decide (and raise)
        if stat.S_ISLNK(mode):
            return True
    return False


def _temporary_beside(path: pathlib.Path) -> tuple[int, str]:
    """A new empty temporary file in ``path``'s folder (created when missing: most folders exist already)."""
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=path.parent, prefix=".tmp-")

