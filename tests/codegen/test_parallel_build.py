"""Blocks built in worker processes give the same bytes as blocks built in process, goldens included."""

from __future__ import annotations

import pathlib

import pytest

from bench.synthetic_requests import synthetic_request
from codegen_service import parallel
from codegen_service.files import GeneratedCodeRejected
from codegen_service.service import ScriptGenerator
from services.gen.rote.v1 import codegen_service_pb2
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
