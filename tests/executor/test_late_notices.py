"""A notice the recording dismissed (a click recorded ``if_present``) that shows only after its turn on replay, over a
later target, is closed then as recorded and the action goes on; a cover no skipped dismissal closes stays drift.
Real pages in Chromium."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import Page, Route

from executor_service.runtime import ReplayFailed, Target
from tests.executor import page_fixtures
from tests.executor.page_fixtures import replay

pytestmark = pytest.mark.browser
base_url, page = page_fixtures.base_url, page_fixtures.page

# A plan form whose cookie notice covers the whole page once ``showNotice()`` runs (a site's consent script
# comes late); "Accept all" removes it. The page says what it received.
_FORM = """
<h1>Change plan</h1>
<label><input type=checkbox id=extra> Roaming add-on</label>
<button id=go onclick="document.getElementById('said').textContent = 'Saved: ' +
  (document.getElementById('extra').checked ? 'with roaming' : 'without roaming')">Save plan</button>
<p id=said></p>
<script>
function showNotice(id, button) {
  document.body.insertAdjacentHTML('beforeend',
    `<div id=${id} role=region aria-label="We use cookies" style="position:fixed;inset:0;background:#fffd">
       <p>We use cookies.</p><button onclick="this.parentNode.remove()">${button}</button></div>`);
}
</script>
"""


async def test_a_dismissal_whose_notice_came_late_closes_it_over_a_later_target(page: Page) -> None:
    await page.set_content(_FORM)
    code = replay(page)
    await code.click(Target(role="button", name="Accept all"), intent="Accept all cookies", if_present=True)
    assert code.actions == []  # nothing there yet: nothing done
    await page.evaluate("showNotice('consent', 'Accept all')")  # the notice comes now, over the form
    await code.set_checked(Target(role="checkbox", name="Roaming add-on"), "yes", intent="Add roaming")
    await code.click(Target(role="button", name="Save plan"), intent="Save the plan", effect="dom_change")

    assert await page.inner_text("#said") == "Saved: with roaming"  # what the page received
    assert await page.locator("#consent").count() == 0
    assert [a.intent for a in code.actions] == ["Accept all cookies", "Add roaming", "Save the plan"]
    assert [a.only_if_present for a in code.actions] == [True, False, False]


async def test_a_cover_no_skipped_dismissal_closes_is_drift(page: Page) -> None:
    await page.set_content(_FORM)
    code = replay(page)
    # The recorded dismissal is of another notice, which never shows; a wall the recording never saw covers the form.
    await code.click(Target(role="button", name="Reject all"), intent="Reject all cookies", if_present=True)
    await page.evaluate("showNotice('wall', 'Subscribe')")
    with pytest.raises(ReplayFailed, match="covered by"):
        await code.click(Target(role="button", name="Save plan"), intent="Save the plan", effect="dom_change")
    assert await page.inner_text("#said") == ""
    assert await page.locator("#wall").count() == 1
    assert code.actions == []
    # Its notice showing later still finds the dismissal kept.
    await page.evaluate("document.getElementById('wall').remove(); showNotice('consent', 'Reject all')")
    await code.click(Target(role="button", name="Save plan"), intent="Save the plan", effect="dom_change")
    assert await page.inner_text("#said") == "Saved: without roaming"
    assert [a.intent for a in code.actions] == ["Reject all cookies", "Save the plan"]


async def test_a_notice_the_block_names_ahead_is_closed_when_it_shows_before_its_turn(page: Page) -> None:
    # Recorded: the box, then the notice closed, then Save. Here the notice is up before the box's turn.
    await page.set_content(_FORM)
    await page.evaluate("showNotice('consent', 'Accept all')")
    code = replay(page)
    accept = Target(role="button", name="Accept all")
    await code.closes_notice(accept, intent="Accept all cookies", effect="disappeared")
    assert code.actions == []  # named only
    await code.set_checked(Target(role="checkbox", name="Roaming add-on"), "yes", intent="Add roaming")
    await code.click(Target(role="button", name="Accept all"), intent="Accept all cookies", if_present=True)
    await code.click(Target(role="button", name="Save plan"), intent="Save the plan", effect="dom_change")
    assert await page.inner_text("#said") == "Saved: with roaming"
    assert [a.intent for a in code.actions] == ["Accept all cookies", "Add roaming", "Save the plan"]


async def test_a_notice_that_comes_up_as_the_pointer_arrives_is_closed_and_the_click_made_again(page: Page) -> None:
    # After the hit test found Save clear: the notice shows as the pointer reaches the button, and takes the press.
    await page.set_content(_FORM)
    await page.evaluate("""document.getElementById('go').addEventListener('pointerover', () => {
        if (!window.shown) { window.shown = true; showNotice('consent', 'Accept all'); } })""")
    code = replay(page)
    await code.click(Target(role="button", name="Accept all"), intent="Accept all cookies", if_present=True)
    await code.click(Target(role="button", name="Save plan"), intent="Save the plan", effect="dom_change")
    assert await page.inner_text("#said") == "Saved: without roaming"
    assert await page.locator("#consent").count() == 0
    assert [a.intent for a in code.actions] == ["Accept all cookies", "Save the plan"]


async def test_a_press_that_landed_is_never_made_again_while_its_page_loads(page: Page) -> None:
    # A dismissal is kept (its notice never came), so the press is first tried briefly; it lands and starts a
    # navigation slower than that try. The form must be sent once.
    sent: list[str] = []

    async def slow_save(route: Route) -> None:
        sent.append(route.request.url)
        await asyncio.sleep(1)
        await route.fulfill(body="<h1>Plan saved</h1>", content_type="text/html")

    await page.route("http://plans.test/save*", slow_save)
    await page.route("http://plans.test/", lambda route: route.fulfill(
        body="<form action=/save><button>Save plan</button></form>", content_type="text/html"))
    await page.goto("http://plans.test/")
    code = replay(page)
    await code.click(Target(role="button", name="Accept all"), intent="Accept all cookies", if_present=True)
    await code.click(Target(role="button", name="Save plan"), intent="Save the plan", effect="navigation")
    assert await page.inner_text("h1") == "Plan saved"
    assert sent == ["http://plans.test/save?"]
