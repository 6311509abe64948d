"""The local folder store: copies are independent objects, and no key leaves the root."""

from __future__ import annotations

import pathlib

import pytest

from services.storage import ObjectStoreUnavailable, StoredObjectMissing
from services.storage.local_folder import LocalFolderStore


@pytest.fixture
def store(tmp_path: pathlib.Path) -> LocalFolderStore:
    return LocalFolderStore(tmp_path / "root")


def _every_name(root: pathlib.Path) -> list[str]:
    """Every file under ``root``, temporary ones included."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


async def test_a_copy_stays_independent_of_its_source(store: LocalFolderStore) -> None:
    await store.put("o/blobs/a", b"first")
    await store.copy("o/blobs/a", "o/scripts/s/1/a.py")
    await store.put("o/blobs/a", b"second")
    assert await store.get("o/scripts/s/1/a.py") == b"first"
    await store.put("o/scripts/s/1/a.py", b"third")
    assert await store.get("o/blobs/a") == b"second"
    assert await store.delete_prefix("o/scripts/") == 1
    assert await store.get("o/blobs/a") == b"second"


async def test_copying_again_changes_nothing_and_leaves_no_temporary_file(store: LocalFolderStore) -> None:
    await store.put("o/blobs/a", b"data")
    for _ in range(2):
        await store.copy("o/blobs/a", "o/scripts/s/1/a.py")
    assert _every_name(store.root) == ["o/blobs/a", "o/scripts/s/1/a.py"]
    assert await store.get("o/scripts/s/1/a.py") == b"data"


async def test_a_copy_changed_in_place_leaves_its_source_alone(store: LocalFolderStore) -> None:
    # Tampering with one version's file must not reach the blob that later versions are copied from.
    await store.put("o/blobs/a", b"data")
    await store.copy("o/blobs/a", "o/scripts/s/1/a.py")
    with open(store.root / "o/scripts/s/1/a.py", "ab") as handle:
        handle.write(b"tampered")
    assert await store.get("o/blobs/a") == b"data"


async def test_copying_a_missing_object_is_missing(store: LocalFolderStore) -> None:
    with pytest.raises(StoredObjectMissing):
        await store.copy("o/blobs/none", "o/scripts/s/1/a.py")


async def test_a_symlink_out_of_the_root_is_refused(store: LocalFolderStore, tmp_path: pathlib.Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_bytes(b"not yours")
    await store.put("o/blobs/a", b"data")
    (store.root / "o" / "link").symlink_to(outside)
    with pytest.raises(ObjectStoreUnavailable):
        await store.get("o/link/secret")
    with pytest.raises(ObjectStoreUnavailable):
        await store.exists("o/link/secret")
    with pytest.raises(ObjectStoreUnavailable):
        await store.put("o/link/new", b"x")
    with pytest.raises(ObjectStoreUnavailable):
        await store.copy("o/blobs/a", "o/link/copied")
    with pytest.raises(ObjectStoreUnavailable):
        await store.copy("o/link/secret", "o/blobs/stolen")
    with pytest.raises(ObjectStoreUnavailable):
        await store.put_once_and_copy("o/link/blob", b"x", "o/scripts/s/1/a.py")
    with pytest.raises(ObjectStoreUnavailable):
        await store.put_once_and_copy("o/blobs/b", b"x", "o/link/a.py")
    assert sorted(path.name for path in outside.iterdir()) == ["secret"]


async def test_a_symlink_to_a_file_out_of_the_root_is_refused(
    store: LocalFolderStore, tmp_path: pathlib.Path
) -> None:
    (tmp_path / "secret").write_bytes(b"not yours")
    await store.ensure_ready()
    (store.root / "leak").symlink_to(tmp_path / "secret")
    with pytest.raises(ObjectStoreUnavailable):
        await store.get("leak")


async def test_a_symlink_that_stays_in_the_root_is_followed(store: LocalFolderStore) -> None:
    await store.put("o/real/a", b"data")
    (store.root / "o" / "alias").symlink_to(store.root / "o" / "real")
    assert await store.get("o/alias/a") == b"data"
    assert await store.exists("o/alias/a")
    await store.copy("o/alias/a", "o/copied/a")
    assert await store.get("o/copied/a") == b"data"


async def test_put_once_and_copy_keeps_a_stored_blob_and_writes_the_copy_atomically(store: LocalFolderStore) -> None:
    await store.put("o/blobs/a", b"data")
    blob = (store.root / "o/blobs/a").stat()
    for version in (1, 2, 1):
        await store.put_once_and_copy("o/blobs/a", b"data", f"o/scripts/s/{version}/a.py")
    # The blob is written only when missing; each copy is its own file, and no temporary file is left behind.
    assert (store.root / "o/blobs/a").stat().st_ino == blob.st_ino
    assert _every_name(store.root) == ["o/blobs/a", "o/scripts/s/1/a.py", "o/scripts/s/2/a.py"]
    assert (store.root / "o/scripts/s/1/a.py").stat().st_ino != blob.st_ino
    assert await store.get("o/scripts/s/2/a.py") == b"data"
