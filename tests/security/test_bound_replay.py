"""Issue 15: cached code replays what came from a parameter from the parameter: a link and a button named by the
goal, a radio chosen by a payload value, and a block URL holding a secret.

A loopback site records every request it receives. The workflow is run once by the agent (invoice INV-1002,
button "previous", delivery Email, token T1), then as code with other values (INV-1003, "Yes", Post, rotated
token T2): the code run makes 0 agent steps, the site receives this run's choices and the rotated token, and
neither token (as typed, URL-encoded or JSON-escaped) is in any stored object, database row, run event, HTML
report or log.
"""

from __future__ import annotations

import http.server
import json
import pathlib
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest

from services.client import CacheClient, CallOptions, ExecutorClient, RunResult
from services.gen.rote.v1 import run_pb2
from services.reports import render_run_report
from services.workflows import workflow_from_mapping
from tests.security.conftest import ACME_KEY, SecuredStack

pytestmark = pytest.mark.browser

FIRST_TOKEN = "tok-first-Q8z!9"
ROTATED_TOKEN = "tok-rotated-W4k~7"
INVOICES = ["INV-1001", "INV-1002", "INV-1003"]

LIST = """<!doctype html><html><body><h1>Invoices</h1>
<table><thead><tr><th>Number</th><th>Amount</th></tr></thead><tbody>{rows}</tbody></table></body></html>"""
ROW = '<tr><td><a href="/invoice/{number}">{number}</a></td><td>{amount}</td></tr>'
INVOICE = """<!doctype html><html><body><h1>Invoice {number}</h1>
<form method="get" action="/answered"><input type="hidden" name="invoice" value="{number}">
<fieldset><legend>Delivery</legend>
<label><input type="radio" name="delivery" value="Email"> Email</label>
<label><input type="radio" name="delivery" value="Post"> Post</label>
<label><input type="radio" name="delivery" value="Fax"> Fax</label></fieldset>
<button name="b" value="previous">previous</button> <button name="b" value="Yes">Yes</button>
<button name="b" value="No">No</button></form></body></html>"""
ANSWERED = """<!doctype html><html><body><h1>Answer recorded</h1><p id="result">{result}</p></body></html>"""


@dataclass
class _Site:
    """Invoices on loopback; ``seen`` keeps (path, query) of every request, in order."""

    url: str = ""
    seen: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    server: http.server.ThreadingHTTPServer | None = None

    def start(self) -> None:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                site.seen.append((parts.path, query))
                if parts.path == "/invoices":
                    rows = "".join(ROW.format(number=n, amount=f"{100 + i}.00") for i, n in enumerate(INVOICES))
                    body = LIST.format(rows=rows)
                elif parts.path.startswith("/invoice/"):
                    body = INVOICE.format(number=parts.path.rsplit("/", 1)[1])
                elif parts.path == "/answered":
                    result = " ".join(f"{k}={v[0]}" for k, v in sorted(query.items()))
                    body = ANSWERED.format(result=result)
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(body.encode())

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answers(self, since: int, until: int | None = None) -> list[dict[str, str]]:
        return [{k: v[0] for k, v in q.items()} for path, q in self.seen[since:until] if path == "/answered"]

    def tokens(self, since: int, until: int | None = None) -> list[str]:
        return [q.get("t", [""])[0] for path, q in self.seen[since:until] if path == "/invoices"]


@pytest.fixture(scope="module")
def site() -> Iterator[_Site]:
    running = _Site()
    running.start()
    yield running
    assert running.server is not None
    running.server.shutdown()
    running.server.server_close()


WORKFLOW = {
    "workflow_id": "bound_replay",
    "parameters": [
        {"key": "base_url", "required": True},
        {"key": "token", "required": True, "secret": True},
        {"key": "invoice", "required": True},
        {"key": "button", "required": True},
        {"key": "delivery", "required": True},
    ],
    "blocks": [
        {
            "label": "open_invoice",
            "type": "action",
            "url": "{{ base_url }}/invoices?t={{ token }}",
            "goal": "Click the {{ invoice }} link",
            "completion_criterion": "url:/invoice/",
        },
        {
            "label": "answer",
            "type": "action",
            "goal": "Click the '{{ button }}' button",
            "payload": {"delivery": "{{ delivery }}"},
            "completion_criterion": "url:/answered",
        },
    ],
}


@dataclass
class BoundRuns:
    agent: RunResult
    code: RunResult
    agent_answers: list[dict[str, str]]
    code_answers: list[dict[str, str]]
    agent_tokens: list[str]
    code_tokens: list[str]
    reports: list[str]


@pytest.fixture(scope="module")
async def bound_runs(secured: SecuredStack, site: _Site) -> BoundRuns:
    workflow = workflow_from_mapping(WORKFLOW)
    first = {"base_url": site.url, "token": FIRST_TOKEN, "invoice": "INV-1002", "button": "previous",
             "delivery": "Email"}
    second = {"base_url": site.url, "token": ROTATED_TOKEN, "invoice": "INV-1003", "button": "Yes",
              "delivery": "Post"}
    async with ExecutorClient(secured.stack.executor.address, options=CallOptions(api_key=ACME_KEY)) as client:
        start = len(site.seen)
        agent = await client.run(workflow, parameters=first, run_with="agent")
        middle = len(site.seen)
        code = await client.run(workflow, parameters=second, run_with="code")
    reports = []
    async with CacheClient(secured.stack.cache.address, options=CallOptions(api_key=ACME_KEY)) as cache:
        for result in (agent, code):
            stored = await cache.get_run(result.summary.run_id)
            reports.append(render_run_report(stored.summary, list(stored.block_runs)))
    return BoundRuns(
        agent, code, site.answers(start, middle), site.answers(middle), site.tokens(start, middle), site.tokens(middle),
        reports,
    )


def _spellings() -> set[str]:
    forms = set()
    for secret in (FIRST_TOKEN, ROTATED_TOKEN):
        forms |= {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]}
    return forms


def _leaks(text: str) -> list[str]:
    return sorted(form for form in _spellings() if form in text)


def test_the_agent_run_recorded_the_first_values(bound_runs: BoundRuns) -> None:
    summary = bound_runs.agent.summary
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    assert summary.published_version >= 1
    assert bound_runs.agent_tokens == [FIRST_TOKEN]
    assert bound_runs.agent_answers == [{"invoice": "INV-1002", "delivery": "Email", "b": "previous"}]


def test_code_replays_this_runs_choices_and_the_rotated_secret(bound_runs: BoundRuns) -> None:
    summary = bound_runs.code.summary
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    assert summary.agent_steps == 0
    assert [block.mode for block in summary.blocks] == [run_pb2.BLOCK_MODE_CODE] * 2
    assert bound_runs.code_tokens == [ROTATED_TOKEN]
    assert bound_runs.code_answers == [{"invoice": "INV-1003", "delivery": "Post", "b": "Yes"}]


def test_generated_code_reads_the_parameters_not_the_recorded_literals(secured: SecuredStack,
                                                                        bound_runs: BoundRuns) -> None:
    assert bound_runs.agent.summary.status == run_pb2.RUN_STATUS_COMPLETED
    root = pathlib.Path(secured.stack.storage.local_root)
    sources = [p.read_text() for p in root.rglob("*.py") if "bound_replay" in p.read_text()]
    assert sources, "no module of the workflow was stored"
    code = "\n".join(sources)
    assert "ctx.param('token')" in code
    assert 'name=ctx.param("invoice")' in code and 'name=ctx.param("button")' in code
    assert 'ctx.param("delivery")' in code
    for literal in ("INV-1002", "previous", "Email"):
        assert literal not in code, literal


def test_no_stored_object_row_event_report_or_log_holds_either_token(
    secured: SecuredStack, bound_runs: BoundRuns
) -> None:
    root = pathlib.Path(secured.stack.storage.local_root)
    leaking = {str(p): _leaks(p.read_text(errors="replace")) for p in root.rglob("*") if p.is_file()}
    assert {k: v for k, v in leaking.items() if v} == {}
    path = secured.stack.database_url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = [repr(row) for table in tables for row in connection.execute(f'SELECT * FROM "{table}"')]  # noqa: S608
    assert any("bound_replay" in row for row in rows)
    assert [row for row in rows if _leaks(row)] == []
    for result in (bound_runs.agent, bound_runs.code):
        assert _leaks("\n".join(str(event) for event in result.events)) == []
    assert _leaks(secured.logs.text()) == []
    assert all("bound_replay" in report or "open_invoice" in report for report in bound_runs.reports)
    assert [_leaks(report) for report in bound_runs.reports] == [[], []]
