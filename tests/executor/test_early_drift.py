"""Drift is recognised once the page has settled, not after the whole settle time: a renamed field is healed on
a quiet page, while content that is only late (a timer, a slow fetch) is waited for and never healed to a
lookalike. Real pages in Chromium, the real heuristic agent as healer."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pytest
from playwright.async_api import Page

from executor_service.agents.heuristic import HeuristicAgent
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import RunContext, Target
from services.gen.rote.v1 import trace_pb2
from tests.executor import page_fixtures

pytestmark = pytest.mark.browser
page = page_fixtures.page
# Far longer than any of these pages needs: a heal that came only after it would not be "on a settled page".
SETTLE_MS = 20_000
RECORDED = Target(label="Full name", css="#full-name")

_RENAMED = """<!doctype html><title>Apply</title><form>
<label for="applicant-name">Your full name</label><input id="applicant-name" name="applicant">
<label for="email">Email</label><input id="email" name="email"></form>"""
# The form is drawn by a timer 1.5 s after load: no request, no change until then.
_LATE_BY_TIMER = """<!doctype html><title>Apply</title><main id="m">Loading…</main><script>
setTimeout(() => { document.getElementById('m').innerHTML =
  '<form><label for="full-name">Full name</label><input id="full-name"></form>'; }, 1500);</script>"""
# A newsletter box with a lookalike field is there at once; the real form comes from a slow fetch.
_LATE_BY_FETCH = """<!doctype html><title>Apply</title>
<aside><label for="nl-name">Your full name</label><input id="nl-name"> <button>Subscribe</button></aside>
<main id="m">Loading…</main><script>
fetch('/form-part').then((r) => r.text()).then((html) => { document.getElementById('m').innerHTML = html; });
</script>"""
_FORM_PART = '<form><label for="full-name">Full name</label><input id="full-name"></form>'


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        pages = {"/renamed": _RENAMED, "/late-by-timer": _LATE_BY_TIMER, "/late-by-fetch": _LATE_BY_FETCH}
        if self.path == "/form-part":
            time.sleep(2.0)  # the server is slow: the request stays in flight meanwhile
            body = _FORM_PART
        else:
            body = pages.get(self.path, "")
        data = body.encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _replay(page: Page, looks: list[str]) -> ReplayPage:
    agent = HeuristicAgent()

    async def healer(page: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint):  # type: ignore[no-untyped-def]
        looks.append(intent)
        return await agent.locate(page, intent, fingerprint)

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    return ReplayPage(
        page, RunContext(run_id="t", parameters={}), on_action=sink, healer=healer, settle_timeout_ms=SETTLE_MS
    )


async def test_a_renamed_field_is_healed_once_the_page_has_settled(page: Page, base_url: str) -> None:
    looks: list[str] = []
    code = _replay(page, looks)  # made before the page is opened, as a run makes it
    await page.goto(f"{base_url}/renamed")
    await code.fill(RECORDED, "Ada Lovelace", intent="Enter the full name")
    assert await page.input_value("#applicant-name") == "Ada Lovelace"
    assert code.agent_steps == 1
    assert code.heal_notes == [
        "healed 'Enter the full name': Target(label='Full name', css='#full-name') matched nothing (on a settled page);"
        " the agent found it"
    ]


async def test_a_form_drawn_late_by_a_timer_is_waited_for_not_healed(page: Page, base_url: str) -> None:
    looks: list[str] = []
    code = _replay(page, looks)  # made before the page is opened, as a run makes it
    await page.goto(f"{base_url}/late-by-timer")
    await code.fill(RECORDED, "Ada Lovelace", intent="Enter the full name")
    assert await page.input_value("#full-name") == "Ada Lovelace"
    assert code.heal_notes == [] and code.agent_steps == 0
    # The page was quiet before the timer fired: the agent looked and found nothing to take instead.
    assert looks, "the early look never ran, so this test shows nothing"


async def test_a_lookalike_is_not_taken_while_the_real_form_is_still_on_its_way(page: Page, base_url: str) -> None:
    looks: list[str] = []
    code = _replay(page, looks)  # made before the page is opened, as a run makes it
    await page.goto(f"{base_url}/late-by-fetch")
    await code.fill(RECORDED, "Ada Lovelace", intent="Enter the full name")
    assert await page.input_value("#full-name") == "Ada Lovelace"
    assert await page.input_value("#nl-name") == ""  # the newsletter's lookalike field was left alone
    assert code.heal_notes == [] and code.agent_steps == 0
