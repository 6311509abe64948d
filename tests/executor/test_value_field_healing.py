"""A value replayed into a form whose fields were reworded or moved heals in one action: where the recorded field's
place now holds another field, the field the agent's reading of the page gives that parameter (the block's values
still to enter read together, each one field) takes the value, and the rest of the block stays code. A value that
reading gives no field still fails the replay and types nothing. Real pages in Chromium, the agents' real page
reading."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator, Mapping

import pytest
from playwright.async_api import ElementHandle, Page

from executor_service.agents.field_for_key import field_for_key
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import ReplayFailed, RunContext, Target
from executor_service.runtime.context import ParameterValue
from executor_service.runtime.healing import FieldFinder
from services.gen.rote.v1 import trace_pb2
from tests.executor import page_fixtures

pytestmark = pytest.mark.browser
page = page_fixtures.page


def _form(*fields: tuple[str, str]) -> str:
    rows = "".join(f'<div><label for="{i}">{label}</label><input id="{i}" name="{i}"></div>' for i, label in fields)
    return f"<!doctype html><title>Delivery</title><form>{rows}<button>Continue</button></form>"


# Recorded on: Full name, Postal code, Town (ids f1..f3 by position, as many form builders number them).
# Now: the same fields reordered and reworded, so id f2 holds the town and the postcode is "Post code".
_PAGES = {
    "/moved": _form(("f1", "Full name"), ("f2", "Town"), ("f3", "Post code")),
    "/no-phone": _form(("f1", "Full name"), ("f2", "Town")),
    # A billing and a delivery address alike, the billing one shown first: two "Post code" fields.
    "/two-addresses": _form(("b1", "Street"), ("b2", "Post code"), ("d1", "Street"), ("d2", "Post code")),
    # Recorded as "First day of leave" and "Last day of leave"; now "From" and "To", the same format hint on both.
    "/dates": _form(("f1", "From"), ("f2", "To")).replace("<input", '<input placeholder="MM/DD/YYYY"'),
}
PAYLOAD = {"full_name": "Ada Lovelace", "postcode": "SW1A 1AA", "town": "London"}
POSTCODE = Target(role="textbox", name="Postal code", id="f2", css="#f2")


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        data = _PAGES.get(self.path, "").encode()
        self.send_response(200 if data else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _replay(page: Page, payload: dict[str, str], asked: list[str] | None) -> tuple[ReplayPage, list[trace_pb2.Action]]:
    """A replay Page over ``page`` recording into a list; ``asked`` None: no field finder (run_with=code_only)."""
    recorded: list[trace_pb2.Action] = []

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        recorded.append(action)

    async def finder(page: Page, parameter: str, entered: Mapping[str, str]) -> ElementHandle | None:
        assert asked is not None
        asked.append(parameter)
        pending = {key: value for key, value in payload.items() if key not in entered}
        return await field_for_key(page, pending, parameter, entered=entered.values())

    found: FieldFinder | None = finder if asked is not None else None
    ctx = RunContext(run_id="t", parameters=payload)
    return ReplayPage(page, ctx, on_action=sink, field_finder=found, settle_timeout_ms=1000), recorded


async def test_a_value_whose_place_holds_another_field_goes_into_the_field_the_reading_gives_it(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/moved")
    asked: list[str] = []
    code, recorded = _replay(page, PAYLOAD, asked)
    await code.fill(POSTCODE, code._ctx.param("postcode"), intent="Enter the postcode")
    assert await page.input_value("#f3") == "SW1A 1AA"
    assert await page.input_value("#f2") == "", "the town's field, now where the postcode was, is left alone"
    assert asked == ["postcode"] and code.agent_steps == 1
    assert len(code.heal_notes) == 1 and "labelled 'Town', not 'Postal code'" in code.heal_notes[0]
    assert "found the field for its value" in code.heal_notes[0] and "SW1A" not in code.heal_notes[0]
    # The trace keeps the field as found, so the code regenerated from it finds "Post code" without healing.
    assert recorded[-1].element.accessible_name == "Post code" and recorded[-1].postcondition.verified


async def test_a_target_that_matches_nothing_is_left_to_the_agents_own_healing(page: Page, base_url: str) -> None:
    # Where nothing bears the recorded names or place, no field is refused and nothing is read for the value: the
    # agent finds the element for the intent (the run's healer; none here), or takes the block over.
    await page.goto(f"{base_url}/moved")
    asked: list[str] = []
    code, _ = _replay(page, PAYLOAD, asked)
    with pytest.raises(ReplayFailed, match="no unique visible element"):
        await code.fill(Target(role="textbox", name="Town or city", css="#town"), code._ctx.param("town"),
                        intent="Enter the town")
    assert asked == [] and await page.input_value("#f2") == ""


async def test_a_lists_search_box_is_never_healed_so(page: Page, base_url: str) -> None:
    # An assignee typed into a list's search box is entered only once an option is chosen: the agent does both.
    await page.goto(f"{base_url}/moved")
    asked: list[str] = []
    code, _ = _replay(page, PAYLOAD, asked)
    with pytest.raises(ReplayFailed, match="holds another field"):
        await code.fill(Target(role="combobox", name="Postal code", id="f2", css="#f2"), code._ctx.param("postcode"),
                        intent="Enter the postcode")
    assert asked == [] and await page.input_value("#f3") == ""


async def test_a_format_hint_two_fields_share_does_not_make_a_relabelled_field_the_recorded_one(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/dates")
    payload = {"start_date": "2027-08-23", "end_date": "2027-08-26"}
    last_day = Target(role="textbox", name="Last day of leave", placeholder="MM/DD/YYYY",
                      css="div:nth-of-type(1) > input")
    without_agent, _ = _replay(page, payload, None)
    with pytest.raises(ReplayFailed, match="labelled 'From', not 'Last day of leave'"):
        await without_agent.fill(last_day, ParameterValue("2027-08-26", "end_date"), intent="Enter the end date")
    assert await page.input_value("#f1") == ""
    code, _ = _replay(page, payload, [])
    await code.fill(last_day, code._ctx.param("end_date"), intent="Enter the end date")
    assert (await page.input_value("#f1"), await page.input_value("#f2")) == ("", "08/26/2027")  # as the hint asks


async def test_a_value_the_reading_gives_no_field_still_fails_and_types_nothing(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/no-phone")
    payload = {"full_name": "Ada Lovelace", "phone": "020 7946 0958"}
    asked: list[str] = []
    code, recorded = _replay(page, payload, asked)
    phone = Target(role="textbox", name="Phone number", id="f2", css="#f2")
    with pytest.raises(ReplayFailed, match="labelled 'Town', not 'Phone number'"):
        await code.fill(phone, code._ctx.param("phone"), intent="Enter the phone")
    assert asked == ["phone"] and (await page.input_value("#f1"), await page.input_value("#f2")) == ("", "")
    assert code.heal_notes == [] and code.agent_steps == 0 and recorded == []


async def test_without_the_agent_a_moved_field_fails_as_before(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/moved")
    code, _ = _replay(page, PAYLOAD, None)
    with pytest.raises(ReplayFailed, match="on this page that position holds another field"):
        await code.fill(POSTCODE, code._ctx.param("postcode"), intent="Enter the postcode")
    assert await page.input_value("#f2") == "" and await page.input_value("#f3") == ""


async def test_a_literal_value_and_a_part_of_a_name_are_never_given_another_field(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/moved")
    asked: list[str] = []
    code, _ = _replay(page, PAYLOAD, asked)
    with pytest.raises(ReplayFailed, match="holds another field"):
        await code.fill(POSTCODE, "SW1A 1AA", intent="Enter the postcode")  # written in the code: no parameter
    whole_name = Target(role="textbox", name="Name", id="f2", css="#f2")
    with pytest.raises(ReplayFailed):
        await code.fill(whole_name, ParameterValue("Ada Lovelace", "full_name"),
                        intent="Enter the family name of the full name")
    assert asked == [] and await page.input_value("#f2") == "" and await page.input_value("#f1") == ""


async def test_a_field_the_block_typed_another_value_into_is_never_healed_for_this_one(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/two-addresses")
    payload = {"street": "151 Mill Lane", "postcode": "S18 7AZ", "billing_street": "195 Station Approach",
               "billing_postcode": "BS5 6HB"}
    code, _ = _replay(page, payload, [])
    await code.fill(Target(css="#d1"), code._ctx.param("street"), intent="Enter the street")
    await code.fill(Target(css="#d2"), code._ctx.param("postcode"), intent="Enter the postcode")
    await code.fill(Target(css="#b1"), code._ctx.param("billing_street"), intent="Enter the billing street")
    # Recorded as "Billing postal code" where the delivery street is now: refused, then the reading gives it the
    # one "Post code" that holds no value the block typed.
    await code.fill(Target(role="textbox", name="Billing postal code", css="#d1"),
                    code._ctx.param("billing_postcode"), intent="Enter the billing postcode")
    assert (await page.input_value("#d2"), await page.input_value("#b2")) == ("S18 7AZ", "BS5 6HB")


async def test_the_reading_gives_no_value_a_field_holding_what_the_block_typed_for_another(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/two-addresses")
    await page.fill("#b2", "S18 7AZ")  # the first "Post code" took the delivery postcode earlier in the block
    pending = {"billing_postcode": "BS5 6HB"}
    found = await field_for_key(page, pending, "billing_postcode", entered=["S18 7AZ"])
    assert found is not None and await found.get_attribute("id") == "d2"
    alone = await field_for_key(page, pending, "billing_postcode")
    assert alone is None or await alone.get_attribute("id") != "d2", "without what was typed, the two fields tie"
