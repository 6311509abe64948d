"""Self-healing lookups on a drifted page variant, and captured end states."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import BrowserContext, Page

from examples.demo_site import PASSWORD, USERNAME, DemoSite
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.browser.end_state import capture_end_state, stable_landmark, url_pattern
from executor_service.browser.snapshot import fingerprint_element, take_snapshot
from executor_service.runtime.target import Target
from services.gen.rote.v1 import trace_pb2
from tests.support.demo_site import use_variant

pytestmark = pytest.mark.browser


async def _sign_in(page: Page, site: DemoSite) -> None:
    await page.goto(f"{site.url}/login")
    await page.get_by_label("Username").fill(USERNAME)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/quote")


async def test_locate_finds_a_field_again_after_its_id_changed(
    page: Page, context: BrowserContext, demo_site: DemoSite
) -> None:
    await _sign_in(page, demo_site)
    recorded = await fingerprint_element(await page.locator("#full_name").element_handle())
    button = await fingerprint_element(await page.locator("#get-quote").element_handle())
    await use_variant(context, demo_site, "ids_changed")
    await page.reload()
    assert await page.query_selector("#full_name") is None
    agent = HeuristicAgent()
    found = await agent.locate(page, "Enter the full name", recorded)
    assert found is not None and await found.get_attribute("name") == "full_name"
    assert (await found.get_attribute("id") or "").startswith("fld-")
    found_button = await agent.locate(page, "Submit the form", button)
    assert found_button is not None and (await found_button.inner_text()) == "Get quote"


async def test_locate_works_from_a_replay_target_fingerprint(page: Page, demo_site: DemoSite) -> None:
    await _sign_in(page, demo_site)
    fingerprint = Target(label="Email address", id="gone", css="#gone").fingerprint()
    found = await HeuristicAgent().locate(page, "Type the customer's email", fingerprint)
    assert found is not None and await found.get_attribute("name") == "email"


async def test_locate_returns_none_when_nothing_fits(page: Page, demo_site: DemoSite) -> None:
    await _sign_in(page, demo_site)
    fingerprint = trace_pb2.ElementFingerprint(role="button", accessible_name="Download invoice PDF")
    assert await HeuristicAgent().locate(page, "Download the invoice", fingerprint) is None


async def test_ids_changed_variant_gets_no_generated_ids_in_css(
    page: Page, context: BrowserContext, demo_site: DemoSite
) -> None:
    await use_variant(context, demo_site, "ids_changed")
    await _sign_in(page, demo_site)
    snapshot = await take_snapshot(page)
    full_name = next(e for e in snapshot.elements if e.label == "Full name")
    css = dict((kind, value) for kind, value, _ in full_name.locators)["css"]
    assert "fld-" not in css and css == 'input[name="full_name"]'


async def test_end_state_is_the_path_pattern_and_main_heading(page: Page, demo_site: DemoSite) -> None:
    await _sign_in(page, demo_site)
    state = await capture_end_state(page)
    assert state.url_pattern == url_pattern(page.url) == r"/quote(?:[?#]|$)"
    assert state.landmark_text == "Request a quote"


def test_url_pattern_drops_host_and_query() -> None:
    import re

    pattern = url_pattern("http://127.0.0.1:9999/quote/result?ref=Q-12#top")
    assert re.search(pattern, "http://other:1/quote/result?ref=Q-99")
    assert not re.search(pattern, "http://other:1/quote/results")


def test_landmarks_with_run_specific_values_are_dropped() -> None:
    assert stable_landmark("Your quote") == "Your quote"
    assert stable_landmark("Quote Q-1234 for $49.99") == ""


async def test_locate_finds_a_reworded_field_by_meaning(
    page: Page, context: BrowserContext, demo_site: DemoSite
) -> None:
    await _sign_in(page, demo_site)
    recorded = await fingerprint_element(await page.locator("#email").element_handle())
    await use_variant(context, demo_site, "relabelled")
    await page.reload()
    assert await page.get_by_label("Email", exact=True).count() == 0
    found = await HeuristicAgent().locate(page, "Enter the email", recorded)
    assert found is not None and await found.get_attribute("name") == "email"


def test_url_pattern_leaves_out_id_segments() -> None:
    pattern = url_pattern("http://127.0.0.1:9999/invoices/INV-1001?tab=pdf")
    assert re.search(pattern, "/invoices/INV-1002") and re.search(pattern, "/invoices/INV-1003?x=1")
    assert not re.search(pattern, "/invoices") and not re.search(pattern, "/invoices/INV-1002/pdf")
