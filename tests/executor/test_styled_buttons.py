"""A form whose send "button" is a <div> styled as one (a pointer cursor, a click handler, no role), as many
hand-rolled front ends draw it. Before, the agent filled the fields, saw no control and reported "payload entered;
nothing to submit" (the judge then called the block unverified): nothing was sent. Now, once everything is entered
and no real control sends it, an element styled as a button that fits the goal is pressed, in the agent and in
code generated from its run. An unrelated styled element ("Learn more") is never pressed in its place. Judged by
what the server received."""

from __future__ import annotations

from typing import Any

import libcst as cst
import pytest
from playwright.async_api import Page

from codegen_service.blocks import build_block, simple_generation
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import RunContext
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
_STYLE = "<style>.btn{display:inline-block;padding:8px 14px;background:#06c;color:#fff;cursor:pointer}</style>"
_SEND = """<script>
document.getElementById('go').onclick = async () => {
  const body = new URLSearchParams({email: document.getElementById('e').value,
                                    first: document.getElementById('f').value});
  await fetch('/subscribe', {method: 'POST', body});
  document.getElementById('msg').textContent = "You're subscribed! Check your inbox.";
};
</script>"""
PAGES = {
    "/news": f"""<!doctype html><title>Newsletter</title>{_STYLE}<h1>Newsletter</h1>
<div class="card"><label for="e">Your email</label><input id="e" type="email">
<label for="f">First name</label><input id="f">
<div class="btn" id="go"><span>Subscribe</span></div><p id="msg"></p></div>{_SEND}""",
    "/profile": f"""<!doctype html><title>Profile</title>{_STYLE}<h1>Your profile</h1>
<label for="e">Email</label><input id="e" type="email"><label for="f">First name</label><input id="f">
<div class="btn" onclick="document.getElementById('more').hidden=false">Learn more</div>
<p id="more" hidden>Your profile is saved as you type.</p>""",
}
PAGES["/join"] = "<!doctype html><title>Join</title>" + _STYLE + """<h1>Join the club</h1>
<div id="s1"><label for="n">Full name</label><input id="n"><div class="btn" id="next">Next</div></div>
<div id="s2" hidden><label for="c">City</label><input id="c"><div class="btn" id="join">Join now</div></div>
<p id="msg"></p>
<script>
document.getElementById('next').onclick = () => { s1.hidden = true; s2.hidden = false; };
document.getElementById('join').onclick = async () => {
  await fetch('/joined', {method: 'POST', body: new URLSearchParams({name: n.value, city: c.value})});
  msg.textContent = 'Welcome to the club!';
};
</script>"""
PAGES["/login"] = "<!doctype html><title>Account</title>" + _STYLE + """<h1>Account</h1>
<div><input id="u" placeholder="Email address"><input id="p" type="password" placeholder="Password">
<span class="btn" id="forgot">Forgot password?</span> <a class="btn" id="go">Log in</a></div>
<script>
document.getElementById('forgot').onclick = () => fetch('/reset', {method: 'POST', body: 'reset=1'});
document.getElementById('go').onclick = async () => {
  await fetch('/login', {method: 'POST', body: new URLSearchParams({user: u.value, password: p.value})});
  document.body.innerHTML = '<h1>Welcome back</h1>';
};
</script>"""
PAYLOAD = {"email": "ann@example.com", "first_name": "Ann"}


async def test_the_agent_presses_the_styled_button_that_sends_what_it_entered(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/news")
    result, recorder = await run_agent(page, "Subscribe to the newsletter", PAYLOAD, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"email": ["ann@example.com"], "first": ["Ann"]}]
    await page.get_by_text("You're subscribed!").wait_for()
    pressed = recorder.actions[-1]
    assert pressed.type == trace_pb2.ACTION_TYPE_CLICK and pressed.postcondition.verified


async def test_code_generated_from_the_agents_run_presses_it_again_for_the_next_run(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/news")
    result, recorder = await run_agent(page, "Subscribe to the newsletter", PAYLOAD, SETTLE_MS)
    assert result.completed, result.reason
    trace = trace_pb2.BlockTrace(label="news", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, actions=recorder.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(PAYLOAD, {"p": "news"})).function)
    assert 'text="Subscribe"' in code, code  # found again by what it says, not by its place in the page
    namespace: dict[str, Any] = {}
    exec(f"from executor_service.runtime import *\n{code}", namespace)  # noqa: S102 - the code generated above

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    posted.clear()
    await page.goto(f"{base_url}/news")
    ctx = RunContext(run_id="t", parameters={"email": "bo@example.org", "first_name": "Bo"}, secret_keys=frozenset())
    await namespace["news"](ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=SETTLE_MS), ctx)
    assert posted == [{"email": ["bo@example.org"], "first": ["Bo"]}]


async def test_a_styled_element_that_does_not_fit_the_goal_is_never_pressed(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/profile")
    result, recorder = await run_agent(page, "Fill in my profile", PAYLOAD, SETTLE_MS)
    assert result.completed and result.reason == "payload entered; nothing to submit", result.reason
    assert [a.type for a in recorder.actions] == [trace_pb2.ACTION_TYPE_TYPE] * 2
    assert await page.locator("#more").is_hidden()
    assert posted == []


async def test_a_styled_next_moves_a_wizard_on_to_the_fields_still_asked(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/join")
    result, recorder = await run_agent(page, "Join the club", {"name": "Ann Lee", "city": "Leeds"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"name": ["Ann Lee"], "city": ["Leeds"]}]
    assert [a.intent.split(" to ")[0] for a in recorder.actions if a.type == trace_pb2.ACTION_TYPE_CLICK] == [
        "Click 'Next'", "Click 'Join now'"]


async def test_an_anchor_without_href_styled_as_the_login_button_logs_in(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/login")
    values = {"email": "ann@example.com", "password": "correct horse"}
    result, _ = await run_agent(page, "Log in to my account", values, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"user": ["ann@example.com"], "password": ["correct horse"]}]  # never "Forgot password?"
