"""A postcode's "Find address" placed after the field's own group (as GOV.UK lays it out), not beside the field in
one small box: before, the agent never pressed it, sent the form without an address and left the run to fail on
the next page. Now the button that comes next after the field, before any other field, is pressed when it looks
something up (never an "Apply now" or "Add another" there). An address two options hold alike ("10 Park Road":
Flat 1 and Flat 2 there) is no choice at all. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
_LOOKUP = """<script>
document.getElementById('find').onclick = () => {
  const pc = document.getElementById('pc').value.trim().toUpperCase(), s = document.getElementById('sel');
  s.innerHTML = ''; s.add(new Option('4 addresses found', ''));
  ['Flat 1, 10 Park Road', 'Flat 2, 10 Park Road', '12 Park Road', '14 Park Road']
    .forEach((a, i) => s.add(new Option(a + ', Leeds ' + pc, 'U' + (100 + i))));
  setTimeout(() => { document.getElementById('pick').hidden = false; }, 200);
};
</script>"""
PAGES = {
    "/address": """<!doctype html><title>Your address</title><h1>Your address</h1>
<form method="post" action="/sent"><div class="group"><label for="pc">Postcode</label>
<span class="hint">For example, LS1 4AP</span><input id="pc" name="postcode"></div>
<button type="button" id="find">Find address</button>
<div id="pick" hidden><label for="sel">Select your address</label><select id="sel" name="uprn"></select></div>
<button type="submit">Continue</button></form>""" + _LOOKUP,
    # An "Apply" after the last field is the form's own send: never pressed as a lookup of that field.
    "/job": """<!doctype html><title>Apply</title><h1>Apply for the job</h1>
<form method="post" action="/sent"><label for="n">Full name</label><input id="n" name="name">
<div><label for="cv">Portfolio link</label><input id="cv" name="link"></div>
<button type="submit">Apply now</button></form>""",
}


async def test_the_lookup_after_the_postcode_is_pressed_and_the_address_chosen_from_what_it_found(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/address")
    result, recorder = await run_agent(page, "Register my address", {"address": "12 Park Road", "postcode": "LS6 2AB"},
                                       SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"postcode": ["LS6 2AB"], "uprn": ["U102"]}]
    assert any(a.intent == "Click 'Find address' to apply the postcode" for a in recorder.actions)


async def test_an_address_two_options_hold_alike_is_never_chosen(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/address")
    result, _ = await run_agent(page, "Register my address", {"address": "10 Park Road", "postcode": "LS6 2AB"},
                                SETTLE_MS)
    assert not result.completed
    assert all(post.get("uprn", [""]) == [""] for post in posted)  # neither flat chosen for the person


async def test_a_send_after_the_last_field_is_pressed_once_as_the_send(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/job")
    payload = {"name": "Ann Lee", "portfolio_link": "https://ann.dev"}
    result, recorder = await run_agent(page, "Apply for the job", payload, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"name": ["Ann Lee"], "link": ["https://ann.dev"]}]
    assert not any("to apply the" in a.intent for a in recorder.actions)
