"""Issue 16 defect 3: the secret-leak scan, extended to every way a secret was seen leaking.

Runs over gRPC against the secured stack (API keys on): a secret in a goto URL (`?token={{ token }}`), a form
submitted by GET carrying the typed password into later URLs, a secret in a block's goal (hence intents), a
code block returning `ctx.parameters`, a for_loop over a secret JSON list, a code block whose error quotes a
secret, and a `loop_over` of a secret that is not a list. Afterwards no secret value (as typed, URL-encoded or
JSON-escaped) is in any stored object, database row, log line, run event or HTML report, no loop item of a
secret list is stored, and no draft folder outlives its run.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import pathlib
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

import grpc
import pytest

from services.client import CacheClient, CallOptions, ExecutorClient, RunResult
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2
from services.reports import render_run_report
from services.workflows import workflow_from_mapping
from tests.cache.builders import block_run, linear_workflow
from tests.security.conftest import ACME_KEY, SERVICE_KEY, SecuredStack, key_metadata

pytestmark = pytest.mark.browser

TOKEN = "tok-7Hq9!zZ-k3y"
PASSWORD = "pw+Secret 42&x"
ITEMS = ["item-alpha-91", "item-beta-92"]
SECRETS = (TOKEN, PASSWORD, *ITEMS)

FORM = """<!doctype html><html><body><h1>Sign in</h1>
<form method="get" action="/done">
  <label for="username">Username</label><input id="username" name="username">
  <label for="password">Password</label><input id="password" name="password" type="password">
  <button type="submit">Sign in</button>
</form></body></html>"""
DONE = """<!doctype html><html><body><h1>Signed in</h1>
<dl><dt>Welcome</dt><dd id="welcome">Hello Ada</dd></dl></body></html>"""


class _FormSite:
    """A page with a login form submitted by GET (the password lands in the URL), on loopback."""

    def __init__(self) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                body = DONE if self.path.startswith("/done") else FORM
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(body.encode())

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def form_site() -> Iterator[_FormSite]:
    site = _FormSite()
    yield site
    site.server.shutdown()
    site.server.server_close()


PARAMETERS = [
    {"key": "base_url", "required": True},
    {"key": "username", "required": True},
    {"key": "token", "required": True, "secret": True},
    {"key": "password", "required": True, "secret": True},
    {"key": "items", "type": "json", "required": True, "secret": True},
]


def _values(site: _FormSite) -> dict[str, str]:
    return {"base_url": site.url, "username": "ada", "token": TOKEN, "password": PASSWORD, "items": json.dumps(ITEMS)}


def _workflow(workflow_id: str, blocks: list[dict[str, object]]) -> object:
    return workflow_from_mapping({"workflow_id": workflow_id, "parameters": PARAMETERS, "blocks": blocks})


MAIN_BLOCKS: list[dict[str, object]] = [
    {"label": "open_form", "type": "goto_url", "url": "{{ base_url }}/form?token={{ token }}"},
    {
        "label": "sign_in",
        "type": "login",
        "goal": "Sign in to the portal (session token {{ token }})",
        "payload": {"username": "{{ username }}", "password": "{{ password }}"},
        "completion_criterion": "url:/done",
    },
    {
        "label": "read_welcome",
        "type": "extraction",
        "goal": "Read the welcome message",
        "extraction_schema": {
            "type": "object",
            "properties": {"welcome": {"type": "string", "description": "Welcome"}},
            "required": ["welcome"],
        },
    },
    {"label": "peek", "type": "code", "code": "result = dict(ctx.parameters)"},
    {
        "label": "each_item",
        "type": "for_loop",
        "loop_over": "{{ items }}",
        "children": [{"label": "pause", "type": "wait", "wait_seconds": 0.01}],
    },
]


@dataclass
class LeakRuns:
    runs: dict[str, RunResult]
    reports: dict[str, str]
    block_runs: dict[str, list[run_pb2.BlockRun]]


@pytest.fixture(scope="module")
async def leak_runs(secured: SecuredStack, form_site: _FormSite) -> LeakRuns:
    options = CallOptions(api_key=ACME_KEY)
    values = _values(form_site)
    runs: dict[str, RunResult] = {}
    async with ExecutorClient(secured.stack.executor.address, options=options) as client:
        main = _workflow("leaky_main", MAIN_BLOCKS)
        runs["agent"] = await client.run(main, parameters=values, run_with="agent")
        runs["code"] = await client.run(main, parameters=values, run_with="code")
        boom = {"label": "boom", "type": "code", "code": "result = int(ctx.param('token'))"}
        failing = _workflow("leaky_error", [boom])
        runs["error"] = await client.run(failing, parameters=values, run_with="agent")
        not_a_list = _workflow(
            "leaky_loop_over",
            [{"label": "each", "type": "for_loop", "loop_over": "{{ token }}",
              "children": [{"label": "nap", "type": "wait", "wait_seconds": 0.01}]}],
        )
        runs["loop_over"] = await client.run(not_a_list, parameters=values, run_with="agent")
    reports, block_runs = {}, {}
    async with CacheClient(secured.stack.cache.address, options=options) as cache:
        for name, result in runs.items():
            stored = await cache.get_run(result.summary.run_id)
            block_runs[name] = list(stored.block_runs)
            reports[name] = render_run_report(stored.summary, list(stored.block_runs))
    return LeakRuns(runs, reports, block_runs)


def _spellings() -> set[str]:
    """Each secret as typed, URL-encoded (both ways) and JSON-escaped."""
    forms = set()
    for secret in SECRETS:
        forms |= {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]}
    return forms


def _leaks(text: str) -> list[str]:
    return sorted(form for form in _spellings() if form in text)


def test_the_runs_did_what_leaked_before(leak_runs: LeakRuns) -> None:
    agent = leak_runs.runs["agent"].summary
    assert agent.status == run_pb2.RUN_STATUS_COMPLETED, agent.error
    urls = [e.action_done.action.url for e in leak_runs.runs["agent"].events if e.HasField("action_done")]
    assert any("/done?" in url and "password=" in url for url in urls), f"the form was not sent by GET: {urls}"
    assert leak_runs.runs["error"].summary.status == run_pb2.RUN_STATUS_FAILED
    assert "invalid literal" in leak_runs.runs["error"].summary.error
    assert leak_runs.runs["loop_over"].summary.status == run_pb2.RUN_STATUS_FAILED


def test_no_run_event_holds_a_secret(leak_runs: LeakRuns) -> None:
    for name, result in leak_runs.runs.items():
        assert _leaks("\n".join(str(event) for event in result.events)) == [], name


def test_a_code_block_sees_no_secret_in_ctx_parameters(leak_runs: LeakRuns) -> None:
    output = json.loads(leak_runs.runs["agent"].summary.outputs_json["peek"])
    assert output["username"] == "ada"
    assert not {"token", "password", "items"} & set(output), output


def test_a_loop_over_a_secret_list_stores_no_item(leak_runs: LeakRuns) -> None:
    loops = [b for name in ("agent", "code") for b in leak_runs.block_runs[name] if b.label == "each_item"]
    assert loops and all(b.status == run_pb2.BLOCK_STATUS_COMPLETED for b in loops)
    assert [b.trace.loop_item_json for b in loops] == [""] * len(loops)


def test_no_report_holds_a_secret(leak_runs: LeakRuns) -> None:
    assert "invalid literal" in leak_runs.reports["error"]
    for name, report in leak_runs.reports.items():
        assert _leaks(report) == [], name


def test_no_stored_object_holds_a_secret_and_no_draft_folder_is_left(
    secured: SecuredStack, leak_runs: LeakRuns
) -> None:
    root = pathlib.Path(secured.stack.storage.local_root)
    objects = [p for p in root.rglob("*") if p.is_file()]
    assert any("leaky" in p.read_text(errors="replace") for p in objects if p.suffix == ".py"), "nothing published"
    leaking = {str(p.relative_to(root)): _leaks(p.read_text(errors="replace")) for p in objects}
    assert {k: v for k, v in leaking.items() if v} == {}
    drafts = sorted({str(p.relative_to(root)).split("/")[2] for p in objects if "/scripts/draft-" in str(p)})
    assert drafts == [], f"draft folders outlived their runs: {drafts}"


def test_no_database_row_holds_a_secret(secured: SecuredStack, leak_runs: LeakRuns) -> None:
    path = secured.stack.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = [
            (table, repr(row))
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from sqlite_master
        ]
    assert any("leaky_main" in row for _, row in rows)
    leaking = sorted({table for table, row in rows if _leaks(row)})
    assert leaking == [], f"secret values in rows of {leaking}"


def test_no_log_line_holds_a_secret(secured: SecuredStack, leak_runs: LeakRuns) -> None:
    logged = secured.logs.text()
    assert "leaky_main" in logged or leak_runs.runs["agent"].summary.run_id in logged
    assert _leaks(logged) == []


LEASE_S = 8


async def test_an_abandoned_runs_draft_folder_is_deleted(secured: SecuredStack) -> None:
    """A run whose executor died (its lease ran out) never publishes: its draft folder goes when it is abandoned."""
    definition = linear_workflow(2)
    meta = key_metadata(SERVICE_KEY, "acme")
    folder = pathlib.Path(secured.stack.storage.local_root) / "acme" / "scripts"
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=definition), metadata=meta)
        started = await stub.StartRun(
            pb.StartRunRequest(
                workflow_id=definition.workflow_id, parameters={"email": "a@example.com"}, lease_seconds=LEASE_S
            ),
            metadata=meta,
        )
        lease_ends = asyncio.get_running_loop().time() + LEASE_S
        draft = folder / f"draft-{started.run_id}"
        await stub.RecordBlockRun(
            pb.RecordBlockRunRequest(run_id=started.run_id, block_run=block_run("step_0", 0)), metadata=meta
        )
        # The draft is made in the background while the lease holds (a draft for an expired run is dropped).
        while asyncio.get_running_loop().time() < lease_ends - 0.5:
            if draft.exists() and any(p.is_file() for p in draft.rglob("*")):
                break
            await asyncio.sleep(0.05)
        assert any(p.is_file() for p in draft.rglob("*")), "no draft was made for the completed block"
        await asyncio.sleep(max(0.0, lease_ends - asyncio.get_running_loop().time()) + 0.3)
        run = await stub.GetRun(pb.GetRunRequest(run_id=started.run_id), metadata=meta)
        assert run.summary.status == run_pb2.RUN_STATUS_ABANDONED
        assert not draft.exists() or not any(p.is_file() for p in draft.rglob("*")), "the draft outlived its run"
