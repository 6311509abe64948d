"""Unit tests of the heuristic agent's pure matching helpers."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest

from executor_service.agents.acting import withheld_keys
from executor_service.agents.base import RenderedValue
from executor_service.agents.controls import LOCATE_THRESHOLD, choose_control, locate_score
from executor_service.agents.field_assignment import assign_fields
from executor_service.agents.matching import (
    FIELD_THRESHOLD,
    best_option,
    described_score,
    field_score,
    iso_date,
    normalise,
    shape_refuses,
    similarity,
    truthy,
)
from executor_service.agents.row_pick import pick_row
from executor_service.agents.tables import best_table, best_value, column_mapping
from executor_service.agents.widgets import card_choices
from executor_service.browser.number_bands import band, band_holding
from executor_service.browser.option_codes import code_holding
from executor_service.browser.snapshot import SelectOption, SnapshotElement
from executor_service.runtime.field_identity import names_option
from services.gen.rote.v1 import trace_pb2

_BLANK = SnapshotElement(
    index=0,
    kind="control",
    tag="input",
    type="text",
    role="textbox",
    name="",
    labels=(),
    placeholder="",
    text="",
    attr_name="",
    id="",
    classes=(),
    test_id="",
    href="",
    value="",
    checked=False,
    disabled=False,
    options=(),
    form=0,
    form_method="post",
    submits=False,
    locators=(),
)


def element(index: int, **changes: Any) -> SnapshotElement:
    return dataclasses.replace(_BLANK, index=index, **changes)


def _index(found: SnapshotElement | None) -> int:
    return -1 if found is None else found.index


PLANS = (
    SelectOption("", "Choose a plan", True),
    SelectOption("basic", "Basic", False),
    SelectOption("premium", "Premium", False),
)
FORM = [
    element(0, labels=("Full name",), name="Full name", attr_name="full_name", id="fld-7731-a"),
    element(1, labels=("Email",), name="Email", type="email", placeholder="name@example.com"),
    element(2, tag="select", type="", role="combobox", labels=("Plan",), name="Plan", options=PLANS),
    element(3, type="date", labels=("Start date",), name="Start date", attr_name="start_date"),
    element(4, type="checkbox", role="checkbox", labels=("Add roadside assistance",), name="Add roadside assistance"),
    element(5, tag="button", type="", role="button", name="Get quote", text="Get quote", submits=True),
    element(6, tag="a", type="", role="link", name="Sign out", text="Sign out", form=-1),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("full_name", "full name"), ("startDate", "start date"), ("Quote-Reference:", "quote reference")],
)
def test_normalise_splits_words_and_folds_case(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_similarity_ranks_exact_above_partial_above_unrelated() -> None:
    assert similarity("full_name", "Full name") == 100
    assert 80 <= similarity("roadside", "Add roadside assistance") < 100
    assert similarity("password", "Username") < 70


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("Yes", True), ("0", False), ("", False), ("maybe", None)]
)
def test_truthy_reads_boolean_spellings(raw: str, expected: bool | None) -> None:
    assert truthy(raw) is expected


def test_iso_date_accepts_common_formats() -> None:
    assert iso_date("2025-07-01") == "2025-07-01"
    assert iso_date("July 1, 2025") == "2025-07-01"
    assert iso_date("not a date") is None


def test_best_option_prefers_exact_then_case_folded_then_fuzzy() -> None:
    assert best_option("premium", PLANS) == PLANS[2]
    assert best_option("Basic", PLANS) == PLANS[1]
    assert best_option("Premum", PLANS) == PLANS[2]
    assert best_option("Gold", PLANS) is None


def test_assign_fields_pairs_each_key_with_its_field() -> None:
    payload = {"full_name": "Ada", "email": "a@b.c", "plan": "Premium", "start_date": "2025-07-01", "roadside": "true"}
    pairs = {key: e.index for key, e in assign_fields(payload, FORM)}
    assert pairs == {"full_name": 0, "email": 1, "plan": 2, "start_date": 3, "roadside": 4}


def test_assign_fields_leaves_unknown_keys_unmatched() -> None:
    assert assign_fields({"vehicle_vin": "1HGCM"}, FORM) == []


def test_choose_control_prefers_the_submit_button_that_fits_the_goal() -> None:
    assert _index(choose_control("Fill the quote form and get a quote", FORM, forms={0})) == 5
    assert _index(choose_control("Sign out of the portal", FORM)) == 6
    assert choose_control("Launch the rocket", FORM) is None


def test_column_mapping_matches_headers_to_properties() -> None:
    props: dict[str, dict[str, Any]] = {"plan": {}, "monthly_price": {}, "deductible": {}}
    score, mapping = column_mapping(props, ["Plan", "Monthly price", "Deductible"])
    assert mapping == {"plan": "Plan", "monthly_price": "Monthly price", "deductible": "Deductible"}
    assert score > 95


def test_best_table_needs_every_required_column() -> None:
    schema = {"properties": {"plan": {}, "deductible": {}}, "required": ["plan", "deductible"]}
    wrong = element(0, kind="table", tag="table", headers=("Name", "Age"))
    right = element(1, kind="table", tag="table", headers=("Plan", "Deductible", "Extra"))
    assert best_table(schema, [wrong, right]) == (right, {"plan": "Plan", "deductible": "Deductible"})
    assert best_table(schema, [wrong]) is None


def test_best_value_uses_the_label_or_the_schema_description() -> None:
    values = [element(0, kind="value", labels=("Quote reference",)), element(1, kind="value", labels=("Customer",))]
    assert _index(best_value("reference", {"type": "string"}, values)) == 0
    assert _index(best_value("ref", {"description": "Quote reference"}, values)) == 0
    assert _index(best_value("customer", {}, values)) == 1
    assert best_value("premium_total", {}, values) is None


def test_locate_score_trusts_labels_over_changed_ids() -> None:
    fingerprint = trace_pb2.ElementFingerprint(label="Full name", role="textbox")
    fingerprint.attributes["id"] = "full_name"
    assert locate_score("Enter the full name", fingerprint, FORM[0]) >= 90
    assert locate_score("Enter the full name", fingerprint, FORM[1]) < 75


def test_a_quoted_target_in_the_intent_is_what_healing_looks_for_not_the_goal_words() -> None:
    # Recorded "Add to cart"; this page says "Add to basket" and also has the search's own "Search" button.
    fingerprint = trace_pb2.ElementFingerprint(role="button", accessible_name="Add to cart")
    intent = "Click 'Add to cart' to Search the shop for 'Blue mug' and add exactly that product to the cart"
    search = dataclasses.replace(_BLANK, tag="button", type="submit", role="button", name="Search", text="Search")
    basket = dataclasses.replace(search, index=1, name="Add to basket", text="Add to basket", type="button")
    assert locate_score(intent, fingerprint, search) < LOCATE_THRESHOLD
    assert locate_score(intent, fingerprint, basket) > locate_score(intent, fingerprint, search)


def test_a_link_to_a_field_of_the_page_is_never_the_control_to_click() -> None:
    # An error summary's link to the field it is about repeats the goal's words, but only moves the focus there.
    goal = "Set up a payment from my account. I am the account holder and can authorise it on my own."
    box = element(3, type="checkbox", role="checkbox", id="declare", name="I confirm I am the account holder")
    jump = element(9, tag="a", type="", role="link", form=-2, href="#declare",
                   name="Confirm that you are the account holder and can authorise payments on your own")
    assert _index(choose_control(goal, [jump])) == 9  # alone, its words would win
    assert choose_control(goal, [box, jump]) is None
    # A link to something else on the page (a tab's panel, a single-page app's route) is left as it was.
    assert _index(choose_control(goal, [box, dataclasses.replace(jump, href="#/account-holder")])) == 9
    assert _index(choose_control(goal, [box, dataclasses.replace(jump, href="#panel-holder")])) == 9


def test_a_field_named_for_what_is_sent_there_is_not_asked_again() -> None:
    # "… for your Direct Debit confirmation" says what the address is for; "Confirm email" asks for it again.
    purpose = element(1, type="email", labels=("Email address for your Direct Debit confirmation",),
                      name="Email address for your Direct Debit confirmation")
    again = element(2, type="email", labels=("Confirm email address",), name="Confirm email address")
    assert field_score("email", "ana@example.net", purpose) >= FIELD_THRESHOLD
    hinted = dataclasses.replace(purpose, labels=("Email address",), name="Email address",
                                 context=("We'll send your Direct Debit confirmation here",))
    assert field_score("email", "ana@example.net", hinted) >= FIELD_THRESHOLD
    assert field_score("email", "ana@example.net", again) < field_score("email", "ana@example.net", purpose)


def test_a_same_as_box_withholds_the_address_it_stands_for_not_the_one_it_copies() -> None:
    keys = ["billing_address", "billing_city", "shipping_city", "city", "email"]
    for label in ("Billing address same as shipping", "Use my shipping address for billing"):
        box = element(5, type="checkbox", role="checkbox", checked=True, labels=(label,), name=label)
        assert withheld_keys([box], keys) == {"billing_address", "billing_city"}, label
        assert withheld_keys([dataclasses.replace(box, checked=False)], keys) == set()  # unticked: nothing held


# --- numbers chosen by band, descriptions as names -------------------------------------------------------------

MILEAGE = (
    SelectOption("", "Select mileage", True),
    SelectOption("m1", "Up to 5,000 miles", False),
    SelectOption("m2", "5,001 to 10,000 miles", False),
    SelectOption("m3", "More than 10,000 miles", False),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Up to 5,000 miles", (-math.inf, 5000.0, False, True)),
        ("Under 18", (-math.inf, 18.0, False, False)),
        ("18-24", (18.0, 24.0, True, True)),
        ("£20,000 – £39,999", (20000.0, 39999.0, True, True)),
        ("Between 1 and 10 employees", (1.0, 10.0, True, True)),
        ("65+", (65.0, math.inf, True, False)),
        ("More than 10,000 miles", (10000.0, math.inf, False, False)),
        ("50 or more", (50.0, math.inf, True, False)),
        ("2 nights", None),
        ("09:00 - 10:00", None),
        ("2026-12-05", None),
    ],
)
def test_a_band_is_read_from_how_options_write_ranges(text: str, expected: tuple[float, ...] | None) -> None:
    assert band(text) == expected


def test_a_number_picks_the_one_range_that_holds_it_and_nothing_else() -> None:
    texts = [o.text for o in MILEAGE]
    assert band_holding("4,500", texts) == 1
    assert band_holding("5000", texts) == 1  # "Up to" holds its bound
    assert band_holding("10,000 miles", texts) == 2
    assert band_holding("10001", texts) == 3  # "More than" does not hold its bound
    assert band_holding("£500", texts) is None  # money is in no band of miles
    assert band_holding("4500 km", texts) is None  # nor kilometres
    assert band_holding("Flat 4", texts) is None  # not a number
    assert band_holding("4", ["Up to 5", "Tuesday"]) is None  # one range is no list of ranges
    assert band_holding("5", ["0-5", "5-10", "10+"]) is None  # on two ranges: either may be meant
    assert best_option("4,500", MILEAGE) == MILEAGE[1]
    assert best_option("12,000", MILEAGE) == MILEAGE[3]
    mileage = element(0, tag="select", type="", role="combobox", labels=("How many miles do you drive a year?",),
                      options=MILEAGE)
    assert field_score("annual_mileage", "4,500", mileage) >= FIELD_THRESHOLD


def test_a_list_of_single_numbers_closed_by_an_open_range_holds_every_number_above() -> None:
    # "How many years' no claims?" 0, 1, … 8, "9+": eleven years is the last option's, three years is "3".
    years = ["Select", *(str(n) for n in range(9)), "9+"]
    assert band_holding("11", years) == 10
    assert band_holding("3", years) == 4
    assert band_holding("11", ["0 years", "1 year", "2 years", "3 or more years"]) == 3
    assert band_holding("11", ["None", "1 year", "2 years", "9 years or more"]) == 3  # the unit before "or more"
    assert band_holding("11", ["1", "2", "3"]) is None  # no range: eleven is none of them
    assert band_holding("£11", years) is None  # money is no count of years
    options = [SelectOption(t, t, False) for t in years]
    assert best_option("11", options) == options[10]


def test_a_description_names_a_field_asked_as_a_question_but_never_by_one_shared_word() -> None:
    worth = element(0, labels=("Roughly how much is your home worth?",), input_mode="decimal")
    miles = element(1, labels=("How many miles do you drive a year?",))
    email = element(2, labels=("Email",), type="email")
    assert described_score("roughly what the home is worth", "Roughly how much is your home worth?") == 90.0
    assert described_score("miles I drive each year", "How many miles do you drive a year?") == 90.0
    assert described_score("the email address the receipt goes to", "Email") == 0.0
    assert described_score("YYYY-MM-DD", "Date of birth (DD/MM/YYYY)") == 0.0  # a format names no field
    # The key's name says nothing of the question (the amount's shape alone fits any decimal field); the
    # description says what it asks.
    assert 72.0 <= field_score("home_value", "250000", worth) < 73.0  # what the names say only breaks ties
    # The description decides; the shape agreeing adds its hundredth (a tie-break with fields only the shape fits).
    assert field_score("home_value", "250000", worth, "roughly what the home is worth") == 90.72
    payload = {"home_value": "250000", "years_insured": "8", "yearly_miles": "6000"}
    described = {"home_value": "roughly what the home is worth", "yearly_miles": "miles I drive each year"}
    # Without descriptions the question about miles is no key's field, and a count of years is as likely as the
    # home's value to take the amount field.
    assert [e.index for _, e in assign_fields(payload, [worth, miles, email])] == [0]
    found = assign_fields(payload, [worth, miles, email], described=described)
    assert [(k, e.index) for k, e in found] == [("home_value", 0), ("yearly_miles", 1)]


def test_a_card_headed_by_a_longer_name_is_never_the_values_card() -> None:
    # The "Unlimited" card was chosen already (its button now reads "Selected"); the card left is "Unlimited Max",
    # whose text says "Unlimited" of its data and of what it includes: it is another plan.
    cards = [
        element(0, tag="button", type="button", role="button", name="Selected: Unlimited", text="Selected",
                row="Unlimited Unlimited data £25.00 a month Selected"),
        element(1, tag="button", type="button", role="button", name="Choose this plan: Unlimited Max",
                text="Choose this plan", row="Unlimited Max Unlimited £30.00 a month Everything in Unlimited"),
    ]
    assert card_choices("Unlimited", cards) == []
    assert [e.index for e in card_choices("Unlimited Max", cards)] == [1]


def test_a_key_that_asks_for_prose_takes_the_text_area_however_short_its_value() -> None:
    # "Annual asthma review" is three words, no sentence; the box asks "why" in its own words. A key named for a
    # datum never goes there on that ground, nor a date or a number under a prose key.
    why = element(0, tag="textarea", type="", labels=("Briefly tell us why you need to be seen",), attr_name="why")
    name = element(1, labels=("Your name",))
    payload = {"reason": "Annual asthma review", "patient": "Ana Diaz"}
    assert [(k, e.index) for k, e in assign_fields(payload, [why, name])] == [("reason", 0)]
    assert field_score("reason", "Annual asthma review", why) >= 70.0
    assert field_score("patient", "Ana Diaz", why) < 70.0
    assert field_score("notes", "2027-06-03", why) < 70.0
    # Two text areas and nothing to tell them apart: neither takes it.
    other = element(2, tag="textarea", type="", labels=("Anything else we should know?",), attr_name="more")
    assert assign_fields({"reason": "Annual asthma review"}, [why, other]) == []


def test_a_box_whose_type_or_format_rules_a_value_out_is_no_spare_field_for_it() -> None:
    # "Last day" (which day is a half day) is not the date "Last day of leave" asks for in MM/DD/YYYY.
    last = element(0, labels=("Last day of leave",), name="Last day of leave", placeholder="MM/DD/YYYY")
    assert shape_refuses(last, "Last day") and not shape_refuses(last, "2027-06-03")
    assert not shape_refuses(last, "03/06/2027")
    assert shape_refuses(element(1, type="email"), "Ana Diaz") and not shape_refuses(element(1, type="email"), "a@b.c")
    assert shape_refuses(element(2, type="number"), "Last day") and not shape_refuses(element(2, type="number"), "12")
    assert not shape_refuses(element(3, labels=("Comments",)), "Last day")


def test_the_one_item_on_offer_is_picked_by_its_own_choosing_button_only() -> None:
    # Four adults: only the Family Room can be chosen; the other rooms say "Not available" and have no button.
    family = "Family Room 30 m² · double bed and bunk beds · sleeps up to 4 £189 per night Choose"
    choose = element(0, tag="button", type="submit", role="button", name="Choose", text="Choose", row=family,
                     submits=True)
    pending = {"room_type": RenderedValue("Family Room", parameter_key="room_type")}
    picked = pick_row([choose], pending, "Book this room type for these dates")
    assert picked is not None and (picked.key, picked.control.index) == ("room_type", 0)
    # One row whose button does something else (a basket's "Remove") is no list to pick from.
    remove = dataclasses.replace(choose, name="Remove", text="Remove", row=family.replace("Choose", "Remove"))
    assert pick_row([remove], pending, "Book this room type for these dates") is None
    # Nor a row that shows another room.
    other = {"room_type": RenderedValue("Junior Suite", parameter_key="room_type")}
    assert pick_row([choose], other, "Book this room type for these dates") is None


def test_a_code_run_into_its_prefix_names_its_one_option_for_the_agent_and_for_replay() -> None:
    centres = ["select one", "CC4120 – Sales UK", "CC6140 – Data Platform", "CC6100 – Engineering"]
    assert code_holding("6140", centres) == 2
    assert code_holding("614", centres) is None  # part of a longer number
    assert code_holding("41", centres) is None  # too short to be a code
    assert code_holding("6140", ["CC6140 – Data", "Unit 6140"]) is None  # two hold it
    assert code_holding("6140", ["CC6140x"]) is None  # letters after it: another code
    options = [SelectOption(value=str(n), text=text, selected=False) for n, text in enumerate(centres)]
    chosen = best_option("6140", options)
    assert chosen is not None and chosen.text == "CC6140 – Data Platform"
    assert names_option([(str(n), text) for n, text in enumerate(centres)], "6140") == "2"
