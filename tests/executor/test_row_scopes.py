"""The row an input chose (issue 15): recorded from the item the clicked element sits in (a table row, a list item),
replayed inside the row holding this run's inputs, each as a whole cell when it was one. Real pages in Chromium."""

from __future__ import annotations

import pytest
from playwright.async_api import ElementHandle, Page

from executor_service.bindings import Input
from executor_service.recording import ActionRecorder
from executor_service.runtime import ReplayFailed, Target
from services.gen.rote.v1 import trace_pb2
from tests.executor import page_fixtures
from tests.executor.page_fixtures import replay

pytestmark = pytest.mark.browser
base_url, page = page_fixtures.base_url, page_fixtures.page


async def _record_click(page: Page, selector: str, inputs: dict[str, str]) -> list[tuple[str, str, str, bool]]:
    recorder = ActionRecorder(parameters=inputs, effect_timeout_ms=1000)
    recorder.bind_inputs([Input(key, value) for key, value in inputs.items()])
    handle = await page.query_selector(selector)
    assert handle is not None
    action = await recorder.click(page, handle, intent="Add it")
    return [(b.field, b.source, b.text, b.whole) for b in action.bindings if b.field == "row"]


async def test_a_list_item_is_a_row_and_a_whole_cell_binds_it_whole(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/results")
    rows = await _record_click(page, "li:nth-of-type(2) > button", {"product": "Desk Lamp"})
    assert rows == [("row", "product", "Desk Lamp", True)]
    assert await page.inner_text("#cart") == "Added Desk Lamp"


async def test_a_whole_cell_row_is_never_a_variant_that_only_contains_the_input(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/results")
    recorded = Target(role="button", name="Add", row="Desk Lamp", row_exact=True)
    await replay(page).click(recorded, intent="Add it")
    assert await page.inner_text("#cart") == "Added Desk Lamp"
    # Without row_exact, three items hold the words: not one element, so nothing is clicked.
    await page.goto(f"{base_url}/results")
    with pytest.raises(ReplayFailed, match="no unique visible element"):
        await replay(page).click(Target(role="button", name="Add", row="Desk Lamp"), intent="Add it")
    # Only variants listed: the exact row is missing, so the replay fails instead of adding a variant.
    await page.goto(f"{base_url}/results-variants")
    with pytest.raises(ReplayFailed, match="no unique visible element"):
        await replay(page).click(recorded, intent="Add it")
    assert await page.inner_text("#cart") == ""


async def test_two_inputs_scope_the_row_between_namesakes(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/people")
    rows = await _record_click(page, "tr:nth-of-type(2) button", {"person": "Ada Berg", "team": "Research"})
    assert sorted(rows) == [("row", "person", "Ada Berg", True), ("row", "team", "Research", True)]
    await page.goto(f"{base_url}/people")
    await replay(page).click(Target(role="button", name="Pick", row=["Ada Berg", "Finance"], row_exact=True),
                             intent="Pick the approver")
    assert await page.inner_text("#picked") == "Ada Berg / Finance"


async def test_healing_never_leaves_the_row_the_inputs_chose(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/results")

    async def heals_to_another_row(
        page_: Page, intent: str, fingerprint: trace_pb2.ElementFingerprint
    ) -> ElementHandle | None:
        return await page.query_selector("li:nth-of-type(1) > button")  # the refurbished one's button

    code = replay(page, healer=heals_to_another_row)
    with pytest.raises(ReplayFailed, match="healing by intent"):
        await code.click(Target(role="button", name="Add to cart", row="Desk Lamp", row_exact=True), intent="Add it")
    assert await page.inner_text("#cart") == ""
