"""Radios and checkboxes named only by the text after them ("<input type=radio name=size> Small"), as hand-written
forms often are. Before, the snapshot read each box's caption as the text *before* it, so the "Medium" radio was
captioned "Small" and the "Large" one "Medium": the agent found "no field for size" and sent nothing. Now a box with
no label is named by the text right after it, in the agent and in code generated from its run, which finds the
next run's option by that text; a value no option bears fails the replay instead of ticking the recorded one.
Judged by what the server received."""

from __future__ import annotations

from typing import Any

import libcst as cst
import pytest
from playwright.async_api import Page

from codegen_service.blocks import build_block, simple_generation
from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.bindings import Input
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import ReplayFailed, RunContext, Target
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, recorded_code, replayed, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/shirt": """<!doctype html><title>T-shirts</title><h2>Order a T-shirt</h2>
<form method="post" action="/order">
<p>Size:<br><input type="radio" name="size" value="S"> Small <input type="radio" name="size" value="M"> Medium
<input type="radio" name="size" value="L"> Large</p>
<p>Colour: <select name="colour"><option value="">--</option><option value="r">Red</option>
<option value="b">Blue</option></select></p>
<p><input type="checkbox" name="gift" value="yes"> This is a gift</p>
<p><input type="checkbox" name="terms" required> I accept the <b>terms and conditions</b></p>
<button>Place order</button></form>""",
}
PAGES["/list"] = """<!doctype html><title>Mailing list</title><h2>Join our mailing list</h2>
<form method="post" action="/joined"><p>Email: <input type="email" name="email"></p>
<p>Interests:<br><input type="checkbox" name="i" value="music"> Music<br><input type="checkbox" name="i" value="sport">
Sport<br><input type="checkbox" name="i" value="film"> Film<br><input type="checkbox" name="i" value="books"> Books</p>
<p>How often? <input type="radio" name="f" value="w">Weekly <input type="radio" name="f" value="m">Monthly</p>
<input type="submit" value="Join"></form>"""
PAGES["/labelled"] = """<!doctype html><title>Profile</title><form method="post" action="/saved">
<fieldset><legend>Preferred contact method</legend>
<div><input type="radio" id="c1" name="contact" value="1"> <label for="c1">E-mail</label></div>
<div><input type="radio" id="c2" name="contact" value="2"> <label for="c2">Phone</label></div></fieldset>
<div><input type="checkbox" id="r" name="research" value="1"> <label for="r">Email me about research</label></div>
<div><input type="radio" name="digest" value="1"><label>Email digest</label></div>
<button>Save</button></form>"""
PAGES["/prefs"] = """<!doctype html><title>Newsletter</title><h2>Newsletter</h2><form method="post" action="/x">
<p>Email <input type="email" name="email"></p>
<p>Frequency<br><input type="radio" name="f" value="d"><label>Daily</label>
<input type="radio" name="f" value="w"><label>Weekly</label></p>
<div><input type="checkbox" name="promo" value="1"><label>Send me offers</label></div>
<button>Subscribe</button></form>"""
PAYLOAD = {"size": "Medium", "colour": "Blue"}


async def _recorded_code(page: Page, base_url: str) -> dict[str, Any]:
    """Code generated from the agent's run, its inputs bound as the executor binds a run's parameters."""
    await page.goto(f"{base_url}/shirt")
    recorder = ActionRecorder(parameters=PAYLOAD, effect_timeout_ms=SETTLE_MS)
    inputs = {key: Input(key, value) for key, value in PAYLOAD.items()}
    recorder.bind_inputs(list(inputs.values()), inputs)
    task = AgentTask(
        block=workflow_pb2.Block(label="shirt", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal="Order a T-shirt"),
        payload={key: RenderedValue(value, parameter_key=key) for key, value in PAYLOAD.items()},
        goal="Order a T-shirt",
    )
    result = await HeuristicAgent(settle_timeout_ms=SETTLE_MS).run_block(page, task, recorder)
    assert result.completed, result.reason
    trace = trace_pb2.BlockTrace(label="shirt", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=recorder.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(PAYLOAD, {"p": "shirt"})).function)
    assert "choice=" in code, code  # the radio is found by this run's value, never by the recorded one's place
    namespace: dict[str, Any] = {}
    exec(f"from executor_service.runtime import *\n{code}", namespace)  # noqa: S102 - the code generated above
    return namespace


async def _replay(namespace: dict[str, Any], page: Page, base_url: str, values: dict[str, str]) -> None:
    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    await page.goto(f"{base_url}/shirt")
    ctx = RunContext(run_id="t", parameters=values, secret_keys=frozenset())
    await namespace["shirt"](ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=SETTLE_MS), ctx)


async def test_the_agent_picks_the_box_named_by_the_text_after_it(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/shirt")
    result, _ = await run_agent(page, "Order a T-shirt", PAYLOAD | {"gift": "yes"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"size": ["M"], "colour": ["b"], "gift": ["yes"], "terms": ["on"]}]


async def test_code_from_the_agents_run_picks_the_next_runs_option_by_its_text(
    page: Page, base_url: str, posted: Posts
) -> None:
    namespace = await _recorded_code(page, base_url)
    posted.clear()
    await _replay(namespace, page, base_url, {"size": "Large", "colour": "Red"})
    assert posted == [{"size": ["L"], "colour": ["r"], "terms": ["on"]}]


async def test_code_refuses_a_value_no_option_bears_instead_of_ticking_the_recorded_one(
    page: Page, base_url: str, posted: Posts
) -> None:
    namespace = await _recorded_code(page, base_url)
    posted.clear()
    with pytest.raises(ReplayFailed):
        await _replay(namespace, page, base_url, {"size": "Extra large", "colour": "Red"})
    assert posted == []


async def test_a_list_of_unlabelled_checkboxes_ticks_the_named_ones(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/list")
    values = {"email": "ann@example.com", "interests": "Sport, Books", "frequency": "Monthly"}
    result, _ = await run_agent(page, "Join the mailing list", values, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"email": ["ann@example.com"], "i": ["sport", "books"], "f": ["m"]}]


async def test_a_caption_never_finds_a_box_that_has_a_label_of_its_own(page: Page, base_url: str) -> None:
    # The corpus found it (pub-profile-settings): code looking for the radio of "Email" ticked the checkbox "Email me
    # about research", whose label happens to follow it, and the run was called done with the wrong contact method.
    await page.goto(f"{base_url}/labelled")
    ctx = RunContext(run_id="t", parameters={}, secret_keys=frozenset())

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    code = ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=500)
    with pytest.raises(ReplayFailed):
        await code.check(Target(role="radio", name="Email (letter)", choice="Email"), intent="Choose Email")
    assert await page.locator("input:checked").count() == 0


async def test_a_label_tied_to_nothing_right_after_a_box_names_it_in_the_agent_and_in_code(
    page: Page, base_url: str, posted: Posts
) -> None:
    # "<input type=radio><label>Weekly</label>" without for=: before, each box was unnamed ("no field for
    # frequency", nothing sent); the label names the box before it, as people read it.
    values = {"email": "ann@example.com", "frequency": "Weekly", "offers": "yes"}
    await page.goto(f"{base_url}/prefs")
    result, _, namespace = await recorded_code(page, "prefs", "Subscribe", values, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"email": ["ann@example.com"], "f": ["w"], "promo": ["1"]}]
    posted.clear()
    await replayed(namespace, "prefs", page, f"{base_url}/prefs", values | {"frequency": "Daily"}, SETTLE_MS)
    assert posted == [{"email": ["ann@example.com"], "f": ["d"], "promo": ["1"]}]
