"""A value one list offers only once another is chosen: a team whose list loads (by fetch) when its department is
picked, a car model whose list fills in for its make. Before, the agent found "no field for team" and sent nothing.
Now it tries the options of the list before, unrecorded, until a list offers the value, chooses that option as a
step of its own and enters the value; a list that fills nothing in, or offers the value under no option, is put
back as it was. Judged by what the server received."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.async_api import Page

from executor_service.browser.dependent_lists import changed
from executor_service.browser.named_options import offered
from executor_service.runtime import ReplayFailed
from services.gen.rote.v1 import trace_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, recorded_code, replayed, run_agent

pytestmark = pytest.mark.browser
page = page_fixtures.page
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
TEAMS = {"eng": ["Platform", "Mobile", "Data"], "fin": ["Payroll", "Accounts payable", "Audit"],
         "ops": ["Facilities", "Logistics"]}
PAGES = {f"/api/teams/{code}": json.dumps(names) for code, names in TEAMS.items()}
PAGES["/kit"] = """<!doctype html><title>Equipment</title><h2>Request equipment</h2>
<form method="post" action="/requested">
<p><label for="n">Your name</label> <input id="n" name="name"></p>
<p><label for="d">Department</label> <select id="d" name="dept"><option value="">Choose…</option>
<option value="eng">Engineering</option><option value="fin">Finance</option><option value="ops">Operations</option>
</select></p>
<p><label for="t">Team</label> <select id="t" name="team" disabled><option value="">Choose a department first</option>
</select></p>
<button>Send request</button></form>
<script>
const d = document.getElementById('d'), t = document.getElementById('t');
d.addEventListener('change', async () => {
  t.innerHTML = ''; t.disabled = true;
  if (!d.value) { t.add(new Option('Choose a department first', '')); return; }
  t.add(new Option('Loading…', ''));
  const teams = await (await fetch('/api/teams/' + d.value)).json();
  await new Promise((ok) => setTimeout(ok, 150));
  t.innerHTML = ''; t.add(new Option('Choose…', ''));
  for (const name of teams) t.add(new Option(name, name.toLowerCase().replace(/ /g, '-')));
  t.disabled = false;
});
</script>"""
PAGES["/permit"] = """<!doctype html><title>Parking permit</title><h1>Apply for a parking permit</h1>
<form method="post" action="/applied">
<div>Registration <input name="reg" aria-label="Registration"></div>
<div><label>Make <select name="make"><option value="">Select make</option><option>Ford</option><option>Honda</option>
<option>Toyota</option></select></label></div>
<div><label>Model <select name="model"><option value="">Select make first</option></select></label></div>
<div><label>Colour <select name="colour"><option value="">-</option><option>Black</option><option>Red</option>
</select></label></div>
<input type="submit" value="Apply"></form>
<script>
const MODELS = {Ford: ['Fiesta', 'Focus'], Honda: ['Civic', 'Jazz', 'CR-V'], Toyota: ['Yaris', 'Corolla']};
const make = document.querySelector('[name=make]'), model = document.querySelector('[name=model]');
make.onchange = () => {
  const names = MODELS[make.value] || [];
  model.innerHTML = '<option value="">Select model</option>' + names.map((m) => `<option>${m}</option>`).join('');
};
</script>"""
PAGES["/birthday"] = """<!doctype html><title>Card</title><h1>Send a card</h1><form method="post" action="/sent">
<p><label for="to">Recipient</label> <input id="to" name="to"></p>
<p><label for="m">Month</label> <select id="m" name="m"><option value="">-</option><option value="1">January</option>
<option value="2">February</option></select>
<label for="d">Day</label> <select id="d" name="d"><option value="">-</option></select></p>
<button>Send card</button></form>
<script>
window.changes = 0;
const m = document.getElementById('m'), d = document.getElementById('d');
m.addEventListener('change', () => {
  window.changes += 1;
  d.innerHTML = '<option value="">-</option>';
  for (let n = 1; n <= (m.value === '2' ? 28 : 31); n++) d.add(new Option(String(n), String(n)));
});
</script>"""
KIT = {"name": "Ana Diaz", "team": "Payroll"}


async def test_the_team_is_chosen_once_its_department_lists_it(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/kit")
    result, recorder = await run_agent(page, "Request equipment", KIT, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"name": ["Ana Diaz"], "dept": ["fin"], "team": ["payroll"]}]
    # Only the department that lists the team is recorded: the options tried before it are not replayed.
    chosen = [a.value for a in recorder.actions if a.type == trace_pb2.ACTION_TYPE_SELECT_OPTION]
    assert chosen == ["Finance", "Payroll"]


async def test_a_model_is_chosen_once_its_make_lists_it(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/permit")
    values = {"registration": "AB12 CDE", "model": "CR-V", "colour": "Red"}
    result, _ = await run_agent(page, "Apply for a parking permit", values, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"reg": ["AB12 CDE"], "make": ["Honda"], "model": ["CR-V"], "colour": ["Red"]}]


async def test_a_value_no_option_lists_puts_the_lists_back_and_sends_nothing(
    page: Page, base_url: str, posted: Posts
) -> None:
    await page.goto(f"{base_url}/kit")
    result, recorder = await run_agent(page, "Request equipment", {"name": "Ana Diaz", "team": "Astronomy"}, SETTLE_MS)
    assert not result.completed
    assert "team" in result.reason
    assert posted == []
    assert await page.locator("#d").input_value() == ""  # put back as it was found
    assert await page.locator("#t").is_disabled()
    assert not [a for a in recorder.actions if a.type == trace_pb2.ACTION_TYPE_SELECT_OPTION]


async def test_a_list_that_fills_in_another_kind_is_tried_once_and_put_back(
    page: Page, base_url: str, posted: Posts
) -> None:
    # The day list waits for its month, but lists numbers: no team is ever offered there. The month is tried once,
    # not for each of its options, and put back as it was.
    await page.goto(f"{base_url}/birthday")
    result, recorder = await run_agent(page, "Send a card", {"recipient": "Ann Lee", "team": "Payroll"}, SETTLE_MS)
    assert not result.completed
    assert await page.evaluate("window.changes") == 2  # January tried, then the month put back
    assert await page.locator("#m").input_value() == ""
    assert not [a for a in recorder.actions if a.type == trace_pb2.ACTION_TYPE_SELECT_OPTION]
    assert posted == []


async def _recorded_code(page: Page, base_url: str) -> dict[str, Any]:
    await page.goto(f"{base_url}/kit")
    _, code, namespace = await recorded_code(page, "kit", "Request equipment", KIT, SETTLE_MS)
    assert 'select_listing(' in code and 'ctx.param("team")' in code, code  # no recorded department in the code
    return namespace


async def _replay(namespace: dict[str, Any], page: Page, base_url: str, values: dict[str, str]) -> None:
    await replayed(namespace, "kit", page, f"{base_url}/kit", values, SETTLE_MS)


async def test_code_from_the_run_chooses_the_department_that_lists_the_next_runs_team(
    page: Page, base_url: str, posted: Posts
) -> None:
    namespace = await _recorded_code(page, base_url)
    posted.clear()
    await _replay(namespace, page, base_url, {"name": "Bo Li", "team": "Logistics"})  # another department's team
    await _replay(namespace, page, base_url, {"name": "Cy Ode", "team": "Audit"})
    assert posted == [
        {"name": ["Bo Li"], "dept": ["ops"], "team": ["logistics"]},
        {"name": ["Cy Ode"], "dept": ["fin"], "team": ["audit"]},
    ]


async def test_code_refuses_a_team_no_department_lists_and_sends_nothing(
    page: Page, base_url: str, posted: Posts
) -> None:
    namespace = await _recorded_code(page, base_url)
    posted.clear()
    with pytest.raises(ReplayFailed, match="no option of"):
        await _replay(namespace, page, base_url, {"name": "Bo Li", "team": "Astronomy"})
    assert posted == []
    assert await page.locator("#d").input_value() == ""


def test_an_option_is_the_value_itself_never_one_merely_like_it() -> None:
    options = [("Choose…", ""), ("Civic (2017 on)", "civic"), ("Jazz", "jazz"), ("Dominican Republic", "DO"),
               ("Australia and the Pacific", "au-pac")]
    assert offered("Civic", options)
    assert not offered("Australia", options)  # a region named after the country is not the country
    assert offered("jazz", options)
    assert offered("Dominican Republic", options)
    assert not offered("Civ", options)
    assert not offered("Jaz", options)
    assert not offered("Choose…", options)  # a placeholder offers nothing


def test_only_a_list_the_choice_changed_can_be_what_it_made_offer_the_value() -> None:
    nationality = [("Japan", "JP"), ("Peru", "PE")]  # offers every country all along
    before = [nationality, [("Choose a region first", "")]]
    now = [nationality, [("Choose…", ""), ("Japan", "JP"), ("India", "IN")]]
    assert changed(before, now) == [now[1]]
    assert changed(before, before) == []
    assert changed(before, [*now, [("New", "n")]]) == [now[1], [("New", "n")]]
