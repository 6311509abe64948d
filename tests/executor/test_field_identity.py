"""A field replayed by position must be the recorded field (issue 13): a field with no label is known by its
caption (row header, text before it) and found by it on a reshuffled form; a field known only by its name
attribute is never taken from another field at the same position. Real pages in Chromium."""

from __future__ import annotations

import pytest
from playwright.async_api import Locator, Page

from codegen_service.actions import target_expression
from executor_service.browser.snapshot import fingerprint_element
from executor_service.recording import ActionRecorder
from executor_service.runtime import ReplayFailed, Target
from executor_service.runtime.context import ParameterValue
from services.gen.rote.v1 import trace_pb2
from tests.executor import page_fixtures
from tests.executor.page_fixtures import replay

pytestmark = pytest.mark.browser
# The shared fixtures: the pages' server, one Chromium per module, a fresh context per test.
base_url, page = page_fixtures.base_url, page_fixtures.page


async def test_a_field_without_label_is_recorded_with_its_caption(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/captioned")
    handle = await page.query_selector('input[name="r1_52"]')
    assert handle is not None
    fingerprint = await fingerprint_element(handle)
    assert fingerprint.caption == "Job title"
    code = target_expression(fingerprint, "block 'record'", None)
    assert "caption" in [arg.keyword.value for arg in code.args if arg.keyword]


async def test_a_captioned_field_is_found_by_its_caption_on_a_reshuffled_form(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/captioned-next")
    code = replay(page)
    recorded = Target(css='input[name="r1_52"]', xpath="/html/body/form/table/tbody/tr[2]/td/input",
                      caption="Job title")
    await code.fill(recorded, "Data analyst", intent="Enter the job title")
    assert await page.input_value('input[name="r2_66"]') == "Data analyst"  # the Job title row, now third
    assert await page.input_value('input[name="r1_17"]') == ""  # the second row holds Department now
    assert code.heal_notes == []


async def test_a_caption_no_field_bears_is_not_replaced_by_position(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/captioned-next")
    recorded = Target(xpath="/html/body/form/table/tbody/tr[2]/td/input", caption="Cost centre")
    with pytest.raises(ReplayFailed, match="no unique visible element"):
        await replay(page).fill(recorded, "4711", intent="Enter the cost centre")
    assert await page.input_value('input[name="r1_17"]') == ""


async def test_a_field_known_by_its_name_is_not_taken_from_another_name(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/named-next")
    code = replay(page)
    await code.fill(Target(css='input[name="po_ref"]', xpath="/html/body/form/table/tbody/tr[9]/td/input"),
                    "PO-1", intent="Enter the purchase order")
    assert await page.input_value('input[name="po_ref"]') == "PO-1"
    with pytest.raises(ReplayFailed, match="named 'voucher', not 'cust_company'"):
        await code.fill(Target(css='input[name="cust_company"]', xpath="/html/body/form/table/tbody/tr[1]/td/input"),
                        "Acme", intent="Enter the company")
    assert await page.input_value('input[name="voucher"]') == ""


async def test_a_whole_name_is_never_typed_into_one_part_of_a_name(page: Page, base_url: str) -> None:
    # Recorded in "Name" (second field then); here the position, and the word "name", lead to "First name".
    await page.goto(f"{base_url}/name-in-parts")
    code = replay(page)
    recorded = Target(role="textbox", name="Name", css='input[name="name"]', xpath="/html/body/form/div[1]/input")
    with pytest.raises(ReplayFailed, match="'First name', one part of a name; 'Name' asked for the whole name"):
        await code.fill(recorded, ParameterValue("Ana Diaz", "full_name"), intent="Enter the full name")
    assert await page.input_value("#fn") == ""
    # A part recorded as such ("Enter the given names of …") and other fields found by position are not concerned.
    await code.fill(Target(role="textbox", name="First name", xpath="/html/body/form/div[1]/input"),
                    ParameterValue("Ana Diaz", "full_name"), intent="Enter the given names of the full name")
    assert await page.input_value("#fn") == "Ana"
    await code.fill(Target(role="textbox", name="Email", xpath="/html/body/form/div[3]/input"), "ana@example.org",
                    intent="Enter the email")
    assert await page.input_value("#em") == "ana@example.org"


async def test_a_field_found_by_id_name_or_position_must_bear_its_recorded_label(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/reworded")
    code = replay(page)
    # Recorded as "Email"; found by its name attribute and still labelled so: the same field.
    await code.fill(Target(label="Email", css='input[name="email"]'), "ada@example.com", intent="Enter the email")
    assert await page.input_value('input[name="email"]') == "ada@example.com"
    # Forms number and reorder their fields: a name, an id or a position under another label is not trusted.
    with pytest.raises(ReplayFailed, match="labelled 'Surname', not 'Phone'"):
        await code.fill(Target(label="Phone", css='input[name="last_name"]'), "555", intent="Enter the phone")
    with pytest.raises(ReplayFailed, match="labelled 'Email', not 'Last name'"):
        await code.fill(Target(label="Last name", xpath="/html/body/form/label[1]/input"), "Lovelace",
                        intent="Enter the last name")
    assert await page.input_value('input[name="last_name"]') == ""


async def test_a_reworded_field_whose_name_attribute_spells_the_parameter_is_the_same_field(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/reworded")
    code = replay(page)
    # Recorded as "Last name", now "Surname": its name attribute spells the parameter the value comes from.
    await code.fill(Target(label="Last name", css='input[name="last_name"]'), ParameterValue("Lovelace", "last_name"),
                    intent="Enter the last name")
    assert await page.input_value('input[name="last_name"]') == "Lovelace"
    # The same field for another parameter is not vouched for: the name spells last_name, not phone.
    with pytest.raises(ReplayFailed, match="labelled 'Surname', not 'Phone'"):
        await code.fill(Target(label="Phone", css='input[name="last_name"]'), ParameterValue("555", "phone"),
                        intent="Enter the phone")
    assert await page.input_value('input[name="last_name"]') == "Lovelace"


async def test_a_field_reworded_in_common_form_words_is_the_same_field_unless_another_field_shares_them(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/reworded-synonyms")
    code = replay(page)
    # Recorded as "Phone number" and "Postal code", found by position: "Mobile number" and "Postcode" are the same
    # fields in the words forms everywhere use, and no other field here is called so.
    await code.fill(Target(label="Phone number", css='input[name="f2"]'), "07700 900123", intent="Enter the phone")
    await code.fill(Target(label="Postal code", xpath="/html/body/form/label[3]/input"), "LS1 4AB",
                    intent="Enter the postcode")
    assert [await page.input_value(f'input[name="{n}"]') for n in ("f2", "f3")] == ["07700 900123", "LS1 4AB"]
    assert code.heal_notes == [] and code.agent_steps == 0
    # A synonym is no synonym of another kind of field: "Your name" is not the postcode.
    with pytest.raises(ReplayFailed, match="labelled 'Your name', not 'Postal code'"):
        await code.fill(Target(label="Postal code", css='input[name="f1"]'), "LS1 4AB", intent="Enter the postcode")
    # This form asks for a mobile and a telephone apart: the position's "Mobile number" may not be the phone.
    await page.goto(f"{base_url}/reworded-synonyms-twice")
    with pytest.raises(ReplayFailed, match="labelled 'Mobile number', not 'Phone number'"):
        await replay(page).fill(Target(label="Phone number", css='input[name="f2"]'), "07700 900123",
                                intent="Enter the phone")
    assert await page.input_value('input[name="f2"]') == ""


async def test_a_reworded_select_is_the_one_holding_the_parameters_option_and_only_if_no_other_does(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/reworded-selects")
    recorded = Target(role="combobox", name="Shipping method", id="c2")
    await replay(page).select(recorded, ParameterValue("Express", "delivery"), intent="Choose the delivery")
    assert await page.input_value("#c2") == "Express"
    # Two selects offer "Express": the option no longer says which field this is.
    await page.goto(f"{base_url}/reworded-selects-twice")
    with pytest.raises(ReplayFailed, match="labelled 'Delivery option', not 'Shipping method'"):
        await replay(page).select(recorded, ParameterValue("Express", "delivery"), intent="Choose the delivery")
    assert await page.input_value("#c2") == "Standard"
    # A select whose options do not hold the value is not vouched for either.
    await page.goto(f"{base_url}/reworded-selects")
    with pytest.raises(ReplayFailed, match="not 'Shipping method'"):
        await replay(page).select(recorded, ParameterValue("Overnight", "delivery"), intent="Choose the delivery")


async def test_a_click_whose_news_shows_in_a_live_region_elsewhere_has_an_effect(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/live-cart")
    code = replay(page)
    await code.click(Target(role="button", name="Add"), intent="Add the lamp")
    assert await page.inner_text("#cart") == "Added: Lamp"
    # A clock ticking outside the clicked item is not an effect of a button that does nothing.
    with pytest.raises(ReplayFailed, match="expected an observable effect"):
        await code.click(Target(role="button", name="Save for later"), intent="Save the lamp for later")


async def test_a_menu_click_that_switches_the_main_view_has_an_effect(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/app-views")
    # Recorded: the header's menu entry changes nothing in the header, only the view in <main>.
    recorder = ActionRecorder(parameters={}, secret_keys=set(), effect_timeout_ms=1000)
    action = await recorder.click(page, await page.query_selector("#tickets"), intent="Open the tickets")
    assert action.postcondition.effect == trace_pb2.CLICK_EFFECT_DOM_CHANGE, action.postcondition
    # Replayed: the same, on a fresh copy of the page.
    await page.goto(f"{base_url}/app-views")
    await replay(page).click(Target(role="button", name="Tickets"), intent="Open the tickets", effect="dom_change")
    assert await page.inner_text("#view h1") == "Tickets"
    # A menu entry that does nothing has no effect, though a clock ticks beside the main content.
    with pytest.raises(ReplayFailed, match="expected an observable effect"):
        await replay(page).click(Target(role="button", name="Help"), intent="Get help")


async def test_a_covered_target_is_drift_at_once_and_a_passing_cover_is_waited_out(
    page: Page, base_url: str
) -> None:
    await page.goto(f"{base_url}/covered")
    with pytest.raises(ReplayFailed, match=r"covered by div \("):
        await replay(page).click(Target(role="button", name="Go"), intent="Go")
    assert await page.inner_text("#go") == "Go"
    await page.goto(f"{base_url}/covered-briefly")
    await replay(page).click(Target(role="button", name="Go"), intent="Go", effect="dom_change")
    assert await page.inner_text("#go") == "Done"


async def test_a_covered_checkbox_is_drift_at_once_and_an_uncovered_one_is_ticked(page: Page) -> None:
    # The hit test rides in the look that finds the box (one evaluation): a cover must still be seen there.
    await page.set_content(
        "<label><input type=checkbox id=terms> I agree</label>"
        "<label><input type=checkbox id=news> News</label>"
        "<div id=cover style='position:fixed;inset:0;background:#fff8' aria-label='Cookie wall'></div>"
    )
    with pytest.raises(ReplayFailed, match=r"covered by div#cover"):
        await replay(page).check(Target(role="checkbox", name="I agree"), intent="Agree")
    assert not await page.is_checked("#terms")
    await page.evaluate("document.getElementById('cover').remove()")
    await replay(page).set_checked(Target(role="checkbox", name="News"), "yes", intent="News")
    assert await page.is_checked("#news")


async def test_a_control_in_a_shadow_tree_is_not_covered_by_its_own_host_but_is_by_a_wall_above(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The hit test asks the control's own tree: the document would answer with the host, a cover that is not one,
    # and every shadow control would pay for a trial click before it is used.
    await page.set_content(
        "<feedback-form id=host></feedback-form><script>"
        "const root = document.getElementById('host').attachShadow({mode: 'open'});"
        "root.innerHTML = '<label><input type=checkbox id=follow> Follow up</label>"
        "<label>Comment <input id=comment></label>';</script>"
    )
    trials: list[object] = []
    click = Locator.click

    async def counted(self: Locator, *args: object, **kwargs: object) -> None:
        trials.append(kwargs.get("trial"))
        await click(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Locator, "click", counted)
    code = replay(page)
    await code.set_checked(Target(role="checkbox", name="Follow up"), "yes", intent="Ask for a follow-up")
    await code.fill(Target(role="textbox", name="Comment"), "Thanks", intent="Enter the comment")
    assert await page.locator("#follow").is_checked()
    assert await page.locator("#comment").input_value() == "Thanks"
    assert trials == []  # no trial click: nothing covered them
    await page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        " \"<div id=wall style='position:fixed;inset:0;background:#fff8' aria-label='Cookie wall'></div>\")"
    )
    with pytest.raises(ReplayFailed, match=r"covered by div#wall"):
        await code.set_checked(Target(role="checkbox", name="Follow up"), "no", intent="No follow-up")
    assert await page.locator("#follow").is_checked()
