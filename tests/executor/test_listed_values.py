"""A value listing several of one thing ("4, 9" for children_ages) on pages that ask it one item per numbered field,
made by a count the page asks first (a dropdown, a number box) or shown from the start. The agent sets the count and
fills each item; replay sets its own value's count and types its own items, however many it lists, and fails on
a list longer than the page has fields for. Judged by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.list_parts import item_intent
from executor_service.runtime import ReplayFailed, Target
from services.gen.rote.v1 import trace_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

AT = trace_pb2.ActionType
pytestmark = pytest.mark.browser
page, replay = page_fixtures.page, page_fixtures.replay
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000

# A hotel search in the manner of the large booking sites: the children's count makes one age dropdown per child.
_HOTEL = """<!doctype html><title>Find a hotel</title><h1>Where to next?</h1>
<form method="post" action="/sent"><label for="dest">Destination</label><input id="dest" name="destination">
<label for="ad">Adults</label><select id="ad" name="adults"><option>1</option><option selected>2</option>
<option>3</option></select>
<label for="ch">Children</label><select id="ch" name="children"><option>0</option><option>1</option>
<option>2</option><option>3</option><option>4</option></select><div id="ages"></div><button>Search</button></form>
<script>
const ch = document.getElementById('ch'), ages = document.getElementById('ages');
ch.addEventListener('change', () => {
  ages.innerHTML = '';
  for (let i = 1; i <= Number(ch.value); i++) {
    const label = document.createElement('label'), pick = document.createElement('select');
    label.htmlFor = pick.id = 'age' + i; label.textContent = 'Age of child ' + i; pick.name = 'child_age';
    pick.add(new Option('Age needed', ''));
    for (let y = 0; y <= 17; y++) pick.add(new Option(y + (y === 1 ? ' year old' : ' years old'), String(y)));
    ages.append(label, pick);
  }
});
</script>"""
# A number box for how many travel; a name field per traveller appears as it changes.
_PARTY = """<!doctype html><title>Group booking</title><h1>Who is coming?</h1>
<form method="post" action="/sent"><label for="n">Number of travellers</label>
<input id="n" type="number" name="count" min="1" max="6" value="1"><div id="names"></div>
<label for="em">Email</label><input id="em" type="email" name="email"><button>Continue</button></form>
<script>
const n = document.getElementById('n'), names = document.getElementById('names');
const draw = () => {
  const kept = [...names.querySelectorAll('input')].map((i) => i.value);
  names.innerHTML = '';
  for (let i = 1; i <= (Number(n.value) || 1); i++) {
    const label = document.createElement('label'), box = document.createElement('input');
    label.htmlFor = box.id = 'trav' + i; label.textContent = 'Name of traveller ' + i; box.name = 'traveller';
    box.value = kept[i - 1] || ''; names.append(label, box);
  }
};
n.addEventListener('input', draw); draw();
</script>"""
# Three numbered fields from the start, no count.
_REFEREES = """<!doctype html><title>Application</title><h1>Your previous employers</h1>
<form method="post" action="/sent"><label for="e1">Previous employer 1</label><input id="e1" name="e1">
<label for="e2">Previous employer 2</label><input id="e2" name="e2">
<label for="e3">Previous employer 3 (optional)</label><input id="e3" name="e3">
<label for="yr">Years in work</label><input id="yr" name="years"><button>Send application</button></form>"""
# Two numbered fields and no count: a third name has nowhere to go.
_PAIR = """<!doctype html><title>Pair</title><form method="post" action="/sent"><label for="n1">Name 1</label>
<input id="n1" name="n1"><label for="n2">Name 2</label><input id="n2" name="n2"><button>Send</button></form>"""
# A count that starts at three, its three fields shown: two names make it two.
_SEATS = _PARTY.replace('value="1"', 'value="3"').replace("Group booking", "Seats")
PAGES = {"/hotel": _HOTEL, "/party": _PARTY, "/referees": _REFEREES, "/seats": _SEATS, "/pair": _PAIR}


async def test_the_count_is_chosen_then_each_item_goes_into_its_numbered_dropdown(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/hotel")
    result, recorder = await run_agent(page, "Search for a hotel", {"destination": "Porto", "children_ages": "4, 9"},
                                       SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"destination": ["Porto"], "adults": ["2"], "children": ["2"], "child_age": ["4", "9"]}]
    listed = [a for a in recorder.actions if a.parameter_key == "children_ages"]
    # Each action keeps the whole value and its parameter; the intent names the part replay takes of its own value.
    assert [(a.intent, a.value, a.element.label) for a in listed] == [
        ("Choose the number of the children ages", "4, 9", "Children"),
        ("Enter item 1 of the children ages", "4, 9", "Age of child 1"),
        ("Enter item 2 (the last) of the children ages", "4, 9", "Age of child 2"),
    ]
    assert all(a.postcondition.verified for a in listed)


async def test_replay_enters_its_own_values_count_and_items_however_many_it_lists(
    page: Page, base_url: str, posted: Posts
) -> None:
    intents = [("Children", "Choose the number of the children ages"), ("Age of child 1", "Enter item 1 of the "
               "children ages"), ("Age of child 2", "Enter item 2 (the last) of the children ages")]
    for value, count, ages in [("11, 2", "2", ["11", "2"]), ("6", "1", ["6"]), ("6, 8, 10", "3", ["6", "8", "10"])]:
        await page.goto(f"{base_url}/hotel")
        code = replay(page)
        for label, intent in intents:  # the recorded statements, as generated code makes them
            await code.select(Target(label=label), value, intent=intent)
        await page.get_by_role("button", name="Search").click()
        await page.wait_for_load_state()
        # A shorter list leaves out the items it lacks; a longer one goes on into "Age of child 3".
        assert posted[-1] == {"adults": ["2"], "children": [count], "child_age": ages}, value
    assert len(posted) == 3


async def test_a_longer_list_than_the_page_has_fields_for_fails_rather_than_leave_an_item_out(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/pair")
    code = replay(page)
    await code.fill(Target(label="Name 1"), "Ana, Ben, Cleo", intent="Enter item 1 of the names")
    with pytest.raises(ReplayFailed, match="Name 3"):
        await code.fill(Target(label="Name 2"), "Ana, Ben, Cleo", intent="Enter item 2 (the last) of the names")
    await page.goto(f"{base_url}/pair")
    code = replay(page)
    with pytest.raises(ReplayFailed, match="the value has 3 items; the form takes no item 2"):
        await code.fill(Target(css="#n1"), "Ana, Ben, Cleo", intent="Enter item 1 (the last) of the names")
    assert posted == []


async def test_generated_code_enters_another_count_of_items_than_the_agent_recorded(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/hotel")
    values = {"destination": "Porto", "children_ages": "4, 9"}
    result, code, namespace = await form_site.recorded_code(page, "search", "Search for a hotel", values, SETTLE_MS)
    assert result.completed, result.reason
    assert 'ctx.param("children_ages")' in code and "Age of child 3" not in code
    for ages in (["11", "2", "6"], ["7"]):
        actions = await form_site.replayed(namespace, "search", page, f"{base_url}/hotel",
                                          {"destination": "Lyon", "children_ages": ", ".join(ages)}, SETTLE_MS)
        await page.wait_for_load_state()
        assert posted[-1] == {"destination": ["Lyon"], "adults": ["2"], "children": [str(len(ages))],
                              "child_age": ages}
        # Each item is recorded as its own, so code repaired from this run stays bound the same way.
        assert [a.intent for a in actions if a.parameter_key == "children_ages"] == [
            "Choose the number of the children ages",
            *(item_intent(n, "children ages", last=n == len(ages)) for n in range(1, len(ages) + 1)),
        ]


async def test_a_number_box_sets_the_count_and_each_name_goes_into_its_field(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/party")
    result, recorder = await run_agent(page, "Add the people travelling",
                                       {"traveller_names": "Ana Diaz, Ben Ode, Chloé Moreau",
                                        "email": "ana@example.net"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"count": ["3"], "traveller": ["Ana Diaz", "Ben Ode", "Chloé Moreau"],
                       "email": ["ana@example.net"]}]
    assert all(a.postcondition.verified for a in recorder.actions if a.parameter_key == "traveller_names")


async def test_numbered_fields_shown_from_the_start_take_the_items_and_the_rest_stay_empty(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/referees")
    result, _ = await run_agent(page, "Send my application",
                                {"previous_employers": "Acme Ltd; Globex", "years_in_work": "12"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"e1": ["Acme Ltd"], "e2": ["Globex"], "years": ["12"]}]


async def test_a_count_saying_more_than_the_items_is_set_to_their_number(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/seats")
    assert await page.locator("#names input").count() == 3
    result, _ = await run_agent(page, "Add the people travelling",
                                {"traveller_names": "Ana Diaz, Ben Ode", "email": "ana@example.net"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"count": ["2"], "traveller": ["Ana Diaz", "Ben Ode"], "email": ["ana@example.net"]}]
