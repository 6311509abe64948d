"""A secret parameter's value never leaves the executor: after a full demo run (agent, then code), it is in
no generated code, no stored object, no database row and no log line of any service."""

from __future__ import annotations

import pathlib
import sqlite3

import pytest

from services.gen.rote.v1 import run_pb2
from tests.security.conftest import DemoRuns, SecuredStack

pytestmark = pytest.mark.browser


def _secret_values(runs: DemoRuns) -> list[str]:
    # demo_quote.yaml marks `password` secret; both runs use it.
    return sorted({runs.first_params["password"], runs.second_params["password"]})


@pytest.fixture(scope="module")
def finished(acme_demo_runs: DemoRuns) -> DemoRuns:
    for result in (acme_demo_runs.first, acme_demo_runs.second):
        assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
    assert acme_demo_runs.first.summary.published_version == 1
    assert acme_demo_runs.second.summary.agent_steps == 0
    return acme_demo_runs


def _database_rows(database_url: str) -> list[tuple[str, str]]:
    path = database_url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = [
            (table, repr(row))
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from sqlite_master
        ]
    return rows


def test_no_stored_object_holds_the_secret(secured: SecuredStack, finished: DemoRuns) -> None:
    objects = [p for p in pathlib.Path(secured.stack.storage.local_root).rglob("*") if p.is_file()]
    assert any(p.name == "module.py" for p in objects), "the demo run stored no generated module"
    for secret in _secret_values(finished):
        leaking = [str(p) for p in objects if secret.encode() in p.read_bytes()]
        assert leaking == [], f"secret value in stored objects {leaking}"


def test_generated_code_references_the_secret_by_name_only(secured: SecuredStack, finished: DemoRuns) -> None:
    modules = [p for p in pathlib.Path(secured.stack.storage.local_root).rglob("*.py")]
    sources = "\n".join(p.read_text() for p in modules)
    assert 'ctx.param("password")' in sources
    for secret in _secret_values(finished):
        assert secret not in sources


def test_no_database_row_holds_the_secret(secured: SecuredStack, finished: DemoRuns) -> None:
    rows = _database_rows(secured.stack.database_url)
    tables = {table for table, _ in rows}
    assert {"runs", "scripts"} <= tables or len(tables) >= 5, f"unexpected schema {sorted(tables)}"
    assert len(rows) > 10, "the demo run recorded almost nothing"
    for secret in _secret_values(finished):
        leaking = [table for table, row in rows if secret in row]
        assert leaking == [], f"secret value in rows of {sorted(set(leaking))}"


def test_no_log_line_of_any_service_holds_the_secret(secured: SecuredStack, finished: DemoRuns) -> None:
    logged = secured.logs.text()
    assert "rote.v1.ExecutorService/RunWorkflow" in logged and "rote.v1.CodegenService/GenerateScript" in logged
    for secret in _secret_values(finished):
        assert secret not in logged


def test_no_run_event_or_summary_holds_the_secret(finished: DemoRuns) -> None:
    for result in (finished.first, finished.second):
        streamed = "\n".join(str(event) for event in result.events)
        for secret in _secret_values(finished):
            assert secret not in streamed
