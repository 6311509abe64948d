"""Questions whose answer asks for details. A yes/no question a parameter names ("Do you have any dietary
requirements?" for dietary_requirements): a yes/no value answers it ("None" is no), a value of words answers yes and
goes into the box that answer shows, and words that merely hold "no" ("Vegetarian, no nuts please") never answer no.
A question with an "Other" option ("How did you hear about us?"): a value none of its options names answers "Other"
and goes into the box that asks to specify. Judged by what the server received."""

from __future__ import annotations

from typing import Any

import libcst as cst
import pytest
from playwright.async_api import Page

from codegen_service.blocks import build_block, simple_generation
from executor_service.browser.block_facts import BlockFacts, wrong_choices
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import ReplayFailed, RunContext
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000


def _question(reveals: bool) -> str:
    shows = "document.getElementById('more').hidden = !document.getElementById('y').checked;" if reveals else ""
    return f"""<!doctype html><title>Conference registration</title><h1>Register</h1>
<form method="post" action="/sent"><label for="nm">Full name</label><input id="nm" name="name">
<fieldset><legend>Do you have any dietary requirements?</legend>
<input type="radio" id="y" name="diet" value="Y"><label for="y">Yes</label>
<input type="radio" id="n" name="diet" value="N"><label for="n">No</label>
<div id="more" hidden><label for="dd">Please tell us what they are</label><textarea id="dd" name="details"></textarea>
</div></fieldset><button>Register</button></form>
<script>document.querySelectorAll('[name=diet]').forEach((r) => r.addEventListener('change', () => {{ {shows} }}));
</script>"""


def _other(enables: bool) -> str:
    box = '<input type="text" name="src_other" aria-label="Please specify" id="os"' + (" disabled>" if enables else ">")
    script = ("<script>document.querySelectorAll('[name=src]').forEach((r) => r.addEventListener('change', () => {"
              " document.getElementById('os').disabled = !document.getElementById('o').checked; }));</script>")
    return f"""<!doctype html><title>Feedback</title><h1>Tell us about you</h1>
<form method="post" action="/sent"><fieldset><legend>How did you hear about us?</legend>
<label><input type="radio" name="src" value="search"> Search engine</label>
<label><input type="radio" name="src" value="friend"> A friend</label>
<label><input type="radio" name="src" value="other" id="o"> Other</label>{box}</fieldset>
<label for="e">Email</label><input id="e" type="email" name="email"><button>Send</button></form>
{script if enables else ""}"""


PAGES = {"/register": _question(reveals=True), "/register-no-box": _question(reveals=False),
         "/heard": _other(enables=True), "/heard-box-shown": _other(enables=False)}


@pytest.mark.parametrize(
    ("said", "sent"),
    [("None", {"diet": ["N"]}), ("no", {"diet": ["N"]}),
     ("Vegetarian, no nuts please", {"diet": ["Y"], "details": ["Vegetarian, no nuts please"]}),
     ("Vegan", {"diet": ["Y"], "details": ["Vegan"]})],
)
async def test_the_value_answers_the_question_and_its_words_go_where_the_answer_asks(
    page: Page, base_url: str, posted: Posts, said: str, sent: dict[str, list[str]]
) -> None:
    await page.goto(f"{base_url}/register")
    result, recorder = await run_agent(page, "Register for the conference",
                                       {"full_name": "Ada Lovelace", "dietary_requirements": said}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"name": ["Ada Lovelace"], **sent}]
    assert all(a.postcondition.verified for a in recorder.actions)


async def test_a_described_no_answers_the_question_and_never_unticks_its_radio(
    page: Page, base_url: str, posted: Posts
) -> None:
    # The description names the question, so "No" scored as a field for the value: "None" unticked it (a radio
    # is never unticked) and the question went unanswered.
    await page.goto(f"{base_url}/register")
    payload = {"full_name": "Ada Lovelace", "dietary_requirements": "None"}
    result, recorder = await run_agent(page, "Register for the conference", payload, SETTLE_MS,
                                       described={"dietary_requirements": "any dietary requirements you have"})
    assert result.completed, result.reason
    assert posted == [{"name": ["Ada Lovelace"], "diet": ["N"]}]
    # The block's judge reads the answer as the agent gave it: "None" answered "No" is no wrong choice (before,
    # the run was failed for it though the page had what was asked).
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    facts = BlockFacts(block=block, actions=list(recorder.actions), start_url="",
                       payload={key: (value, key) for key, value in payload.items()})
    assert wrong_choices(facts) == []


async def test_words_with_nowhere_to_go_after_yes_are_never_sent(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/register-no-box")
    result, _ = await run_agent(page, "Register for the conference",
                                {"full_name": "Ada Lovelace", "dietary_requirements": "Vegetarian"}, SETTLE_MS)
    assert not result.completed
    assert "dietary_requirements" in result.reason
    assert posted == []



@pytest.mark.parametrize("path", ["/heard", "/heard-box-shown"])
@pytest.mark.parametrize(
    ("said", "sent"),
    [("A podcast", {"src": ["other"], "src_other": ["A podcast"]}), ("A friend", {"src": ["friend"]})],
)
async def test_a_value_no_option_names_answers_other_and_is_given_where_it_asks_to_specify(
    page: Page, base_url: str, posted: Posts, path: str, said: str, sent: dict[str, list[str]]
) -> None:
    await page.goto(f"{base_url}{path}")
    result, _ = await run_agent(page, "Send the feedback", {"how_heard": said, "email": "ana@example.net"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{**sent, "email": ["ana@example.net"]}]


async def test_code_replays_any_value_giving_the_recorded_answer(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/register")
    payload = {"full_name": "Ada Lovelace", "dietary_requirements": "Vegetarian, no nuts please"}
    result, recorder = await run_agent(page, "Register for the conference", payload, SETTLE_MS)
    assert result.completed, result.reason
    trace = trace_pb2.BlockTrace(label="register", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=recorder.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(payload, {"r": "register"})).function)
    # The choice is guarded by the answer the value gives, not its words: the words are this run's parameter.
    assert 'ctx.answers("dietary_requirements", "yes")' in code and "Vegetarian" not in code
    namespace: dict[str, Any] = {}
    exec(f"from executor_service.runtime import *\n{code}", namespace)  # noqa: S102 - the code generated above

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    for said in ("Vegan", "None"):
        posted.clear()
        await page.goto(f"{base_url}/register")
        ctx = RunContext(run_id="t", parameters={"full_name": "Grace Hopper", "dietary_requirements": said},
                         secret_keys=frozenset())
        replayed = namespace["register"](ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=SETTLE_MS), ctx)
        if said == "Vegan":
            await replayed
            assert posted == [{"name": ["Grace Hopper"], "diet": ["Y"], "details": ["Vegan"]}]
        else:
            with pytest.raises(ReplayFailed, match="answered yes when recorded"):
                await replayed  # "None" answers no: the agent's to do, never "Yes" with "None" as the details
            assert posted == []
