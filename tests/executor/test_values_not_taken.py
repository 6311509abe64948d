"""Values a page does not take as given: a native range input (a value, a sum, a value off its step), a field that
cuts what is typed, a number under its minimum, an autocomplete that keeps only its own options. The agent enters
what the field takes and never sends a form holding a value other than the one asked for: judged by what the server
received."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page

from executor_service.agents.base import AgentResult
from executor_service.browser.value_checks import alternative_formats
from tests.executor import form_site
from tests.executor.form_site import run_agent as run_heuristic

pytestmark = pytest.mark.browser
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/rental": """<!doctype html><title>Rental application</title><h1>Apply for a flat</h1>
<form method="post" action="/sent"><label for="nm">Full name</label><input id="nm" name="name">
<label for="bud">Monthly budget (£)</label>
<input id="bud" type="range" name="budget" min="500" max="3000" step="50" value="1000">
<button>Apply</button></form>""",
    "/street": """<!doctype html><title>Delivery address</title><h1>Where should we deliver?</h1>
<form method="post" action="/sent"><label for="st">Street</label><input id="st" name="street" maxlength="24">
<label for="tw">Town</label><input id="tw" name="town"><button>Save address</button></form>""",
    "/member": """<!doctype html><title>Join</title><h1>Join the club</h1>
<form method="post" action="/sent"><label for="nm">Full name</label><input id="nm" name="name">
<label for="ag">Age</label><input id="ag" type="number" name="age" min="18" max="120"><button>Join</button></form>""",
}


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    context.set_default_timeout(SETTLE_MS)
    yield await context.new_page()
    await context.close()


async def run_agent(page: Page, url: str, goal: str, payload: dict[str, str]) -> AgentResult:
    await page.goto(url)
    result, _ = await run_heuristic(page, goal, payload, SETTLE_MS)
    return result


@pytest.mark.parametrize("budget", ["1450", "£1,450"])
async def test_the_agent_sets_a_range_input(
    page: Page, base_url: str, posted: list[dict[str, list[str]]], budget: str
) -> None:
    result = await run_agent(page, f"{base_url}/rental", "Apply for the flat",
                             {"full_name": "Ada Lovelace", "monthly_budget": budget})
    assert result.completed, result.reason
    assert posted == [{"name": ["Ada Lovelace"], "budget": ["1450"]}]


async def test_a_value_the_range_rounds_is_never_sent(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    result = await run_agent(page, f"{base_url}/rental", "Apply for the flat",
                             {"full_name": "Ada Lovelace", "monthly_budget": "1475"})
    assert not result.completed
    assert "'1500', not '1475'" in result.reason
    assert posted == []


async def test_a_value_the_field_cuts_is_never_sent(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    street = "553 Avenida da Liberdade, Apartment 36"
    result = await run_agent(page, f"{base_url}/street", "Save my delivery address",
                             {"street": street, "town": "Lisbon"})
    assert not result.completed
    assert "'553 Avenida da Liberdade'" in result.reason and "nothing sent" in result.reason
    assert posted == []


def test_a_number_field_takes_a_sum_as_a_number_never_its_digits_run_together() -> None:
    assert alternative_formats("£1,450.50", {"type": "number"}) == ["1450.50"]
    assert alternative_formats("$9,000", {"type": "range"}) == ["9000"]
    assert alternative_formats("07700 900123", {"type": "number"}) == ["07700900123"]
    assert alternative_formats("12.5", {"type": "number"}) == []
    assert alternative_formats("39, 13, 47", {"type": "number"}) == []  # three ages, not one
    assert alternative_formats("(555) 123-4567", {"type": "tel"}) == ["5551234567"]


async def test_a_value_the_field_marks_invalid_is_never_sent(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    result = await run_agent(page, f"{base_url}/member", "Join the club", {"full_name": "Ada Lovelace", "age": "16"})
    assert not result.completed
    assert result.reason == "Enter the age: the page marks '16' invalid; nothing sent"
    assert posted == []


# An autocomplete that keeps only its own options (it clears typed text when left), and one that takes free text.
_PEOPLE = """<!doctype html><title>New issue</title><h1>New issue</h1><form method="post" action="/sent">
<label for="t">Title</label><input id="t" name="title"><label for="a">Assignee</label>
<input id="a" role="combobox" aria-autocomplete="list" aria-controls="people" autocomplete="off">
<input type="hidden" name="assignee" id="chosen"><ul id="people" role="listbox" hidden></ul>
<button>Create issue</button></form><script>
const box = document.getElementById('a'), list = document.getElementById('people');
const names = ['Ada Lovelace', 'Grace Hopper'];
box.addEventListener('input', () => {
  list.innerHTML = '';
  for (const n of names.filter((n) => box.value && n.toLowerCase().startsWith(box.value.toLowerCase()))) {
    const li = document.createElement('li'); li.setAttribute('role', 'option'); li.textContent = n;
    li.onmousedown = () => { box.value = n; document.getElementById('chosen').value = n; list.hidden = true; };
    list.append(li);
  }
  list.hidden = !list.children.length;
});
box.addEventListener('blur', () => setTimeout(() => {
  if (KEEP_ONLY_OPTIONS && !document.getElementById('chosen').value) box.value = '';
}, 150));
</script>"""
PAGES["/issue"] = _PEOPLE.replace("KEEP_ONLY_OPTIONS", "true")
PAGES["/issue-free"] = _PEOPLE.replace("KEEP_ONLY_OPTIONS", "false").replace(
    '<input id="a" role', '<input id="a" name="assignee_text" role')


async def test_an_autocomplete_that_never_offered_the_value_is_not_sent_without_it(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    result = await run_agent(page, f"{base_url}/issue", "Create the issue",
                             {"title": "Login page is slow", "assignee": "Linus Torvalds"})
    assert not result.completed
    assert result.reason == "Enter the assignee: the page holds '', not 'Linus Torvalds'; nothing sent"
    assert posted == []  # before: sent with nobody assigned, and called done


async def test_an_autocomplete_that_keeps_free_text_takes_it(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    result = await run_agent(page, f"{base_url}/issue-free", "Create the issue",
                             {"title": "Login page is slow", "assignee": "Linus Torvalds"})
    assert result.completed, result.reason
    assert posted == [{"title": ["Login page is slow"], "assignee_text": ["Linus Torvalds"]}]


async def test_an_autocomplete_offering_the_value_has_it_chosen(
    page: Page, base_url: str, posted: list[dict[str, list[str]]]
) -> None:
    result = await run_agent(page, f"{base_url}/issue", "Create the issue",
                             {"title": "Login page is slow", "assignee": "Grace Hopper"})
    assert result.completed, result.reason
    assert posted == [{"title": ["Login page is slow"], "assignee": ["Grace Hopper"]}]
