"""Values a page does not take as given: a native range input (a value, a sum, a value off its step) and a field that
cuts what is typed. The agent enters what the field takes and never sends a form holding a value other than the
one asked for: judged by what the server received."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from playwright.async_api import Browser, Page, async_playwright

from executor_service.agents.base import AgentResult, AgentTask, RenderedValue
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.browser.launch import launch_chromium
from executor_service.browser.value_checks import alternative_formats
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import workflow_pb2

pytestmark = pytest.mark.browser
SETTLE_MS = 2000
PAGES = {
    "/rental": """<!doctype html><title>Rental application</title><h1>Apply for a flat</h1>
<form method="post" action="/sent"><label for="nm">Full name</label><input id="nm" name="name">
<label for="bud">Monthly budget (£)</label>
<input id="bud" type="range" name="budget" min="500" max="3000" step="50" value="1000">
<button>Apply</button></form>""",
    "/street": """<!doctype html><title>Delivery address</title><h1>Where should we deliver?</h1>
<form method="post" action="/sent"><label for="st">Street</label><input id="st" name="street" maxlength="24">
<label for="tw">Town</label><input id="tw" name="town"><button>Save address</button></form>""",
}


class _Site(BaseHTTPRequestHandler):
    posted: list[dict[str, list[str]]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer(PAGES.get(self.path, "<h1>Not here</h1>"))

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("content-length") or 0)
        _Site.posted.append(parse_qs(self.rfile.read(length).decode()))
        self._answer("<h1>Thank you</h1><p>We have your details.</p>")

    def _answer(self, body: str) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *_: object) -> None:
        return


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await launch_chromium(playwright)
        yield chromium
        await chromium.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    context.set_default_timeout(SETTLE_MS)
    _Site.posted.clear()
    yield await context.new_page()
    await context.close()


async def run_agent(page: Page, url: str, goal: str, payload: dict[str, str]) -> AgentResult:
    await page.goto(url)
    task = AgentTask(
        block=workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal=goal),
        payload={k: RenderedValue(v, parameter_key=k) for k, v in payload.items()}, goal=goal,
    )
    recorder = ActionRecorder(parameters=payload, effect_timeout_ms=SETTLE_MS)
    return await HeuristicAgent(settle_timeout_ms=SETTLE_MS).run_block(page, task, recorder)


@pytest.mark.parametrize("budget", ["1450", "£1,450"])
async def test_the_agent_sets_a_range_input(page: Page, base_url: str, budget: str) -> None:
    result = await run_agent(page, f"{base_url}/rental", "Apply for the flat",
                             {"full_name": "Ada Lovelace", "monthly_budget": budget})
    assert result.completed, result.reason
    assert _Site.posted == [{"name": ["Ada Lovelace"], "budget": ["1450"]}]


async def test_a_value_the_range_rounds_is_never_sent(page: Page, base_url: str) -> None:
    result = await run_agent(page, f"{base_url}/rental", "Apply for the flat",
                             {"full_name": "Ada Lovelace", "monthly_budget": "1475"})
    assert not result.completed
    assert "'1500', not '1475'" in result.reason
    assert _Site.posted == []


async def test_a_value_the_field_cuts_is_never_sent(page: Page, base_url: str) -> None:
    street = "553 Avenida da Liberdade, Apartment 36"
    result = await run_agent(page, f"{base_url}/street", "Save my delivery address",
                             {"street": street, "town": "Lisbon"})
    assert not result.completed
    assert "'553 Avenida da Liberdade'" in result.reason and "nothing sent" in result.reason
    assert _Site.posted == []


def test_a_number_field_takes_a_sum_as_a_number_never_its_digits_run_together() -> None:
    assert alternative_formats("£1,450.50", {"type": "number"}) == ["1450.50"]
    assert alternative_formats("$9,000", {"type": "range"}) == ["9000"]
    assert alternative_formats("07700 900123", {"type": "number"}) == ["07700900123"]
    assert alternative_formats("12.5", {"type": "number"}) == []
    assert alternative_formats("39, 13, 47", {"type": "number"}) == []  # three ages, not one
    assert alternative_formats("(555) 123-4567", {"type": "tel"}) == ["5551234567"]
