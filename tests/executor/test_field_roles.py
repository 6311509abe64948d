"""A value in the field of its counterpart (the billing city in the delivery address) is no success, however
well each field read back and whatever the page answered."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from executor_service.browser.block_facts import BlockFacts
from executor_service.browser.completion import judge_block
from executor_service.browser.field_roles import wrong_side
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import workflow_pb2
from tests.executor import page_fixtures

SETTLE_MS = 1500

base_url, page = page_fixtures.base_url, page_fixtures.page


@pytest.mark.parametrize(
    ("key", "field", "side"),
    [
        ("billing_city", ["City", "Delivery address"], "delivery"),
        ("shippingCity", ["City", "c2", "billing address-level2"], "billing"),  # autocomplete hint, camelCase key
        ("return_date", ["Departure date"], "departure"),
        ("check_in", ["Check-out"], "checkout"),
        ("first_name", ["Last name"], "last"),
        ("to_airport", ["From"], "from"),
        ("home_phone", ["Work phone"], "work"),
        ("adults", ["Children"], "children"),
        # The field names the key's own side, both sides, or neither: nothing to say.
        ("billing_city", ["City", "Billing address"], ""),
        ("billing_city", ["City"], ""),
        ("check_in", ["Check in", "Check out"], ""),
        ("full_name", ["Last name"], ""),
        ("email", ["Work email"], ""),
        ("total", ["To"], ""),
    ],
)
def test_the_side_a_field_names(key: str, field: list[str], side: str) -> None:
    assert wrong_side(key, field) == side


def _facts(rec: ActionRecorder, start: str) -> BlockFacts:
    block = workflow_pb2.Block(label="checkout", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)
    return BlockFacts(
        block=block, actions=list(rec.actions), payload={}, start_url=start, completion="The order was placed"
    )


@pytest.mark.browser
@pytest.mark.parametrize(("delivery_box", "billing_box", "ok"), [("#c1", "#c2", True), ("#c2", "#c1", False)])
async def test_a_value_in_its_counterparts_field_fails_the_block(
    page: Page, base_url: str, delivery_box: str, billing_box: str, ok: bool
) -> None:
    await page.goto(f"{base_url}/two-addresses")
    rec = ActionRecorder(parameters={"delivery_city": "Leeds", "billing_city": "York"}, secret_keys=set(),
                         effect_timeout_ms=SETTLE_MS)
    for css, key, value in ((delivery_box, "delivery_city", "Leeds"), (billing_box, "billing_city", "York")):
        handle = await page.query_selector(css)
        assert handle is not None
        await rec.fill(page, handle, value, intent=f"Enter the {key}", parameter_key=key, payload_key=key)
    place = await page.query_selector("#place")
    assert place is not None
    await rec.click(page, place)
    await page.wait_for_selector("text=Order placed")
    verdict = await judge_block(page, _facts(rec, page.url), settle_ms=SETTLE_MS)
    assert verdict.ok is ok, verdict
    if not ok:
        assert verdict.status == "failed"
        assert verdict.reason == "'delivery_city' went into 'City (Billing address)', a field for the billing one"
