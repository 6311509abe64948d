"""Sums chosen from a list of sums. Before, fuzzy matching let "£35" choose "£350" and "£1,000" choose "£100" (alike
in letters), and the run said done with the wrong sum sent. Now an option whose numbers differ from the value's is
never that value, in a radio group, a select and a scripted list alike; and a sum no option offers answers the
group's "Other amount" and goes into the box that answer shows. Judged by what the server received."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pytest
from playwright.async_api import Page

from executor_service.agents.acting import option_score
from executor_service.agents.matching import best_option
from executor_service.browser.block_facts import BlockFacts, wrong_choices
from executor_service.browser.number_bands import numbers_clash
from executor_service.browser.snapshot import SelectOption
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent
from tests.executor_agent.test_matching import element

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/donate": """<!doctype html><title>Donate</title><h1>Make a donation</h1><form method="post" action="/sent">
<fieldset><legend>Choose an amount</legend>
<label><input type="radio" name="amt" value="100"> £100</label>
<label><input type="radio" name="amt" value="350"> £350</label>
<label><input type="radio" name="amt" value="50"> £50</label>
<label><input type="radio" name="amt" value="other"> Other amount</label></fieldset>
<div id="oth" hidden><label for="o">Enter amount (£)</label>
<input id="o" name="other_amount" type="number" min="1"></div>
<label for="n">Full name</label><input id="n" name="name"><button>Donate now</button></form>
<script>document.querySelectorAll('[name=amt]').forEach((r) => r.onchange = () =>
  document.getElementById('oth').hidden = r.value !== 'other');</script>""",
    "/cover": """<!doctype html><title>Cover</title><h1>Choose your cover</h1><form method="post" action="/sent">
<label for="c">Cover level</label><select id="c" name="cover"><option value="">Choose</option>
<option value="a">£1,000,000</option><option value="b">£350</option><option value="c">£100</option></select>
<label for="n">Full name</label><input id="n" name="name"><button>Get my quote</button></form>""",
}


@pytest.mark.parametrize(
    ("amount", "sent"),
    [
        ("£350", {"amt": ["350"]}),
        ("£35", {"amt": ["other"], "other_amount": ["35"]}),  # before: 350 sent and the run said done
        ("£1,000", {"amt": ["other"], "other_amount": ["1000"]}),  # before: 100
    ],
)
async def test_a_sum_is_its_own_option_or_the_other_amount_never_a_sum_alike_in_letters(
    page: Page, base_url: str, posted: Posts, amount: str, sent: dict[str, list[str]]
) -> None:
    await page.goto(f"{base_url}/donate")
    payload = {"donation_amount": amount, "name": "Ann Lee"}
    result, recorder = await run_agent(page, "Make a donation", payload, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{**sent, "name": ["Ann Lee"]}]
    # The block's judge agrees: "Other amount" then the sum in its box is no wrong choice.
    assert wrong_choices(_facts(recorder.actions, payload)) == []


def _facts(actions: Iterable[trace_pb2.Action], payload: dict[str, str]) -> BlockFacts:
    block = workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    return BlockFacts(block=block, actions=list(actions), start_url="",
                      payload={key: (value, key) for key, value in payload.items()})


async def test_a_sum_no_option_of_a_select_holds_is_never_sent(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/cover")
    result, _ = await run_agent(page, "Get a quote", {"cover_level": "£35", "name": "Ann Lee"}, SETTLE_MS)
    assert not result.completed
    assert posted == []  # before: "£350" chosen and sent


def test_numbers_decide_between_options_alike_in_letters() -> None:
    assert numbers_clash("£35", "£350") and numbers_clash("£1,000", "£100") and numbers_clash("Room 12", "Room 21")
    assert not numbers_clash("£1,000", "£1000") and not numbers_clash("2 adults", "Two adults")
    assert not numbers_clash("10", "Size 10 (UK 8)")
    options = [SelectOption("a", "£350", False), SelectOption("b", "£1,000,000", False)]
    assert best_option("£35", options) is None and best_option("£1,000", options) is None
    listed = dataclasses.replace(element(0), tag="li", role="option", name="£350", text="£350")
    assert option_score("£35", listed) == 0.0 and option_score("£350", listed) == 100.0


_BUTTONS = """<!doctype html><title>Donate</title><h1>Make a donation</h1><form method="post" action="/sent">
<div role="group" aria-label="Donation amount"><button type="button" data-v="10">£10</button>
<button type="button" data-v="25">£25</button><button type="button" data-v="50">£50</button>
<button type="button" data-v="other">Other</button></div>
<div id="oth" hidden><label for="o">Other amount (£)</label><input id="o" type="number" min="1"></div>
<input type="hidden" name="amount" id="amount"><label for="n">Full name</label><input id="n" name="name">
<button type="submit">Donate now</button></form>
<script>
document.querySelectorAll('[data-v]').forEach((b) => b.onclick = () => {
  const other = b.dataset.v === 'other';
  document.getElementById('oth').hidden = !other;
  document.getElementById('amount').value = other ? '' : b.dataset.v;
});
document.getElementById('o').oninput = (e) => { document.getElementById('amount').value = e.target.value; };
</script>"""
PAGES["/donate-buttons"] = _BUTTONS


@pytest.mark.parametrize(("amount", "sent"), [("£25", "25"), ("£35", "35")])
async def test_a_sum_no_button_shows_goes_into_the_box_other_shows(
    page: Page, base_url: str, posted: Posts, amount: str, sent: str
) -> None:
    # Before: "£35" found no field; pressing "Other" alone (without its box) would send no amount at all.
    await page.goto(f"{base_url}/donate-buttons")
    payload = {"amount": amount, "name": "Ann Lee"}
    result, recorder = await run_agent(page, "Make a donation", payload, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"amount": [sent], "name": ["Ann Lee"]}]
    assert wrong_choices(_facts(recorder.actions, payload)) == []
