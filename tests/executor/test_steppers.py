"""A count set with its own − and + buttons beside a box that takes no typing ("Guests − 2 +"): the agent steps to the
value, replayed code steps to its own run's value, and a value past the box's limit is never called entered. Judged
by what the server received."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.steppers import step_intent, steppable
from executor_service.runtime import ReplayFailed, Target
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page, replay = page_fixtures.page, page_fixtures.replay
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/table": """<!doctype html><title>Book a table</title><h1>Book a table</h1>
<form method="post" action="/sent"><label for="n">Name</label><input id="n" name="name">
<div class="stepper"><label for="g">Guests</label><button type="button" aria-label="Fewer guests" id="m">−</button>
<input id="g" name="guests" value="2" readonly><button type="button" aria-label="More guests" id="p">+</button></div>
<button type="submit">Book</button></form>
<script>
const g = document.getElementById('g');
// The count changes a moment after the press, as a framework's state update would.
const later = (f) => () => setTimeout(f, 60);
document.getElementById('p').onclick = later(() => { g.value = Math.min(12, Number(g.value) + 1); });
document.getElementById('m').onclick = later(() => { g.value = Math.max(1, Number(g.value) - 1); });
</script>""",
}


async def test_the_agent_steps_the_count_to_the_value(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/table")
    result, recorder = await run_agent(page, "Book the table", {"name": "Ada", "guests": "5"}, SETTLE_MS)
    assert result.completed, result.reason
    assert posted == [{"name": ["Ada"], "guests": ["5"]}]
    stepped = next(a for a in recorder.actions if a.parameter_key == "guests")
    assert (stepped.intent, stepped.value, stepped.postcondition.verified) == (step_intent("guests"), "5", True)


@pytest.mark.parametrize("guests", ["1", "9"])
async def test_replay_steps_to_its_own_value(page: Page, base_url: str, posted: Posts, guests: str) -> None:
    await page.goto(f"{base_url}/table")
    await replay(page).fill(Target(label="Guests"), guests, intent=step_intent("guests"))
    await page.get_by_role("button", name="Book").click()
    await page.wait_for_load_state()
    assert posted == [{"guests": [guests]}]


async def test_a_value_past_the_boxs_limit_fails_replay(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/table")
    with pytest.raises(ReplayFailed, match="12"):
        await replay(page).fill(Target(label="Guests"), "20", intent=step_intent("guests"))


def test_only_a_small_whole_number_is_stepped_to() -> None:
    assert steppable("5") and steppable(" 12 ")
    assert not steppable("2.5") and not steppable("1200") and not steppable("five")
