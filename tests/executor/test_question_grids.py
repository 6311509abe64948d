"""A grid of questions (a survey's agreement scale): each row a question, each column an answer, the radios named by
nothing but their row and column headers. The agent answers each question a parameter names with the column its
value names. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000

_SCALE = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")


def _row(name: str, question: str) -> str:
    cells = "".join(f'<td><input type="radio" name="{name}" value="{i}"></td>' for i in range(1, 6))
    return f'<tr><th scope="row">{question}</th>{cells}</tr>'


PAGES = {
    "/survey": '<!doctype html><title>Customer survey</title><h1>How did we do?</h1><form method="post" action="/sent">'
    "<table><caption>How much do you agree with each statement?</caption><thead><tr><th></th>"
    + "".join(f"<th>{answer}</th>" for answer in _SCALE) + "</tr></thead><tbody>"
    + _row("q1", "The staff were helpful") + _row("q2", "Delivery was on time") + _row("q3", "Prices were fair")
    + '</tbody></table><label for="c">Any other comments?</label><textarea id="c" name="comments"></textarea>'
    "<button>Submit survey</button></form>",
}


async def test_each_question_of_the_grid_takes_the_column_its_value_names(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/survey")
    result, recorder = await run_agent(
        page, "Submit the survey",
        {"staff_helpful": "Strongly agree", "delivery_on_time": "Disagree", "prices_fair": "Neutral",
         "comments": "The parcel came a day late but the driver was kind"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"q1": ["5"], "q2": ["2"], "q3": ["3"],
                       "comments": ["The parcel came a day late but the driver was kind"]}]
    chosen = sorted(a.intent for a in recorder.actions if a.intent.startswith("Choose"))
    assert chosen == ["Choose Disagree for the delivery on time", "Choose Neutral for the prices fair",
                      "Choose Strongly agree for the staff helpful"]
