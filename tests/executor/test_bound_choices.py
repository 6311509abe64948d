"""An element a user's value chose (a plan's radio) is found by that value on replay, never by the id or selector of
the one the recording chose: a run for "Business" must not tick "Team" and call it done. Real pages in Chromium."""

from __future__ import annotations

import pytest
from playwright.async_api import ElementHandle, Page

from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import ReplayFailed, RunContext, Target
from executor_service.runtime.healing import Healer
from services.gen.rote.v1 import trace_pb2
from tests.codegen.test_bound_targets import _code
from tests.executor import page_fixtures
from tests.executor.page_fixtures import replay

pytestmark = pytest.mark.browser
base_url, page = page_fixtures.base_url, page_fixtures.page

TEAM_CSS = 'input[name="tier"][value="pl_266"]'  # what the recording of "Team" wrote down


def recorded_for(plan: str, price: str = "€8 per user") -> Target:
    """The target codegen writes for the recorded "Team" radio, on a run whose plan parameter is ``plan``."""
    return Target(role="radio", name=f"{plan} ({price})", css=TEAM_CSS, choice=plan)


async def ticked(page: Page) -> str:
    """The page's own answer: the value of the plan radio that is ticked ('' for none)."""
    return str(await page.evaluate("document.querySelector('input[name=tier]:checked')?.value || ''"))


async def test_another_value_ticks_its_own_radio_whatever_the_price_beside_it(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/plans")
    await replay(page).check(recorded_for("Business"), intent="Choose Business for the plan")
    assert await ticked(page) == "pl_424"
    # The recorded value with a price that changed since: "Team" shows in two names, the selector settles it.
    await page.goto(f"{base_url}/plans")
    await replay(page).check(recorded_for("Team", "€10 per user"), intent="Choose Team for the plan")
    assert await ticked(page) == "pl_266"


async def test_a_value_the_page_does_not_offer_ticks_nothing(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/plans")
    with pytest.raises(ReplayFailed, match="no unique visible element"):
        await replay(page).check(recorded_for("Enterprise"), intent="Choose Enterprise for the plan")
    assert await ticked(page) == ""
    # Without the choice the recorded selector wins: the old behaviour, which ticked the recorded plan.
    await replay(page).check(Target(role="radio", name="Enterprise (€8 per user)", css=TEAM_CSS), intent="Choose")
    assert await ticked(page) == "pl_266"


async def test_healing_never_takes_an_element_that_does_not_show_the_value(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/plans")
    offered: list[str] = []

    def heals_to(selector: str) -> Healer:
        async def healer(page_: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint) -> ElementHandle | None:
            offered.append(fingerprint.attributes["choice"])
            return await page.query_selector(selector)

        return healer

    target = Target(role="radio", name="Enterprise (€8 per user)", css='input[value="nowhere"]', choice="Enterprise")
    with pytest.raises(ReplayFailed, match="healing by intent"):
        await replay(page, healer=heals_to(TEAM_CSS)).check(target, intent="Choose Enterprise for the plan")
    assert await ticked(page) == "" and set(offered) == {"Enterprise"}  # the healer is told the value to look for
    business = Target(role="radio", name="Business plan", css='input[value="nowhere"]', choice="Business")
    await replay(page, healer=heals_to('input[value="pl_424"]')).check(business, intent="Choose Business")
    assert await ticked(page) == "pl_424"


async def test_an_option_a_recorded_choice_guarded_is_recorded_for_its_parameter(page: Page, base_url: str) -> None:
    # Code guarded the option with ctx.recorded_choice: the action it records carries the parameter, so code
    # generated again from this run (after a later fallback in the block) chooses for that parameter again.
    # Without the key the option became a plain click, made for every later value (seen: an add-on switched on
    # that no run asked for).
    actions: list[trace_pb2.Action] = []

    async def keep(action: trace_pb2.Action, healed: bool) -> None:
        actions.append(action)

    ctx = RunContext(run_id="t", parameters={"plan": "Team"})
    code = ReplayPage(page, ctx, on_action=keep, settle_timeout_ms=page_fixtures.SETTLE_MS)
    await page.goto(f"{base_url}/plans")
    ctx.recorded_choice("plan", "Team")
    await code.check(Target(role="radio", css=TEAM_CSS), intent="Choose Team for the plan")
    await code.check(Target(role="radio", css='input[name="tier"][value="pl_424"]'), intent="Choose another")
    assert [a.payload_key for a in actions] == ["plan", ""]  # the guard covers the one option after it
    regenerated = _code(actions[0], values={"plan": "Team"})
    # Chosen for the plan again: by each run's value where the page's words name its option (page.choose).
    assert "page.choose(" in regenerated and 'ctx.param("plan"),\n        recorded="Team",' in regenerated, regenerated


async def test_a_value_finds_its_option_whose_label_adds_an_article(page: Page, base_url: str) -> None:
    # Recorded on a layout that wrote the option otherwise: the value finds "Tourism or a holiday", never
    # "Tourism or a work holiday" (another word is another answer).
    await page.goto(f"{base_url}/reasons")
    recorded = Target(role="radio", name="Tourism or holiday – passing through", choice="Tourism or holiday")
    await replay(page).check(recorded, intent="Choose Tourism or holiday for the reason")
    assert await page.evaluate("document.querySelector('input[name=why]:checked').value") == "r1"
