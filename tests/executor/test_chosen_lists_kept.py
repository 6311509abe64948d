"""A list the agent chose in keeps its choice: when the page refuses the step (a question it could not answer) and
the agent looks again, another pending value never goes into that list. Before, the no-claims years "9" went into
the mileage list already set to "More than 10,000 miles" (a band holding 9), undoing the mileage chosen; a page
accepting the step then would have been sent the wrong mileage."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from services.gen.rote.v1 import trace_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
PAGES = {
    "/car": """<!doctype html><title>Quote</title><h1>Your car</h1>
<form method="post" action="/next" id="f">
<p><label for="reg">Registration</label> <input id="reg" name="reg"></p>
<p><label for="m">Annual mileage</label> <select id="m" name="mileage"><option value="">Select</option>
<option value="1">Up to 5,000 miles</option><option value="2">5,001 to 10,000 miles</option>
<option value="3">More than 10,000 miles</option></select></p>
<fieldset><legend>Where is the car kept overnight?</legend>
<label><input type="radio" name="park" value="g"> In a locked garage</label>
<label><input type="radio" name="park" value="r"> On the road outside my home</label></fieldset>
<p id="err" role="alert"></p>
<button>Save and continue</button></form>
<script>
document.getElementById('f').addEventListener('submit', (e) => {
  if (document.querySelector('[name=park]:checked')) return;
  e.preventDefault();
  document.getElementById('err').textContent = 'Tell us where your car is kept overnight';
});
</script>""",
}


async def test_a_refused_step_never_puts_another_value_into_a_list_already_chosen(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/car")
    values = {"registration": "AB12 CDE", "annual_mileage": "12,000", "parking": "On the street",
              "no_claims_years": "9"}
    result, recorder = await run_agent(page, "Get a car insurance quote", values, 2000)
    assert not result.completed  # "On the street" names no option here: nothing is sent
    assert posted == []
    assert await page.locator("#m").input_value() == "3"  # the mileage chosen stands
    chosen = [a.payload_key for a in recorder.actions if a.type == trace_pb2.ACTION_TYPE_SELECT_OPTION]
    assert chosen == ["annual_mileage"]
