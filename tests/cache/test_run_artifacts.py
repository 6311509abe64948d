"""A run's files (screenshots, downloads, large outputs) read through the cache service's ReadRunArtifact, from a
real S3 server (moto) the executor's own RunArtifacts wrote to; `rote runs report` embeds the screenshot it
fetched that way; no organisation reads another's files, and keys outside the run's folder are refused."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import os
import pathlib
import re
import struct
import subprocess
import sys
import zlib
from collections.abc import AsyncIterator, Iterator

import grpc
import pytest

from cache_service.bootstrap import CacheSettings, replica_of, start_cache_service
from executor_service.engine.artifacts import RunArtifacts
from services.call_context import outgoing_metadata
from services.client import CacheClient, ClientError
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2
from services.server import ServiceServer
from services.settings import StorageSettings
from services.storage import ObjectStore, open_object_store
from tests.cache.builders import block, block_run, workflow
from tests.cache.grpc_calls import Stub, put, record, start
from tests.support.s3_server import running_s3_server

ACME, GLOBEX = "acme", "globex"
BIN = pathlib.Path(sys.executable).parent
FALLBACK = run_pb2.BLOCK_MODE_FALLBACK


def png(width: int = 3, height: int = 2) -> bytes:
    """A small valid PNG (red pixels), so the report's image is a real one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def s3() -> Iterator[StorageSettings]:
    with running_s3_server() as settings:
        yield dataclasses.replace(settings, s3_bucket="run-files")


@pytest.fixture(scope="module")
async def store(s3: StorageSettings) -> ObjectStore:
    opened = open_object_store(s3)
    await opened.ensure_ready()
    return opened


@pytest.fixture(scope="module")
async def cache(s3: StorageSettings, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[ServiceServer]:
    settings = dataclasses.replace(
        CacheSettings.from_env(),
        database_url=f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('artifacts') / 'rote.db'}",
        codegen_address="127.0.0.1:1",  # nothing is published here
        storage=s3,
        lease_sweep_s=0,
    )
    server = await start_cache_service(settings)
    yield server
    await server.stop(0)


@pytest.fixture(scope="module")
async def stub(cache: ServiceServer) -> AsyncIterator[Stub]:
    async with grpc.aio.insecure_channel(cache.address) as channel:
        yield cache_service_pb2_grpc.CacheServiceStub(channel)


@dataclasses.dataclass
class RunFiles:
    run_id: str
    screenshot_key: str
    screenshot: bytes
    download_key: str
    download: bytes
    output_key: str


@pytest.fixture(scope="module")
async def acme_run(stub: Stub, store: ObjectStore) -> RunFiles:
    """An acme run whose fill block fell back with a screenshot, and which downloaded a file and kept an output,
    each written by the executor's RunArtifacts into the S3 bucket."""
    definition = workflow(block("open"), block("fill"), workflow_id="artefacts_demo")
    await put(stub, definition, org=ACME)
    started = await start(stub, definition.workflow_id, org=ACME)
    files = RunArtifacts(store, ACME, started.run_id)
    download = os.urandom(600 * 1024)  # over two 256 KiB chunks
    download_key = await files.put_download("quote.pdf", download)
    output_key = await files.put_output("fill", 1, b'{"rows": []}')
    screenshot = png()
    screenshot_key = f"{ACME}/runs/{started.run_id}/screenshots/001-fill-fallback.png"
    await store.put(screenshot_key, screenshot, "image/png")
    fell_back = block_run("fill", 1, mode=FALLBACK)
    fell_back.screenshot_key = screenshot_key
    fell_back.reason = "fell back to the agent: a dialog covered the form"
    await record(stub, started.run_id, block_run("open", 0), org=ACME)
    await record(stub, started.run_id, fell_back, org=ACME)
    assert download_key and output_key
    return RunFiles(started.run_id, screenshot_key, screenshot, download_key, download, output_key)


async def _read(stub: Stub, org: str, run_id: str, key: str) -> list[pb.ReadRunArtifactResponse]:
    request = pb.ReadRunArtifactRequest(run_id=run_id, key=key)
    return [message async for message in stub.ReadRunArtifact(request, metadata=outgoing_metadata(org))]


async def _refused(stub: Stub, org: str, run_id: str, key: str) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await _read(stub, org, run_id, key)
    return info.value


async def test_files_the_executor_wrote_are_read_back_over_grpc_in_chunks(stub, acme_run: RunFiles) -> None:
    messages = await _read(stub, ACME, acme_run.run_id, acme_run.download_key)
    assert len(messages) == 3, "600 KiB arrive as three chunks of at most 256 KiB"
    assert messages[0].size_bytes == len(acme_run.download) and messages[0].content_type == "application/pdf"
    assert b"".join(m.chunk for m in messages) == acme_run.download
    shot = await _read(stub, ACME, acme_run.run_id, acme_run.screenshot_key)
    assert [m.content_type for m in shot] == ["image/png"] and shot[0].chunk == acme_run.screenshot
    output = await _read(stub, ACME, acme_run.run_id, acme_run.output_key)
    assert output[0].chunk == b'{"rows": []}' and output[0].content_type == "application/json"


async def test_the_client_reads_a_whole_file(cache: ServiceServer, acme_run: RunFiles) -> None:
    async with CacheClient(cache.address, ACME) as client:
        assert await client.read_run_artifact(acme_run.run_id, acme_run.download_key) == acme_run.download


def _unquoted(error: grpc.aio.AioRpcError) -> str:
    return re.sub(r"'[^']*'", "'?'", error.details() or "")


async def test_another_organisation_reads_none_of_the_files(stub, acme_run: RunFiles) -> None:
    """Globex gets NOT_FOUND for acme's files, the same answer as for an acme key that exists nowhere, and
    naming acme's run under its own organisation finds no run either."""
    missing_key = f"{ACME}/runs/{acme_run.run_id}/screenshots/999-none.png"
    for key in (acme_run.screenshot_key, acme_run.download_key, acme_run.output_key):
        refused = await _refused(stub, GLOBEX, acme_run.run_id, key)
        assert refused.code() == grpc.StatusCode.NOT_FOUND, refused.details()
        nowhere = await _refused(stub, GLOBEX, acme_run.run_id, missing_key)
        assert nowhere.code() == grpc.StatusCode.NOT_FOUND
        assert _unquoted(refused) == _unquoted(nowhere), "the answer gives no hint that the file exists"
    own_folder = f"{GLOBEX}/runs/{acme_run.run_id}/screenshots/001-fill-fallback.png"
    refused = await _refused(stub, GLOBEX, acme_run.run_id, own_folder)
    assert refused.code() == grpc.StatusCode.NOT_FOUND and "run" in (refused.details() or "")


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("{org}/scripts/s1/1/module.py", grpc.StatusCode.INVALID_ARGUMENT),  # the org's, but not the run's
        ("{org}/runs/other-run/screenshots/a.png", grpc.StatusCode.INVALID_ARGUMENT),
        ("{org}/runs/{run}/../other-run/screenshots/a.png", grpc.StatusCode.INVALID_ARGUMENT),
        ("{org}/runs/{run}", grpc.StatusCode.INVALID_ARGUMENT),  # the folder itself
        ("{org}/runs/{run}/./screenshots/001-fill-fallback.png", grpc.StatusCode.INVALID_ARGUMENT),
        ("/{org}/runs/{run}/screenshots/001-fill-fallback.png", grpc.StatusCode.INVALID_ARGUMENT),
        ("", grpc.StatusCode.INVALID_ARGUMENT),
        ("{org}/runs/{run}/screenshots/absent.png", grpc.StatusCode.NOT_FOUND),
    ],
)
async def test_keys_outside_the_run_folder_or_malformed_are_refused(
    stub, acme_run: RunFiles, key: str, code: grpc.StatusCode
) -> None:
    refused = await _refused(stub, ACME, acme_run.run_id, key.format(org=ACME, run=acme_run.run_id))
    assert refused.code() == code, refused.details()


async def test_an_unknown_run_is_not_found(stub, acme_run: RunFiles) -> None:
    key = f"{ACME}/runs/no-such-run/screenshots/001-fill-fallback.png"
    refused = await _refused(stub, ACME, "no-such-run", key)
    assert refused.code() == grpc.StatusCode.NOT_FOUND


async def test_a_file_over_the_size_bound_is_refused_before_it_is_read(cache: ServiceServer, stub, acme_run) -> None:
    app, _ = replica_of(cache)
    bound = app.artifact_max_bytes
    app.artifact_max_bytes = 1024
    try:
        refused = await _refused(stub, ACME, acme_run.run_id, acme_run.download_key)
    finally:
        app.artifact_max_bytes = bound
    assert refused.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert f"{len(acme_run.download)} bytes, over the 1024" in (refused.details() or "")


def _report(
    cache: ServiceServer, run_id: str, target: pathlib.Path, org: str = ACME
) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "rote"), "runs", "report", run_id, "-o", str(target), "--cache", cache.address, "--org", org]
    # No local object folder is configured: the only way to the screenshot is the API.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ROTE_STORAGE", "ROTE_S3"))}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, cwd=target.parent)


async def test_runs_report_embeds_the_fallback_screenshot_fetched_over_grpc(
    cache: ServiceServer, acme_run: RunFiles, tmp_path: pathlib.Path
) -> None:
    target = tmp_path / "report.html"
    result = await asyncio.to_thread(_report, cache, acme_run.run_id, target)
    assert result.returncode == 0, result.stderr
    html = target.read_text()
    assert f'src="data:image/png;base64,{base64.b64encode(acme_run.screenshot).decode()}"' in html
    assert "Screenshot not shown" not in html and "not included" not in result.stdout


async def test_runs_report_names_a_screenshot_it_cannot_fetch(
    cache: ServiceServer, stub, store: ObjectStore, tmp_path: pathlib.Path
) -> None:
    definition = workflow(block("fill"), workflow_id="artefacts_lost")
    await put(stub, definition, org=ACME)
    started = await start(stub, definition.workflow_id, org=ACME)
    lost = block_run("fill", 0, mode=FALLBACK)
    lost.screenshot_key = f"{ACME}/runs/{started.run_id}/screenshots/000-fill-fallback.png"  # never stored
    await record(stub, started.run_id, lost, org=ACME)
    target = tmp_path / "report.html"
    result = await asyncio.to_thread(_report, cache, started.run_id, target)
    assert result.returncode == 0, result.stderr
    html = target.read_text()
    assert "data:image/png" not in html
    assert f"Screenshot not shown: {lost.screenshot_key}: NOT_FOUND" in html
    assert "screenshot not included" in result.stdout


async def test_the_report_of_another_organisations_run_is_refused(cache: ServiceServer, acme_run, tmp_path) -> None:
    result = await asyncio.to_thread(_report, cache, acme_run.run_id, tmp_path / "report.html", GLOBEX)
    assert result.returncode == 1 and "not found" in result.stderr
    assert not (tmp_path / "report.html").exists()


async def test_a_request_without_a_key_breaks_the_declared_rule(stub, acme_run: RunFiles) -> None:
    refused = await _refused(stub, ACME, acme_run.run_id, "")
    assert refused.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "ReadRunArtifactRequest.key: value is required" in (refused.details() or "")


async def test_client_errors_carry_the_status(cache: ServiceServer, acme_run: RunFiles) -> None:
    async with CacheClient(cache.address, GLOBEX) as client:
        with pytest.raises(ClientError) as info:
            await client.read_run_artifact(acme_run.run_id, acme_run.screenshot_key)
    assert info.value.code == grpc.StatusCode.NOT_FOUND
