"""Yes/no questions asked as radio groups ("Do you own a car? ( ) Yes ( ) No" and another like it on the same page),
answered by parameters that are a plain yes or no. Before, code from the agent's run looked for the radio named by
the next run's value ("no" matched the "No" of both questions: not one element) or guarded the recorded answer,
so every change of answer handed the block to the agent. Now the code answers each question by each run's value,
inside that question's own group; a value that answers by describing ("Diabetes") is still guarded, since it may
need details the code never saw. Judged by what the server received."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import Page

from executor_service.runtime import ReplayFailed
from services.gen.rote.v1 import trace_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, recorded_code, replayed

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/labelled": """<!doctype html><title>Quote</title><h2>Insurance quote</h2><form method="post" action="/q">
<p><label for="fn">Full name</label> <input id="fn" name="fn"></p>
<fieldset><legend>Do you own a car?</legend><input type="radio" id="a1" name="q7" value="y"><label for="a1">Yes</label>
<input type="radio" id="a2" name="q7" value="n"><label for="a2">No</label></fieldset>
<fieldset><legend>Have you made a claim in the last 5 years?</legend>
<input type="radio" id="b1" name="q8" value="y"><label for="b1">Yes</label>
<input type="radio" id="b2" name="q8" value="n"><label for="b2">No</label></fieldset>
<input type="submit" value="Get quote"></form>""",
    "/bare": """<!doctype html><title>Quote</title><h2>Insurance quote</h2><form method="post" action="/q">
<p>Full name: <input name="fn"></p>
<p>Do you own a car?<br><input type="radio" name="q7" value="1"> Yes <input type="radio" name="q7" value="0"> No</p>
<p>Have you made a claim in the last 5 years?<br><input type="radio" name="q8" value="1"> Yes
<input type="radio" name="q8" value="0"> No</p>
<input type="submit" value="Get quote"></form>""",
}
RECORDED = {"full_name": "Ann Lee", "owns_a_car": "yes", "made_a_claim": "no"}


async def _code(page: Page, url: str) -> tuple[str, dict[str, Any]]:
    """The code generated from the agent's run on ``url`` with RECORDED."""
    await page.goto(url)
    result, code, namespace = await recorded_code(page, "quote", "Get a quote", RECORDED, SETTLE_MS)
    assert result.completed, result.reason
    return code, namespace


async def _replay(namespace: dict[str, Any], page: Page, url: str, values: dict[str, str]) -> list[trace_pb2.Action]:
    return await replayed(namespace, "quote", page, url, values, SETTLE_MS)


@pytest.mark.parametrize(("path", "yes", "no"), [("/labelled", "y", "n"), ("/bare", "1", "0")])
async def test_code_answers_each_question_by_the_next_runs_value_in_its_own_group(
    page: Page, base_url: str, posted: Posts, path: str, yes: str, no: str
) -> None:
    code, namespace = await _code(page, f"{base_url}{path}")
    assert code.count("page.answer(") == 2 and "recorded_choice" not in code, code
    assert posted == [{"fn": ["Ann Lee"], "q7": [yes], "q8": [no]}]
    posted.clear()
    actions = await _replay(namespace, page, f"{base_url}{path}",
                            {"full_name": "Bo Li", "owns_a_car": "no", "made_a_claim": "Yes"})
    assert posted == [{"fn": ["Bo Li"], "q7": [no], "q8": [yes]}]
    # Recorded as the agent records a choice: for its parameter, on the radio chosen (a later fallback's code
    # answers the question again).
    answered = [a for a in actions if a.type == trace_pb2.ACTION_TYPE_CHECK]
    assert sorted((a.payload_key, a.element.label or a.element.accessible_name) for a in answered) == [
        ("made_a_claim", "Yes"), ("owns_a_car", "No")
    ]


async def test_a_value_that_is_no_yes_or_no_hands_the_question_to_the_agent(
    page: Page, base_url: str, posted: Posts
) -> None:
    _, namespace = await _code(page, f"{base_url}/labelled")
    posted.clear()
    with pytest.raises(ReplayFailed, match="neither yes nor no"):
        await _replay(namespace, page, f"{base_url}/labelled",
                      {"full_name": "Bo Li", "owns_a_car": "a 2019 Honda Jazz", "made_a_claim": "no"})
    assert posted == []
