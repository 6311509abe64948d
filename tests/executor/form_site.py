"""A small local site for agent and replay tests: HTML pages by path, every form post kept (parsed) for the test to
judge what the server received, and the heuristic agent run on one of its pages. The fixtures serve a test
module's own ``PAGES`` (import them into the module)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from playwright.async_api import Page

from executor_service.agents.base import AgentResult, AgentTask, RenderedValue
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import workflow_pb2

THANKS = "<h1>Thank you</h1><p>We have your details.</p>"


@contextmanager
def serving(pages: dict[str, str]) -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    """(base url, the posts received in order); a path not in ``pages`` answers 404."""
    posted: list[dict[str, list[str]]] = []

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body = pages.get(self.path.split("?")[0])
            self._answer(body or "not found", 200 if body else 404)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("content-length") or 0)
            posted.append(parse_qs(self.rfile.read(length).decode()))
            self._answer(THANKS, 200)

        def _answer(self, body: str, status: int) -> None:
            self.send_response(status)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", posted
    finally:
        server.shutdown()
        server.server_close()


Posts = list[dict[str, list[str]]]


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Iterator[tuple[str, Posts]]:
    """The test module's ``PAGES`` served for the whole module."""
    with serving(request.module.PAGES) as running:
        yield running


@pytest.fixture
def base_url(site: tuple[str, Posts]) -> str:
    return site[0]


@pytest.fixture
def posted(site: tuple[str, Posts]) -> Posts:
    """The posts received, from this test on."""
    site[1].clear()
    return site[1]


async def run_agent(
    page: Page, goal: str, payload: dict[str, str], settle_ms: float, described: dict[str, str] | None = None
) -> tuple[AgentResult, ActionRecorder]:
    """The heuristic agent on the page as it stands, one navigation block with ``payload`` as its parameters
    (``described``: what the workflow's author said some of them are)."""
    said = described or {}
    task = AgentTask(
        block=workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal=goal),
        payload={k: RenderedValue(v, parameter_key=k, description=said.get(k, "")) for k, v in payload.items()},
        goal=goal,
    )
    recorder = ActionRecorder(parameters=payload, effect_timeout_ms=settle_ms)
    return await HeuristicAgent(settle_timeout_ms=settle_ms).run_block(page, task, recorder), recorder
