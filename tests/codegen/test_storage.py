"""Uploads on both backends (local folder, real S3 server): versioned keys, dedup, idempotent retry, outages."""

from __future__ import annotations

import dataclasses
import pathlib

import pytest

from codegen_service.service import ScriptGenerator
from services.errors import Unavailable
from services.gen.rote.v1 import codegen_service_pb2
from services.settings import StorageSettings
from services.storage import ObjectStore, ObjectStoreUnavailable, StoredObjectMissing, open_object_store
from tests.codegen.conftest import demo_request
from tests.support.s3_server import free_port


def reuse_all(response: codegen_service_pb2.GenerateScriptResponse) -> list[codegen_service_pb2.ReusedBlock]:
    files = {file.path: file for file in response.files}
    return [
        codegen_service_pb2.ReusedBlock(
            label=block.label,
            run_signature=block.run_signature,
            file=files[block.file_path],
            parameter_names=block.parameter_names,
        )
        for block in response.blocks
    ]


async def test_every_file_is_stored_under_its_versioned_key(generator: ScriptGenerator, store: ObjectStore) -> None:
    response = await generator.generate("default", demo_request("quote", 1))
    assert [file.storage_key for file in response.files] == [
        "default/scripts/quote/1/module.py",
        "default/scripts/quote/1/blocks/login.py",
        "default/scripts/quote/1/blocks/fill_quote.py",
        "default/scripts/quote/1/blocks/extract_quote.py",
    ]
    for file in response.files:
        data = await store.get(file.storage_key)
        assert len(data) == file.size_bytes
        assert await store.exists(f"default/blobs/sha256/{file.sha256}")


async def test_retrying_the_same_request_is_harmless(generator: ScriptGenerator, store: ObjectStore) -> None:
    first = await generator.generate("default", demo_request("quote", 1))
    keys = await store.list_keys("default/")
    second = await generator.generate("default", demo_request("quote", 1))
    assert second == first
    assert await store.list_keys("default/") == keys


async def test_identical_content_is_uploaded_once(generator: ScriptGenerator, store: ObjectStore) -> None:
    first = await generator.generate("default", demo_request("quote", 1))
    assert len(await store.list_keys("default/blobs/")) == 4
    request = demo_request("quote", 2)
    del request.traces[:]
    request.reused.extend(reuse_all(first))
    second = await generator.generate("default", request)
    # Only the new module.py is new content; the three reused block files are the same blobs.
    assert len(await store.list_keys("default/blobs/")) == 5
    assert [f.sha256 for f in second.files[1:]] == [f.sha256 for f in first.files[1:]]
    assert len(await store.list_keys("default/scripts/quote/2/")) == 4


async def test_put_once_and_copy_stores_the_blob_once_and_the_bytes_under_the_key(store: ObjectStore) -> None:
    for version in (1, 2):
        await store.put_once_and_copy("acme/blobs/sha256/d", b"data", f"acme/scripts/s/{version}/a.py", "text/plain")
    keys = await store.list_keys("acme/")
    assert keys == ["acme/blobs/sha256/d", "acme/scripts/s/1/a.py", "acme/scripts/s/2/a.py"]
    assert [await store.get(key) for key in keys] == [b"data"] * 3


async def test_the_bucket_or_folder_is_created_when_missing(storage_settings: StorageSettings) -> None:
    fresh = open_object_store(storage_settings)
    await fresh.ensure_ready()
    await fresh.ensure_ready()  # a second call finds it there
    response = await ScriptGenerator(fresh).generate("acme", demo_request())
    assert response.files[0].storage_key.startswith("acme/scripts/")


def _unreachable(settings: StorageSettings, tmp_path: pathlib.Path) -> StorageSettings:
    if settings.backend == "s3":
        return dataclasses.replace(settings, s3_endpoint=f"127.0.0.1:{free_port()}")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the storage folder should be")
    return dataclasses.replace(settings, local_root=str(blocker / "objects"))


async def test_size_is_read_without_the_bytes_and_what_is_not_a_file_is_missing(store: ObjectStore) -> None:
    await store.put("acme/runs/r1/downloads/a.bin", b"x" * 1000)
    assert await store.size("acme/runs/r1/downloads/a.bin") == 1000
    # Absent, a folder-like prefix, and a name longer than any file system allows (255 bytes a part).
    for key in ("acme/runs/r1/downloads/none.bin", "acme/runs/r1/downloads", "acme/runs/r1/" + "n" * 300 + ".png"):
        with pytest.raises(StoredObjectMissing):
            await store.size(key)


async def test_storage_outage_is_unavailable_and_reports_no_version(
    storage_settings: StorageSettings, tmp_path: pathlib.Path
) -> None:
    down = open_object_store(_unreachable(storage_settings, tmp_path))
    with pytest.raises(ObjectStoreUnavailable):
        await down.ensure_ready()
    with pytest.raises(Unavailable):
        await ScriptGenerator(down).generate("default", demo_request())


class FailingAfter:
    """Delegates to a real store but fails every upload after ``allowed`` files: an outage mid-upload."""

    def __init__(self, inner: ObjectStore, allowed: int) -> None:
        self.inner, self.allowed = inner, allowed

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    async def put_once_and_copy(
        self, blob_key: str, data: bytes, target_key: str, content_type: str = "application/octet-stream"
    ) -> None:
        if self.allowed <= 0:
            raise ObjectStoreUnavailable("object storage went away")
        self.allowed -= 1
        await self.inner.put_once_and_copy(blob_key, data, target_key, content_type)


async def test_an_outage_mid_upload_reports_nothing_and_a_retry_completes(store: ObjectStore) -> None:
    with pytest.raises(Unavailable):
        await ScriptGenerator(FailingAfter(store, 2)).generate("default", demo_request("quote", 1))  # type: ignore[arg-type]
    # The module is written last, so a half-written version never has one.
    assert not await store.exists("default/scripts/quote/1/module.py")
    retried = await ScriptGenerator(store).generate("default", demo_request("quote", 1))
    fresh = await ScriptGenerator(store).generate("default", demo_request("quote", 1))
    assert retried == fresh
    assert len(await store.list_keys("default/scripts/quote/1/")) == 4
