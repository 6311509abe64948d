"""Postconditions and block completion where the form is not in the top document (issue 13): inside an open
shadow root and inside an iframe, in agent mode (recorder) and code mode (runtime), on real pages in Chromium."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.block_facts import BlockFacts
from executor_service.browser.click_watch import appeared_texts
from executor_service.browser.completion import judge_block, validation_errors
from executor_service.browser.criteria import criterion_holds
from executor_service.recording import ActionRecorder
from executor_service.runtime import ReplayFailed, Target
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor import page_fixtures
from tests.executor.page_fixtures import SETTLE_MS, replay

pytestmark = pytest.mark.browser
CE = trace_pb2.ClickEffect
# The shared fixtures: the pages' server, one Chromium per module, a fresh context per test.
base_url, page = page_fixtures.base_url, page_fixtures.page


def recorder() -> ActionRecorder:
    return ActionRecorder(parameters={}, effect_timeout_ms=SETTLE_MS)


async def test_a_click_inside_a_shadow_root_has_its_effect_seen(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/shadow")
    rec = recorder()
    nothing = await rec.click(page, await page.locator("#nothing").element_handle())
    assert not nothing.postcondition.verified and nothing.postcondition.effect == CE.CLICK_EFFECT_NONE
    await page.fill("#note", "hello")
    sent = await rec.click(page, await page.locator("#send").element_handle())
    assert sent.postcondition.verified and sent.postcondition.effect == CE.CLICK_EFFECT_DOM_CHANGE
    assert sent.irreversible, "a click that posted data to a server is never to be made twice"
    _, appeared = await appeared_texts(page)
    assert "Noted, thank you" in appeared


async def test_code_mode_sees_the_effect_and_the_errors_inside_a_shadow_root(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/shadow")
    code = replay(page)
    with pytest.raises(ReplayFailed, match="saw none"):
        await code.click(Target(role="button", name="Nothing"), intent="Do nothing")
    await code.click(Target(role="button", name="Check"), intent="Check the note", effect="dom_change")
    assert await validation_errors(page) == ["Note is required"]
    assert code.actions[-1].postcondition.verified


async def test_a_form_inside_an_iframe_is_replayed_and_judged_there(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/framed")
    await page.frame_locator("iframe").locator("#mail").wait_for()
    start = page.url
    code = replay(page)
    await code.fill(Target(label="Your email", css="#mail"), "ada@example.com", intent="Enter the email")
    assert await page.frame_locator("iframe").locator("#mail").input_value() == "ada@example.com"
    assert not await criterion_holds(page, "text:Welcome aboard")
    await code.click(Target(role="button", name="Join"), intent="Join", effect="dom_change")
    assert await criterion_holds(page, "text:Welcome aboard", wait_ms=SETTLE_MS)
    assert not await criterion_holds(page, "absent:Welcome aboard")
    block = workflow_pb2.Block(label="join", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal="Join")
    facts = BlockFacts(block=block, actions=list(code.actions), payload={}, start_url=start, check_payload=False)
    verdict = await judge_block(page, facts, settle_ms=SETTLE_MS)
    assert verdict.status == "completed", verdict.reason
    assert any("Welcome aboard" in item for item in verdict.evidence), verdict.evidence


async def test_a_target_that_exists_in_no_frame_is_not_found(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/framed")
    await page.frame_locator("iframe").locator("#mail").wait_for()
    with pytest.raises(ReplayFailed, match="no unique visible element"):
        await replay(page).fill(Target(label="Your phone"), "555", intent="Enter the phone")


async def test_a_next_control_with_an_arrow_marks_a_table_read_as_unverified(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/paged-arrows")
    read = trace_pb2.Action(type=trace_pb2.ACTION_TYPE_EXTRACT)
    read.extract_fields.add(name="invoices", columns={"number": "Number"})
    block = workflow_pb2.Block(label="read", type=workflow_pb2.BLOCK_TYPE_EXTRACTION)
    facts = BlockFacts(block=block, actions=[read], payload={}, start_url=page.url, output_valid=True)
    verdict = await judge_block(page, facts, settle_ms=SETTLE_MS)
    assert verdict.status == "unverified" and "Next \u203a" in verdict.reason, verdict.reason
