"""The run's first page opens while the cache service starts the run (issue 18): requested once, used by the run's
own goto, given back closed when the run is refused, and never opened early when the setting is off."""

from __future__ import annotations

import pathlib
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from prometheus_client import REGISTRY

from executor_service.engine.early_open import first_url
from services.client import ExecutorClient
from services.client.errors import InvalidArgumentError
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2
from services.workflows import workflow_from_mapping
from tests.support.services import running_stack

START = "<h1>Start</h1><p>The first page.</p>"


@contextmanager
def counting_site() -> Iterator[tuple[str, Counter[str]]]:
    """(base url, GETs by path)."""
    hits: Counter[str] = Counter()

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hits[self.path] += 1
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            with suppress(ConnectionError):  # a refused run's early page is closed while it loads
                self.wfile.write(START.encode())

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", hits
    finally:
        server.shutdown()
        server.server_close()


def visit(workflow_id: str, *, next_label: str = "") -> dict[str, object]:
    return {
        "workflow_id": workflow_id,
        "parameters": [{"key": "start_url", "required": True}],
        "blocks": [
            {"label": "open", "type": "goto_url", "url": "{{ start_url }}", "next_block_label": next_label},
            {"label": "pause", "type": "wait", "wait_seconds": 0},
        ],
    }


def _closed() -> float:
    return REGISTRY.get_sample_value("rote_executor_contexts_total", {"event": "closed"}) or 0.0


# --- which requests name their first page (pure) ----------------------------------------------------------------


def _request(mapping: dict[str, object], **parameters: str) -> ex_pb.RunWorkflowRequest:
    return ex_pb.RunWorkflowRequest(workflow=workflow_from_mapping(mapping), parameters=parameters)


def test_a_lone_parameter_or_a_fixed_url_names_the_first_page() -> None:
    assert first_url(_request(visit("w"), start_url="https://example.test/a")) == "https://example.test/a"
    fixed = visit("w") | {"parameters": []}
    fixed["blocks"][0]["url"] = "https://example.test/fixed"  # type: ignore[index]
    assert first_url(_request(fixed)) == "https://example.test/fixed"


@pytest.mark.parametrize(
    ("change", "parameters"),
    [
        ({"url": "{{ start_url }}/form"}, {"start_url": "https://example.test"}),  # rendered by the block itself
        ({}, {}),  # a required value missing: StartRun refuses it
        ({}, {"start_url": "https://example.test", "stray": "x"}),  # an unknown parameter: refused too
        ({}, {"start_url": "file:///etc/passwd"}),  # the URL policy refuses it: the block fails with the reason
        ({"type": "wait", "wait_seconds": 0}, {"start_url": "https://example.test"}),  # no page first
    ],
    ids=["rendered", "missing", "unknown", "refused-url", "not-a-goto"],
)
def test_no_first_page_when_the_request_alone_does_not_name_an_acceptable_one(
    change: dict[str, object], parameters: dict[str, str]
) -> None:
    mapping = visit("w")
    mapping["blocks"][0] |= change  # type: ignore[index]
    assert first_url(_request(mapping, **parameters)) == ""


def test_no_first_page_for_a_secret_url_or_a_stored_workflow() -> None:
    secret = visit("w")
    secret["parameters"] = [{"key": "start_url", "required": True, "secret": True}]
    assert first_url(_request(secret, start_url="https://example.test/a")) == ""
    assert first_url(ex_pb.RunWorkflowRequest(workflow_id="w", parameters={"start_url": "https://x.test"})) == ""


# --- through the services, on a real page -----------------------------------------------------------------------


@pytest.mark.browser
async def test_the_first_page_is_requested_once_by_each_run(client: ExecutorClient) -> None:
    workflow = workflow_from_mapping(visit("early_first_page"))
    with counting_site() as (url, hits):
        for run in (1, 2):  # the second run's context is the first one's, reset
            result = await client.run(workflow, parameters={"start_url": f"{url}/start"}, run_with="agent")
            assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
            assert hits["/start"] == run, "the run's goto took the early navigation over instead of loading again"
            kinds = [event.WhichOneof("event") for event in result.events]
            assert kinds[0] == "run_started" and kinds[-1] == "run_finished"
            opened = [e.action_done.action for e in result.events if e.WhichOneof("event") == "action_done"]
            assert [a.url for a in opened] == [f"{url}/start"]


@pytest.mark.browser
async def test_a_run_the_cache_refuses_gives_its_early_page_back_closed(client: ExecutorClient) -> None:
    refused = workflow_from_mapping(visit("early_refused", next_label="nowhere"))
    with counting_site() as (url, hits):
        closed = _closed()
        with pytest.raises(InvalidArgumentError, match="next_block_label 'nowhere' names no block"):
            await client.run(refused, parameters={"start_url": f"{url}/start"}, run_with="agent")
        assert _closed() == closed + 1, "the context leased for the early page was closed, not kept"
        # The executor goes on with a context of its own: nothing leaked, nothing half-open.
        fine = workflow_from_mapping(visit("early_after_refusal"))
        result = await client.run(fine, parameters={"start_url": f"{url}/again"}, run_with="agent")
        assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
        assert hits["/again"] == 1


@pytest.mark.browser
async def test_with_the_setting_off_a_refused_run_requests_nothing(tmp_path: pathlib.Path) -> None:
    overrides = {"open_first_page_early": False}
    async with running_stack(tmp_path, executor_overrides=overrides) as stack:
        async with ExecutorClient(stack.executor.address) as client:
            refused = workflow_from_mapping(visit("early_off_refused", next_label="nowhere"))
            with counting_site() as (url, hits):
                with pytest.raises(InvalidArgumentError, match="names no block"):
                    await client.run(refused, parameters={"start_url": f"{url}/start"}, run_with="agent")
                assert hits["/start"] == 0
                fine = workflow_from_mapping(visit("early_off_fine"))
                result = await client.run(fine, parameters={"start_url": f"{url}/start"}, run_with="agent")
                assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
                assert hits["/start"] == 1
