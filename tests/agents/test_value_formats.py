"""Spellings derived from a value alone (shared by the agent and replayed code): date parts, month/year, masks."""

from __future__ import annotations

import datetime as dt

import pytest

from executor_service.browser.box_widths import box_width
from executor_service.browser.intents import legacy_only_if_present, legacy_picker_date
from executor_service.browser.value_checks import adds_on_enter
from executor_service.browser.value_formats import (
    date_part,
    date_part_option,
    example_spelling,
    mask_spelling,
    month_year,
    month_year_spelling,
    more_spellings,
    part_spelling,
)

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize(
    ("value", "mask", "typed"),
    [
        ("+1 415 555 0132", "(555) 555-0100", "(415) 555-0132"),  # country code written with "+"
        ("1-767-904-4335", "(555) 555-0100", "(767) 904-4335"),  # country code as a group of its own
        ("4111111111111111", "#### #### #### ####", "4111 1111 1111 1111"),
        ("06 12 34 56 78", "__ __ __ __ __", "06 12 34 56 78"),
    ],
)
def test_digits_are_laid_into_the_mask(value: str, mask: str, typed: str) -> None:
    assert mask_spelling(value, mask) == typed


def test_a_mask_never_drops_digits_that_are_not_a_country_code() -> None:
    assert mask_spelling("14155550132", "(555) 555-0100") is None  # eleven digits glued: which one is extra?
    assert mask_spelling("415 555 013", "(555) 555-0100") is None  # too few
    assert mask_spelling("+44 20 7946 0000", "(555) 555-0100", prefixes=["+1"]) is None  # another country's code
    assert mask_spelling("hello", "Your name") is None


def test_month_and_year_follow_the_hint() -> None:
    assert month_year("08/2028") == (2028, 8) and month_year("2028-08") == (2028, 8) and month_year("8/28") == (2028, 8)
    assert month_year_spelling("08/2028", "MM / YY") == "08 / 28"
    assert month_year_spelling("2031-03", "Expiry (MM/YYYY)") == "03/2031"
    assert month_year_spelling("08/2028", "Card number") is None
    # A month named in words, as people write when they moved in or started a job.
    assert month_year("November 2024") == (2024, 11) and month_year("Sept. 2025") == (2025, 9)
    assert month_year("Apple 2024") is None and month_year("Ma 2024") is None
    assert month_year_spelling("November 2024", "MM/YY") == "11/24"


def test_a_month_of_a_year_fills_month_and_year_fields_but_no_day() -> None:
    assert part_spelling("November 2024", "Year", "") == "2024"
    assert part_spelling("November 2024", "Month", "MM") == "11"
    assert part_spelling("November 2024", "Day", "DD") is None


def test_a_field_named_after_one_part_of_a_date_gets_that_part() -> None:
    assert part_spelling("1987-03-09", "Day", "DD") == "09"
    assert part_spelling("1987-03-09", "Month", "") == "03"
    assert part_spelling("1987-03-09", "", "YYYY") == "1987"
    assert part_spelling("1987-03-09", "Year of study", "YY") == "87"
    assert part_spelling("1987-03-09", "Town", "") is None


def test_selects_are_told_apart_by_their_options_and_take_their_part() -> None:
    days = [("", "--")] + [(str(d), str(d)) for d in range(1, 32)]
    months = [("", "Month")] + [(f"{i:02d}", m) for i, m in enumerate(MONTHS, 1)]
    numeric_months = [(str(i), str(i)) for i in range(1, 13)]
    years = [("", "Year")] + [(str(y), str(y)) for y in range(2024, 1939, -1)]
    assert [date_part(o) for o in (days, months, numeric_months, years)] == ["day", "month", "month", "year"]
    assert date_part([("a", "Small"), ("b", "Large")]) == ""
    value = "1987-03-09"
    assert (date_part_option(days, value), date_part_option(months, value), date_part_option(years, value)) == (
        "9", "03", "1987")
    assert date_part_option(numeric_months, value) == "3"
    assert date_part_option(days, "not a date") is None


def test_more_spellings_reads_the_fields_own_hints() -> None:
    info = {"type": "text", "placeholder": "MM / YY", "hint": "Expiry date", "pattern": ""}
    assert more_spellings("11/2032", info) == ["11 / 32"]
    assert more_spellings("+1 212 555 0188", {"placeholder": "(212) 555-0100", "hint": "Phone"}) == ["(212) 555-0188"]
    assert more_spellings("plain text", {"placeholder": "", "hint": "Name"}) == []


def test_code_generated_before_explicit_actions_still_says_its_picker_date_and_optional_clicks() -> None:
    assert legacy_picker_date("Pick 2027-03-03 from the date picker of the delivery day") == dt.date(2027, 3, 3)
    assert legacy_picker_date("Click 'Book'") is None
    assert legacy_only_if_present("Dismiss what covers the page, if present")
    assert not legacy_only_if_present("Click 'Send'")


@pytest.mark.parametrize(
    ("hints", "adds"),
    [
        ({"near": "Press Enter to add a label"}, True),
        ({"hint": "Add a tag, then press Enter"}, True),
        ({"placeholder": "Type a skill and hit Return to add it"}, True),
        ({"near": "Press Enter to search"}, False),
        ({"hint": "Enter your email address to add it to the list"}, False),
    ],
)
def test_a_field_adds_items_on_enter_only_when_its_hint_says_so(hints: dict[str, str], adds: bool) -> None:
    assert adds_on_enter(hints) is adds


@pytest.mark.parametrize(
    ("value", "hint", "typed"),
    [
        ("28 December 2026", "For example, 30/12/2026.", "28/12/2026"),  # zeros shown: kept
        ("2027-01-05", "Open until 30/12/2026. For example, 17/3/2027", "5/1/2027"),  # the example, not the other date
        ("1970-07-12", "For example, 27 3 1985", "12 7 1970"),
        ("05/01/2027", "e.g. 2027-03-17", "2027-01-05"),
        ("2027-01-05", "e.g. 03/17/2027", "01/05/2027"),  # 17 is the day: month first
        ("2027-01-05", "like 31/01/27", "05/01/27"),
        ("2027-01-05", "For example, 03/04/2027", None),  # day or month first? Not guessed
        ("30 December 2026", "For example, 04/01/2027", "30/12/2026"),  # no order, but 30 is no month: never misread
        ("2027-01-05", "For example: March 19 2027", "January 5 2027"),
        ("2027-01-05", "For example, 27 Mar 2027", "5 Jan 2027"),
        ("2027-01-05", "Available until 30/12/2026", None),  # a date, but no example of how to write one
        ("Ada", "For example, 1/2/2027", None),
    ],
)
def test_an_example_date_in_the_hint_shows_the_spelling(value: str, hint: str, typed: str | None) -> None:
    assert example_spelling(value, hint) == typed


@pytest.mark.parametrize(
    ("max_length", "names", "width"),
    [
        (2, ("Sort code",), 2),
        (0, ("First two digits",), 2),
        (0, ("Sort code, last 2 digits",), 2),
        (0, ("Digit 3 of 6",), 1),
        (0, ("Number 1 of 5",), 1),
        (0, ("Account number",), 0),
        (40, ("Reference",), 0),  # a maxlength that long is a field's, not a box's
    ],
)
def test_a_box_width_is_its_maxlength_or_what_its_label_says(
    max_length: int, names: tuple[str, ...], width: int
) -> None:
    assert box_width(max_length, names) == width
