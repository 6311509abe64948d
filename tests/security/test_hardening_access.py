"""Issue 16, defects 1, 7 and 11: forged traces, storage keys walking out of an organisation, unbounded ids,
undefined enum values and a dead `rote up` child, each tried over gRPC against the services run as processes."""

from __future__ import annotations

import asyncio
import html
import os
import pathlib
import re
import signal
import socket
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc
import pytest

from services.cli.local_stack import LocalStack, free_port
from services.client import CallOptions, ClientError, ExecutorClient
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import (
    cache_service_pb2_grpc,
    codegen_service_pb2,
    codegen_service_pb2_grpc,
    executor_service_pb2_grpc,
    run_pb2,
    trace_pb2,
    workflow_pb2,
)
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.workflows import workflow_from_mapping
from tests.codegen.conftest import demo_request
from tests.codegen.test_storage import reuse_all
from tests.security.conftest import ACME_KEY, API_KEYS, GLOBEX_KEY, SERVICE_KEY, expect_status, key_metadata

AT = trace_pb2.ActionType
LK = trace_pb2.LocatorKind
BIN = pathlib.Path(sys.executable).parent
# What the executor's own files hold, standing for the cache's SQLite file or /etc/hostname of the issue.
EXECUTOR_SECRET = b"executor-private-" + uuid.uuid4().hex.encode()
ACME_FILE = b"acme's own document " + uuid.uuid4().hex.encode()
GLOBEX_FILE = b"globex's records " + uuid.uuid4().hex.encode()


# --- a page with a file input that posts what it is given -----------------------------------------------------------


@dataclass
class UploadSite:
    """A form with ``<input type=file id=f>``; keeps the body of every POST it receives."""

    url: str
    received: list[bytes] = field(default_factory=list)

    def got(self, data: bytes) -> bool:
        return any(data in body for body in self.received)


FORM = (
    "<!doctype html><title>Upload</title><h1>Send a document</h1>"
    '<form method="post" action="/upload" enctype="multipart/form-data">'
    '<label for="f">Document</label><input type="file" id="f" name="f">'
    '<button type="submit" id="send">Send</button></form>'
)


@pytest.fixture(scope="module")
def upload_site() -> Iterator[UploadSite]:
    site = UploadSite("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self._reply(FORM)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            site.received.append(self.rfile.read(length))
            self._reply(f"<!doctype html><title>Sent</title><p id='done'>received {html.escape(str(length))}</p>")

        def _reply(self, text: str) -> None:
            body = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


# --- the three services as processes, with API keys on -------------------------------------------------------------


@dataclass
class Processes:
    """`rote up`'s LocalStack with ROTE_API_KEYS set: acme, globex, and two service identities."""

    stack: LocalStack
    home: pathlib.Path
    tmp: pathlib.Path

    @property
    def cache(self) -> str:
        return self.stack.address("cache")

    @property
    def executor(self) -> str:
        return self.stack.address("executor")

    @property
    def codegen(self) -> str:
        return self.stack.address("codegen")

    def put_object(self, key: str, data: bytes) -> None:
        path = self.home / "objects" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture(scope="module")
async def processes(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Processes]:
    home = tmp_path_factory.mktemp("rote-hardening")
    tmp = home / "tmp"
    tmp.mkdir()
    ports = {name: free_port() for name in ("executor", "cache", "codegen")}
    stack = LocalStack(
        home,
        ports,
        # No ROTE_SERVICE_API_KEY: like `rote up` with keys on, the stack makes its own service key for the
        # executor (SERVICE_KEY stays a valid @service key for the test's own forged calls). TMPDIR of their own,
        # so the test can see every run folder the executor makes, and that it is removed.
        extra_env={"ROTE_API_KEYS": API_KEYS, "ROTE_SERVICE_API_KEY": "", "TMPDIR": str(tmp)},
    )
    await stack.start()
    try:
        yield Processes(stack, home, tmp)
    finally:
        stack.stop()


def _cache(channel: grpc.aio.Channel) -> cache_service_pb2_grpc.CacheServiceStub:
    return cache_service_pb2_grpc.CacheServiceStub(channel)


WAIT_WORKFLOW = workflow_from_mapping(
    {"workflow_id": "hardening_wait", "blocks": [{"label": "pause", "type": "wait", "wait_seconds": 0}]}
)


def _upload_workflow(workflow_id: str) -> workflow_pb2.Workflow:
    return workflow_from_mapping(
        {
            "workflow_id": workflow_id,
            "parameters": [{"key": "doc", "default_value": ""}],
            "blocks": [{"label": "attach", "type": "action", "goal": "Attach the document and send it"}],
        }
    )


def _forged_block(site: UploadSite, *, value: str = "", parameter_key: str = "") -> run_pb2.BlockRun:
    """What a hostile caller would record: open the form, put a file in its input, send it."""
    file_input = trace_pb2.ElementFingerprint(
        tag="input", label="Document", locators=[trace_pb2.Locator(kind=LK.LOCATOR_KIND_ID, value="f")]
    )
    button = trace_pb2.ElementFingerprint(
        tag="button", role="button", accessible_name="Send",
        locators=[trace_pb2.Locator(kind=LK.LOCATOR_KIND_ROLE, value="button", name="Send")],
    )
    actions = [
        trace_pb2.Action(type=AT.ACTION_TYPE_GOTO, url=f"{site.url}/form", intent="Open the form"),
        trace_pb2.Action(
            type=AT.ACTION_TYPE_UPLOAD_FILE, element=file_input, value=value, parameter_key=parameter_key,
            intent="Attach the document",
        ),
        trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=button, intent="Send it"),
    ]
    trace = trace_pb2.BlockTrace(label="attach", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=actions)
    return run_pb2.BlockRun(
        label="attach", type=workflow_pb2.BLOCK_TYPE_ACTION, mode=run_pb2.BLOCK_MODE_AGENT,
        status=run_pb2.BLOCK_STATUS_COMPLETED, sequence=0, trace=trace,
    )


async def _forge(
    processes: Processes, workflow_id: str, block: run_pb2.BlockRun, metadata: tuple[tuple[str, str], ...]
) -> pb.FinishRunResponse:
    """PutWorkflow, StartRun, RecordBlockRun(forged trace), FinishRun(COMPLETED), as the attack of the issue did."""
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        stub = _cache(channel)
        await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=_upload_workflow(workflow_id)), metadata=metadata)
        started = await stub.StartRun(
            pb.StartRunRequest(workflow_id=workflow_id, run_with=run_pb2.RUN_WITH_AGENT), metadata=metadata
        )
        await stub.RecordBlockRun(pb.RecordBlockRunRequest(run_id=started.run_id, block_run=block), metadata=metadata)
        return await stub.FinishRun(
            pb.FinishRunRequest(run_id=started.run_id, status=run_pb2.RUN_STATUS_COMPLETED, wall_ms=10),
            metadata=metadata,
        )


async def _run_as_code(processes: Processes, workflow_id: str, doc: str) -> run_pb2.RunSummary:
    async with ExecutorClient(processes.executor, options=CallOptions(api_key=ACME_KEY, attempts=1)) as client:
        result = await client.run(workflow_id=workflow_id, parameters={"doc": doc}, run_with="code")
    return result.summary


# --- defect 1: a forged trace reads the executor's files ---------------------------------------------------------


async def test_a_tenant_cannot_write_run_records(processes: Processes) -> None:
    """StartRun, RecordBlockRun and FinishRun are the executor's: a tenant key gets PERMISSION_DENIED."""
    acme = key_metadata(ACME_KEY)
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        stub = _cache(channel)
        await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=_upload_workflow("forged_by_tenant")), metadata=acme)
        calls = {
            "StartRun": stub.StartRun(
                pb.StartRunRequest(workflow_id="forged_by_tenant", run_with=run_pb2.RUN_WITH_AGENT), metadata=acme
            ),
            "RecordBlockRun": stub.RecordBlockRun(
                pb.RecordBlockRunRequest(run_id=str(uuid.uuid4()), block_run=run_pb2.BlockRun(label="attach")),
                metadata=acme,
            ),
            "FinishRun": stub.FinishRun(
                pb.FinishRunRequest(run_id=str(uuid.uuid4()), status=run_pb2.RUN_STATUS_COMPLETED), metadata=acme
            ),
        }
        for name, call in calls.items():
            details = await expect_status(call, grpc.StatusCode.PERMISSION_DENIED)
            assert name in details and "service identity" in details
            assert ACME_KEY not in details
        # The tenant's view is unchanged: it can still read what it owns and ask what is cached.
        resolved = await stub.ResolveScript(pb.ResolveScriptRequest(workflow_id="forged_by_tenant"), metadata=acme)
        assert not resolved.resolution.cached_blocks
    # Runs still work end to end for the tenant: the executor writes their records as the service identity.
    async with ExecutorClient(processes.executor, options=CallOptions(api_key=ACME_KEY, attempts=1)) as client:
        result = await client.run(WAIT_WORKFLOW, run_with="agent")
    assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        got = await _cache(channel).GetRun(pb.GetRunRequest(run_id=result.summary.run_id), metadata=acme)
    assert got.summary.status == run_pb2.RUN_STATUS_COMPLETED


async def test_a_literal_path_in_a_trace_never_becomes_upload_code(
    processes: Processes, upload_site: UploadSite
) -> None:
    """Even written by the service identity, a trace whose upload holds a local path yields no code for it."""
    secret_file = processes.home / "executor-only.txt"
    secret_file.write_bytes(EXECUTOR_SECRET)
    finished = await _forge(
        processes, "forged_literal", _forged_block(upload_site, value=str(secret_file)),
        key_metadata(SERVICE_KEY, "acme"),
    )
    assert "attach" not in finished.decision.blocks_to_update or not finished.published_version
    acme = key_metadata(ACME_KEY)
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        resolved = await _cache(channel).ResolveScript(
            pb.ResolveScriptRequest(workflow_id="forged_literal"), metadata=acme
        )
    assert "attach" not in [block.label for block in resolved.resolution.cached_blocks]
    summary = await _run_as_code(processes, "forged_literal", "")
    assert summary.blocks[0].mode != run_pb2.BLOCK_MODE_CODE
    assert not upload_site.got(EXECUTOR_SECRET), "the executor's file left through the page"


async def test_uploads_come_from_the_callers_objects_and_never_from_executor_paths(
    processes: Processes, upload_site: UploadSite
) -> None:
    """Code that uploads a parameter works for an object of the caller's organisation, and refuses anything else."""
    finished = await _forge(
        processes, "forged_param", _forged_block(upload_site, parameter_key="doc"), key_metadata(SERVICE_KEY, "acme")
    )
    assert finished.published_version == 1, finished.decision.reasons
    acme = key_metadata(ACME_KEY)
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        stub = _cache(channel)
        shown = await stub.GetScriptVersion(
            pb.GetScriptVersionRequest(script_id=finished.script_id, version=1), metadata=acme
        )
        upload_call = r'page\.upload\(\s*Target\([^)]*id="f"\),\s*ctx\.param\("doc"\)'
        assert re.search(upload_call, shown.module_code), shown.module_code
        # Pinned, so a fallback below cannot replace the code under test with code that uploads nothing.
        await stub.PinScriptVersion(pb.PinScriptVersionRequest(script_id=finished.script_id, version=1), metadata=acme)
    processes.put_object("acme/uploads/cv.txt", ACME_FILE)
    processes.put_object("globex/uploads/records.txt", GLOBEX_FILE)
    secret_file = processes.home / "executor-only.txt"
    secret_file.write_bytes(EXECUTOR_SECRET)

    allowed = await _run_as_code(processes, "forged_param", "acme/uploads/cv.txt")
    assert allowed.status == run_pb2.RUN_STATUS_COMPLETED, allowed.error
    assert allowed.blocks[0].mode == run_pb2.BLOCK_MODE_CODE
    assert upload_site.got(ACME_FILE), "the caller's own object was uploaded"

    refused = {
        "an executor path": str(secret_file),
        "the cache's database": str(processes.home / "rote.db"),
        "/etc/hostname": "/etc/hostname",
        "another organisation's object": "globex/uploads/records.txt",
        "a key walking out with ..": "acme/../globex/uploads/records.txt",
        "a relative path": "../rote.db",
    }
    for what, doc in refused.items():
        summary = await _run_as_code(processes, "forged_param", doc)
        reasons = " ".join(block.reason for block in summary.blocks)
        assert "never a local path" in reasons or "not in object storage" in reasons, (what, reasons)
        assert summary.blocks[0].mode != run_pb2.BLOCK_MODE_CODE or summary.status != run_pb2.RUN_STATUS_COMPLETED
    assert not upload_site.got(EXECUTOR_SECRET), "the executor's file left through the page"
    assert not upload_site.got(GLOBEX_FILE), "another organisation's object was uploaded"
    assert not upload_site.got((processes.home / "rote.db").read_bytes()[:64]), "the cache's database left"
    assert not list(processes.tmp.glob("rote-run-*")), "each run's upload folder is removed when the run ends"


async def test_a_code_block_cannot_name_a_local_file_to_upload(processes: Processes, upload_site: UploadSite) -> None:
    secret_file = processes.home / "executor-only.txt"
    secret_file.write_bytes(EXECUTOR_SECRET)
    definition = workflow_from_mapping(
        {
            "workflow_id": "snippet_upload",
            "blocks": [
                {"label": "open", "type": "goto_url", "url": f"{upload_site.url}/form"},
                {"label": "attach", "type": "code", "code": f"await page.upload(None, {str(secret_file)!r})"},
            ],
        }
    )
    async with ExecutorClient(processes.executor, options=CallOptions(api_key=ACME_KEY, attempts=1)) as client:
        result = await client.run(definition, run_with="agent")
    summary = result.summary
    assert summary.status != run_pb2.RUN_STATUS_COMPLETED
    assert "literal file path" in (summary.error + " ".join(b.reason for b in summary.blocks))
    assert not upload_site.got(EXECUTOR_SECRET)


# --- defect 7: codegen's organisation check walked around with '..' ------------------------------------------------


async def test_codegen_refuses_storage_keys_outside_the_callers_organisation(processes: Processes) -> None:
    async with grpc.aio.insecure_channel(processes.codegen) as channel:
        stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
        globex_script = f"globex-{uuid.uuid4().hex[:8]}"
        made = await stub.GenerateScript(demo_request(globex_script, 1), metadata=key_metadata(GLOBEX_KEY))
        theirs = reuse_all(made)[0]
        real_digest = theirs.file.sha256
        assert theirs.file.storage_key.startswith(f"globex/scripts/{globex_script}/1/")

        def attempt(storage_key: str, sha256: str) -> codegen_service_pb2.GenerateScriptRequest:
            request = demo_request(f"acme-{uuid.uuid4().hex[:8]}", 2)
            del request.traces[:]
            reused = codegen_service_pb2.ReusedBlock()
            reused.CopyFrom(theirs)
            reused.file.storage_key, reused.file.sha256 = storage_key, sha256
            request.reused.append(reused)
            return request

        walked = "acme/../" + theirs.file.storage_key
        acme = key_metadata(ACME_KEY)
        for sha256 in ("0" * 64, real_digest):
            request = attempt(walked, sha256)
            details = await expect_status(stub.GenerateScript(request, metadata=acme), grpc.StatusCode.INVALID_ARGUMENT)
            assert "'..'" in details
            assert real_digest[:8] not in details, "the error quotes the other organisation's file hash"
            assert not (processes.home / "objects" / "acme" / "scripts" / request.script_id).exists()
        for key in (theirs.file.storage_key, "/" + theirs.file.storage_key, "acme//" + theirs.file.storage_key):
            code = grpc.StatusCode.NOT_FOUND if not key.startswith(("/", "acme/")) else grpc.StatusCode.INVALID_ARGUMENT
            details = await expect_status(stub.GenerateScript(attempt(key, real_digest), metadata=acme), code)
            assert real_digest[:8] not in details
        # A wrong digest on one's own file is refused without quoting what the stored file's digest is.
        mine = reuse_all(await stub.GenerateScript(demo_request(f"acme-{uuid.uuid4().hex[:8]}", 1), metadata=acme))[0]
        details = await expect_status(
            stub.GenerateScript(attempt(mine.file.storage_key, "f" * 64), metadata=acme),
            grpc.StatusCode.FAILED_PRECONDITION,
        )
        assert mine.file.sha256[:8] not in details and not re.search(r"[0-9a-f]{8}", details.replace("f" * 8, ""))


# --- defect 11: unbounded ids, undefined enum values, a dead child of `rote up` -------------------------------------


async def test_ids_are_bounded_and_never_echoed_back_at_length(processes: Processes) -> None:
    huge = "r" * 100_000
    acme = key_metadata(ACME_KEY)
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        stub = _cache(channel)
        calls = [
            stub.GetRun(pb.GetRunRequest(run_id=huge), metadata=acme),
            stub.GetWorkflow(pb.GetWorkflowRequest(workflow_id=huge), metadata=acme),
            stub.ListScriptVersions(pb.ListScriptVersionsRequest(script_id=huge), metadata=acme),
            stub.GetCoverage(pb.GetCoverageRequest(workflow_id="w", cache_key=huge), metadata=acme),
            stub.RecordBlockRun(
                pb.RecordBlockRunRequest(run_id=huge, block_run=run_pb2.BlockRun(label="x")),
                metadata=key_metadata(SERVICE_KEY, "acme"),
            ),
        ]
        for call in calls:
            details = await expect_status(call, grpc.StatusCode.INVALID_ARGUMENT)
            assert len(details) < 300 and "r" * 100 not in details, details[:300]
    async with grpc.aio.insecure_channel(processes.executor) as channel:
        stream = executor_service_pb2_grpc.ExecutorServiceStub(channel).RunWorkflow(
            ex_pb.RunWorkflowRequest(workflow_id=huge), metadata=acme
        )
        with pytest.raises(grpc.aio.AioRpcError) as info:
            async for _ in stream:
                pass
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert len(info.value.details() or "") < 300
    # Long input a message would quote (unknown parameter names, a bad value) is cut, never echoed whole.
    unknown = {f"{letter}" * 12_000: "v" for letter in "abc"}
    async with ExecutorClient(processes.executor, options=CallOptions(api_key=ACME_KEY, attempts=1)) as client:
        with pytest.raises(ClientError) as refused:
            await client.run(WAIT_WORKFLOW, parameters=unknown, run_with="agent")
    assert refused.value.code == grpc.StatusCode.INVALID_ARGUMENT, refused.value
    assert "unknown parameter" in refused.value.message and len(refused.value.message) < 2_500


async def test_undefined_enum_values_are_invalid_argument(processes: Processes) -> None:
    service = key_metadata(SERVICE_KEY, "acme")
    async with grpc.aio.insecure_channel(processes.cache) as channel:
        stub = _cache(channel)
        await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=WAIT_WORKFLOW), metadata=service)
        details = await expect_status(
            stub.StartRun(pb.StartRunRequest(workflow_id=WAIT_WORKFLOW.workflow_id, run_with=99), metadata=service),  # type: ignore[arg-type]
            grpc.StatusCode.INVALID_ARGUMENT,
        )
        assert "run_with" in details and "99" in details
        await expect_status(
            stub.FinishRun(pb.FinishRunRequest(run_id=str(uuid.uuid4()), status=42), metadata=service),  # type: ignore[arg-type]
            grpc.StatusCode.INVALID_ARGUMENT,
        )
        await expect_status(
            stub.ListRuns(pb.ListRunsRequest(status=1234), metadata=key_metadata(ACME_KEY)),  # type: ignore[arg-type]
            grpc.StatusCode.INVALID_ARGUMENT,
        )
        # A defined value still works.
        started = await stub.StartRun(
            pb.StartRunRequest(workflow_id=WAIT_WORKFLOW.workflow_id, run_with=run_pb2.RUN_WITH_AGENT), metadata=service
        )
        assert started.run_id
        await stub.FinishRun(
            pb.FinishRunRequest(run_id=started.run_id, status=run_pb2.RUN_STATUS_CANCELLED), metadata=service
        )
    async with grpc.aio.insecure_channel(processes.executor) as channel:
        stream = executor_service_pb2_grpc.ExecutorServiceStub(channel).RunWorkflow(
            ex_pb.RunWorkflowRequest(workflow=WAIT_WORKFLOW, run_with=99), metadata=key_metadata(ACME_KEY)  # type: ignore[arg-type]
        )
        with pytest.raises(grpc.aio.AioRpcError) as info:
            async for _ in stream:
                pass
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "run_with" in (info.value.details() or "")


def _children(pid: int) -> dict[int, str]:
    """Processes whose parent is ``pid``, with their command line."""
    found = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found[int(entry.name)] = command
    return found


def _alive(pid: int) -> bool:
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def test_rote_up_says_so_and_exits_when_a_service_dies(tmp_path: pathlib.Path) -> None:
    ports = {name: free_port() for name in ("executor", "cache", "codegen")}
    up = await asyncio.create_subprocess_exec(
        str(BIN / "rote"), "up", "--home", str(tmp_path), "--no-metrics",
        "--executor-port", str(ports["executor"]), "--cache-port", str(ports["cache"]),
        "--codegen-port", str(ports["codegen"]),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
    )
    assert up.stdout is not None and up.stderr is not None
    seen = b""
    try:
        async with asyncio.timeout(120):
            while b"Rote is up" not in seen:
                line = await up.stdout.readline()
                assert line, f"rote up exited early: {seen!r}"
                seen += line
        children = _children(up.pid)
        executor = [pid for pid, command in children.items() if "executor_service" in command]
        assert len(executor) == 1 and len(children) >= 3, children
        os.kill(executor[0], signal.SIGKILL)
        out, err = await asyncio.wait_for(up.communicate(), timeout=60)
    finally:
        if up.returncode is None:
            up.send_signal(signal.SIGINT)
            await asyncio.wait_for(up.communicate(), timeout=60)
    assert up.returncode == 1, (out, err)
    assert b"executor service exited" in err and b"no longer up" in err, err
    # Nothing is left behind: the dead child was reaped and the other two were stopped.
    assert not [pid for pid in children if _alive(pid)], children
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", ports["cache"])) != 0, "the cache service still listens"
