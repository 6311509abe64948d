"""Blocks built in worker processes give the same bytes as blocks built in process, goldens included."""

from __future__ import annotations

import pathlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from bench.synthetic_requests import synthetic_request
from codegen_service import parallel
from codegen_service.files import GeneratedCodeRejected
from codegen_service.service import ScriptGenerator
from services.errors import Unavailable
from services.gen.rote.v1 import codegen_service_pb2
from services.storage import ObjectStoreUnavailable
from services.storage.local_folder import LocalFolderStore
from tests.codegen.scenarios import SCENARIOS
from tests.codegen.test_golden import EXPECTED_PATHS, golden


async def _files(root: pathlib.Path, request: codegen_service_pb2.GenerateScriptRequest) -> dict[str, bytes]:
    store = LocalFolderStore(root)
    response = await ScriptGenerator(store).generate("default", request)
    return {file.path: await store.get(file.storage_key) for file in response.files}


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every request goes to the worker processes, however small, on any machine.
    monkeypatch.setattr(parallel, "PARALLEL_MIN_TRACES", 1)
    monkeypatch.setattr(parallel, "WORKERS", 2)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_workers_write_the_golden_files(scenario: str, tmp_path: pathlib.Path, in_workers: None) -> None:
    files = await _files(tmp_path, SCENARIOS[scenario]())
    assert list(files) == EXPECTED_PATHS[scenario]
    for path, data in files.items():
        assert data == golden(scenario, path).read_bytes(), f"{path} differs from {golden(scenario, path)}"


async def test_workers_and_this_process_write_the_same_bytes(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = synthetic_request(12, 10)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_TRACES", 10**9)
    here = await _files(tmp_path / "here", request)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_TRACES", 1)
    monkeypatch.setattr(parallel, "WORKERS", 2)
    there = await _files(tmp_path / "there", request)
    assert len(here) == 13 and here == there


async def test_a_file_the_worker_refuses_raises_here(in_workers: None) -> None:
    with pytest.raises(GeneratedCodeRejected, match="refused by the sandbox"):
        await parallel.check_in_worker("module.py", b"import os\n")
    fine = b"from executor_service.runtime import Page\n"
    assert await parallel.check_in_worker("module.py", fine) == fine


class RecordingStore(LocalFolderStore):
    """A real folder store that notes each file it is given, in order, and says when the first one arrives."""

    def __init__(self, root: pathlib.Path, events: list[str], fail_after: int | None = None) -> None:
        super().__init__(root)
        self.events, self.fail_after = events, fail_after
        self.first = threading.Event()

    async def put_once_and_copy(
        self, blob_key: str, data: bytes, target_key: str, content_type: str = "application/octet-stream"
    ) -> None:
        self.events.append("upload " + target_key.rsplit("/", 2)[-1])
        self.first.set()
        if self.fail_after is not None and self.events.count("built") > self.fail_after:
            raise ObjectStoreUnavailable("object storage went away")
        await super().put_once_and_copy(blob_key, data, target_key, content_type)


@pytest.fixture
def one_worker_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Chunks built one after another in a thread of this process, where the test can hold a chunk back.
    monkeypatch.setattr(parallel, "PARALLEL_MIN_TRACES", 1)
    monkeypatch.setattr(parallel, "WORKERS", 2)
    monkeypatch.setattr(parallel, "MIN_CHUNK", 4)
    pool = ThreadPoolExecutor(1)
    monkeypatch.setattr(parallel, "_pool", pool)
    yield
    pool.shutdown()
    if parallel._pool is not None and parallel._pool is not pool:
        parallel._pool.shutdown()  # a pool started after this one broke


def _held_back(monkeypatch: pytest.MonkeyPatch, store: RecordingStore) -> None:
    """Each chunk after the first starts only once the first block file reached the store (or after a minute, so a
    broken overlap fails the assertions below instead of hanging)."""
    build = parallel._build_chunk

    def build_chunk(shared: bytes, traces: list[bytes]) -> list[parallel.Built]:
        if "built" in store.events:
            store.first.wait(60)
        built = build(shared, traces)
        store.events.append("built")
        return built

    monkeypatch.setattr(parallel, "_build_chunk", build_chunk)


async def test_block_files_upload_while_later_chunks_build_and_module_py_goes_last(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, one_worker_thread: None
) -> None:
    events: list[str] = []
    store = RecordingStore(tmp_path, events)
    _held_back(monkeypatch, store)
    response = await ScriptGenerator(store).generate("default", synthetic_request(12, 10))
    assert events.count("built") == 3
    # The first chunk's files went to the store before the second chunk was built; module.py after every file.
    assert events[0] == "built" and events[1].startswith("upload ") and events.index("built", 1) > 1
    assert events[-1] == "upload module.py" and events.count("upload module.py") == 1
    assert len(response.files) == 13 and response.files[0].path == "module.py"
    assert [file.path for file in response.files[1:]] == [block.file_path for block in response.blocks]
    for file in response.files:
        assert (tmp_path / file.storage_key).read_bytes() != b""


async def test_an_upload_failing_while_chunks_build_fails_the_request_without_a_module(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, one_worker_thread: None
) -> None:
    events: list[str] = []
    store = RecordingStore(tmp_path, events, fail_after=1)
    _held_back(monkeypatch, store)
    with pytest.raises(Unavailable):
        await ScriptGenerator(store).generate("default", synthetic_request(12, 10))
    # The store failed once the second chunk was built: the error is the store's, and module.py was never offered.
    assert "upload module.py" not in events and not list(tmp_path.rglob("module.py"))


async def test_a_chunk_refused_after_uploads_began_fails_the_request_without_a_module(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, one_worker_thread: None
) -> None:
    events: list[str] = []
    store = RecordingStore(tmp_path, events)
    _held_back(monkeypatch, store)
    held = parallel._build_chunk

    def refuse_the_last(shared: bytes, traces: list[bytes]) -> list[parallel.Built]:
        if events.count("built") == 2:
            raise GeneratedCodeRejected("generated blocks/x.py was refused by the sandbox: test")
        return held(shared, traces)

    monkeypatch.setattr(parallel, "_build_chunk", refuse_the_last)
    with pytest.raises(GeneratedCodeRejected):
        await ScriptGenerator(store).generate("default", synthetic_request(12, 10))
    assert any(event.startswith("upload ") for event in events)
    assert "upload module.py" not in events and not list(tmp_path.rglob("module.py"))


async def test_chunks_left_when_the_pool_breaks_are_built_here_and_the_files_are_the_same(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, one_worker_thread: None
) -> None:
    request = synthetic_request(12, 10)
    whole = await _files(tmp_path / "whole", request)
    build, calls = parallel._build_chunk, []

    def break_after_the_first(shared: bytes, traces: list[bytes]) -> list[parallel.Built]:
        calls.append(len(traces))
        if len(calls) > 1:
            raise BrokenProcessPool("a worker died")
        return build(shared, traces)

    monkeypatch.setattr(parallel, "_build_chunk", break_after_the_first)
    assert await _files(tmp_path / "broken", request) == whole
    # The first chunk came from the pool; the pool broke on the next one, which was built here with the rest.
    assert len(calls) >= 2
