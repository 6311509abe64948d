"""Native inputs asked in their own spelling: a <select multiple> set from a value listing its options, a time input
from "9:30 pm", a month input from "March 2027", a country list from "UK". The agent enters them and replayed code
sets its own run's list, failing on an item no option names. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.value_checks import alternative_formats
from executor_service.runtime import ReplayFailed, Target
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page, replay = page_fixtures.page, page_fixtures.replay
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/profile": """<!doctype html><title>Profile</title><h1>Developer profile</h1>
<form method="post" action="/sent"><label for="n">Name</label><input id="n" name="name">
<label for="l">Languages you use</label><select id="l" name="langs" multiple size="5"><option>Python</option>
<option>Go</option><option>Rust</option><option value="ts">TypeScript</option><option>Java</option></select>
<label for="t">Preferred start time</label><input id="t" type="time" name="start">
<label for="m">Available from</label><input id="m" type="month" name="month"><button>Save profile</button></form>""",
    # A country list in ISO names beside a dialling code list whose options hold "UK": the country goes to its list.
    "/address": """<!doctype html><title>Shipping</title><h1>Shipping address</h1>
<form method="post" action="/sent"><label for="c">Country</label><select id="c" name="country">
<option value="">Choose…</option><option value="FR">France</option><option value="GB">United Kingdom</option>
<option value="US">United States</option></select><label for="cc">Country code</label><select id="cc" name="cc">
<option value="+1">US +1</option><option value="+44">UK +44</option></select>
<label for="ph">Phone number</label><input id="ph" type="tel" name="phone"><button>Continue</button></form>""",
}


async def test_the_agent_chooses_each_listed_option_and_types_times_and_months_as_their_inputs_take_them(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/profile")
    payload = {"name": "Ada", "languages": "Rust, TypeScript", "preferred_start_time": "9:30 pm",
               "available_from": "March 2027"}
    result, recorder = await run_agent(page, "Save my developer profile", payload, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"name": ["Ada"], "langs": ["Rust", "ts"], "start": ["21:30"], "month": ["2027-03"]}]
    chosen = next(a for a in recorder.actions if a.parameter_key == "languages")
    assert (chosen.value, chosen.postcondition.verified) == ("Rust, TypeScript", True)  # bound: replay takes its own


async def test_replay_chooses_its_own_runs_list_and_fails_on_an_item_no_option_names(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/profile")
    code = replay(page)
    await page.locator("#l").select_option(["Python", "Java"])  # chosen before: only the run's list stays
    await code.select(Target(label="Languages you use"), "go; python", intent="Choose the languages")
    await page.get_by_role("button", name="Save profile").click()
    await page.wait_for_load_state()
    assert posted == [{"langs": ["Python", "Go"]}]
    await page.goto(f"{base_url}/profile")
    with pytest.raises(ReplayFailed, match="no option for Cobol"):
        await replay(page).select(Target(label="Languages you use"), "Go, Cobol", intent="Choose the languages")


def test_time_and_month_inputs_take_their_own_spelling() -> None:
    assert alternative_formats("9:30 pm", {"type": "time"}) == ["21:30"]
    assert alternative_formats("7 am", {"type": "time"}) == ["07:00"]
    assert alternative_formats("March 2027", {"type": "month"}) == ["2027-03"]
    assert alternative_formats("03/2027", {"type": "month"}) == ["2027-03"]
    assert alternative_formats("March 2027", {"type": "text"}) == []  # a text box keeps the words


async def test_a_country_in_an_everyday_name_goes_to_the_country_list(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/address")
    result, _ = await run_agent(page, "Continue to payment", {"country": "UK", "phone": "07700 900123"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"country": ["GB"], "cc": ["+1"], "phone": ["07700 900123"]}]  # before: the dialling code
