"""A small local site for agent and replay tests: HTML pages by path, every form post kept (parsed) for the test to
judge what the server received, and the heuristic agent run on one of its pages. The fixtures serve a test
module's own ``PAGES`` (import them into the module)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import libcst as cst
import pytest
from playwright.async_api import Page

from codegen_service.blocks import build_block, simple_generation
from executor_service.agents.base import AgentResult, AgentTask, RenderedValue
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.bindings import Input
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import RunContext
from services.gen.rote.v1 import trace_pb2, workflow_pb2

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


async def recorded_code(
    page: Page, label: str, goal: str, values: dict[str, str], settle_ms: float
) -> tuple[AgentResult, str, dict[str, Any]]:
    """The agent's run on the page as it stands (its inputs bound as the executor binds a run's parameters), the
    code generated from it, and that code executed into a namespace (its function is named ``label``)."""
    recorder = ActionRecorder(parameters=values, effect_timeout_ms=settle_ms)
    inputs = {key: Input(key, value) for key, value in values.items()}
    recorder.bind_inputs(list(inputs.values()), inputs)
    task = AgentTask(
        block=workflow_pb2.Block(label=label, type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal=goal),
        payload={key: RenderedValue(value, parameter_key=key) for key, value in values.items()}, goal=goal,
    )
    result = await HeuristicAgent(settle_timeout_ms=settle_ms).run_block(page, task, recorder)
    trace = trace_pb2.BlockTrace(label=label, type=workflow_pb2.BLOCK_TYPE_ACTION, actions=recorder.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(values, {"p": label})).function)
    namespace: dict[str, Any] = {}
    exec(f"from executor_service.runtime import *\n{code}", namespace)  # noqa: S102 - the code generated above
    return result, code, namespace


async def replayed(
    namespace: dict[str, Any], label: str, page: Page, url: str, values: dict[str, str], settle_ms: float
) -> list[trace_pb2.Action]:
    """Run the generated function ``label`` on a fresh load of ``url`` with ``values``; the actions it recorded."""
    recorded: list[trace_pb2.Action] = []

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        recorded.append(action)

    await page.goto(url)
    ctx = RunContext(run_id="t", parameters=values, secret_keys=frozenset())
    await namespace[label](ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=settle_ms), ctx)
    return recorded
