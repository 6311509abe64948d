"""Radios and checkboxes no click reaches, their labels styled as the control: moved out of the page (the U.S. Web
Design System's pattern, and the classic "left: -9999px"), clipped to a pixel ("sr-only"), or shrunk to nothing under
a switch's slider. Playwright's click on the box waits out its timeout; a person clicks the label. The agent, replay
and the recorder set them through the label, judged by what the server received and by the page's own state."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page

from executor_service.browser.own_label import LABEL_AWAY, own_label
from executor_service.recording import ActionRecorder
from executor_service.runtime import ReplayFailed, Target
from services.gen.rote.v1 import trace_pb2
from tests.executor import form_site
from tests.executor.form_site import run_agent as run_heuristic
from tests.executor.page_fixtures import replay

pytestmark = pytest.mark.browser
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
_AWAY = "position:absolute;left:-999em"
_FORM = f"""<!doctype html><title>Travel cover</title>
<style>.box{{{_AWAY}}}.tile{{display:block;padding:.6rem 2.4rem;border:2px solid #ccc;margin:.3rem 0}}</style>
<h1>Get a travel insurance quote</h1>
<form method="post" action="/quote">
<label for="em">Email address</label><input id="em" name="email">
<fieldset><legend>Choose a plan</legend>
  <input class="box" id="p1" type="radio" name="plan" value="BAS"><label class="tile" for="p1">Basic
    <span>$50,000 emergency medical</span></label>
  <input class="box" id="p2" type="radio" name="plan" value="STD"><label class="tile" for="p2">Standard
    <span>$250,000 emergency medical</span></label>
  <input class="box" id="p3" type="radio" name="plan" value="PRE"><label class="tile" for="p3">Premium
    <span>$1,000,000 emergency medical</span></label>
</fieldset>
<input class="box" id="cfar" type="checkbox" name="cfar" value="yes">
<label class="tile" for="cfar">Add cancel for any reason cover</label>
<input class="box" id="news" type="checkbox" name="news" value="yes" checked>
<label class="tile" for="news">Send me travel offers</label>
<input class="box" id="terms" type="checkbox" name="terms" value="yes">
<label class="tile" for="terms"><a href="/terms" style="display:block">Read the terms</a> I accept the terms</label>
<input class="box" id="unshown" type="checkbox" name="unshown"><label for="unshown" hidden>Never shown</label>
<button>Get my quote</button></form>"""
# Bootstrap's btn-check radios (clipped, the label drawn over them), a CSS-only switch whose input is 0 by 0 under
# its slider, and an "sr-only" box inside its label.
_PREFERENCES = """<!doctype html><title>Preferences</title>
<style>.btn-check{position:absolute;clip:rect(0,0,0,0);pointer-events:none}
.btn{display:inline-block;padding:.4rem 1rem;border:1px solid #06c;margin:.2rem}
.switch{position:relative;display:inline-block;width:60px;height:34px}.switch input{opacity:0;width:0;height:0}
.slider{position:absolute;top:0;left:0;right:0;bottom:0;background:#ccc}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
</style><form method="post" action="/saved"><p>Delivery speed</p>
<input type="radio" class="btn-check" name="speed" id="s1" value="std"><label class="btn" for="s1">Standard</label>
<input type="radio" class="btn-check" name="speed" id="s2" value="exp"><label class="btn" for="s2">Express</label>
<p>Email me updates <label class="switch"><input type="checkbox" name="updates" value="on">
<span class="slider"></span></label></p>
<p><label><input type="checkbox" class="sr-only" name="gift" value="yes"><span>&#9744;</span> Gift wrap</label></p>
<button>Save preferences</button></form>"""


PAGES = {"/": _FORM, "/preferences": _PREFERENCES, "/terms": "<h1>Terms</h1>"}


@pytest.fixture
async def page(browser: Browser, base_url: str) -> AsyncIterator[Page]:
    context = await browser.new_context()
    context.set_default_timeout(SETTLE_MS)
    page = await context.new_page()
    await page.goto(f"{base_url}/")
    yield page
    await context.close()


async def run_agent(page: Page, goal: str, payload: dict[str, str]) -> ActionRecorder:
    result, recorder = await run_heuristic(page, goal, payload, SETTLE_MS)
    assert result.completed, result.reason
    return recorder


async def ticked(page: Page, *ids: str) -> list[bool]:
    return [await page.is_checked(f"#{box_id}") for box_id in ids]


async def test_the_agent_chooses_and_ticks_boxes_out_of_the_page_through_their_labels(
    page: Page, posted: list[dict[str, list[str]]]
) -> None:
    recorder = await run_agent(
        page, "Get a quote with the plan I chose and cancel for any reason cover",
        {"email": "ada@example.com", "cover_plan": "Standard", "cancel_for_any_reason": "yes"},
    )
    assert len(posted) == 1
    sent = posted[0]
    assert (sent["plan"], sent["cfar"], sent["email"]) == (["STD"], ["yes"], ["ada@example.com"])
    boxes = [a for a in recorder.actions if a.type == trace_pb2.ACTION_TYPE_CHECK]
    assert boxes and all(a.postcondition.verified for a in boxes)


async def test_replay_sets_boxes_out_of_the_page_through_their_labels(page: Page) -> None:
    rote = replay(page)
    await rote.check(Target(role="radio", name="Premium $1,000,000 emergency medical"), intent="Choose premium")
    await rote.check(Target(role="checkbox", name="Add cancel for any reason cover"), intent="Add the cover")
    await rote.uncheck(Target(role="checkbox", name="Send me travel offers"), intent="No offers")
    await rote.check(Target(role="radio", name="Premium $1,000,000 emergency medical"), intent="As asked already")
    assert await ticked(page, "p3", "cfar", "news") == [True, True, False]
    assert [a.postcondition.verified for a in rote.actions] == [True, True, True, True]
    # A label whose centre is a link is clicked beside the link: the page stays, the box is ticked.
    await rote.check(Target(role="checkbox", name="Read the terms I accept the terms"), intent="Accept the terms")
    assert page.url.endswith("/") and await ticked(page, "terms") == [True]


async def test_the_recorder_sets_them_too_and_a_box_without_a_shown_label_fails_honestly(page: Page) -> None:
    recorder = ActionRecorder(parameters={}, effect_timeout_ms=SETTLE_MS)
    basic = await page.query_selector("#p1")
    assert basic is not None and await own_label(basic) == LABEL_AWAY
    action = await recorder.check(page, basic, intent="Choose basic")
    assert action.postcondition.verified and await ticked(page, "p1") == [True]
    unshown = await page.query_selector("#unshown")
    assert unshown is not None and await own_label(unshown) == ""  # no label shown: Playwright's own click, which
    with pytest.raises(ReplayFailed):  # finds the box out of reach and says so
        await replay(page).check(Target(css="#unshown"), intent="Tick the unshown box")
    assert await ticked(page, "unshown") == [False]


async def test_the_agent_sets_clipped_and_shrunk_boxes_through_their_labels(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    await page.goto(f"{base_url}/preferences")
    await run_agent(page, "Save my preferences",
                    {"delivery_speed": "Express", "email_me_updates": "yes", "gift_wrap": "yes"})
    assert posted == [{"speed": ["exp"], "updates": ["on"], "gift": ["yes"]}]


async def test_replay_sets_a_clipped_box_through_its_label(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/preferences")
    rote = replay(page)
    await rote.check(Target(role="radio", name="Express"), intent="Choose express")
    await rote.check(Target(role="checkbox", name="☐ Gift wrap"), intent="Gift wrap it")
    assert await page.evaluate("['s2', 'gift'].map((n) => document.querySelector(`#${n},[name=${n}]`).checked)") == [
        True, True]
