"""The shared reading of a page on small hand-made snapshots: fields, date groups, choices the goal names,
controls, tables (shapes, paging filters), and what the LLM agent is shown of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from executor_service.agents.choices import goal_options
from executor_service.agents.controls import (
    STEP_NAME,
    choose_control,
    goal_cues,
    pick_control,
    row_score,
    search_term,
)
from executor_service.agents.dates import date_groups
from executor_service.agents.field_assignment import assign_fields
from executor_service.agents.matching import best_option, field_score
from executor_service.agents.page_model import describe_model, read_page
from executor_service.agents.tables import column_mapping
from executor_service.browser.row_filters import column_shape, date_bounds, filter_rows
from executor_service.browser.snapshot import SelectOption, Snapshot, SnapshotElement
from executor_service.browser.table_pages import table_by_columns

_BLANK = SnapshotElement(
    index=0, kind="control", tag="input", type="text", role="textbox", name="", labels=(), placeholder="", text="",
    attr_name="", id="", classes=(), test_id="", href="", value="", checked=False, disabled=False, options=(),
    form=0, form_method="post", submits=False, locators=(),
)


def field(index: int, **changes: Any) -> SnapshotElement:
    return dataclasses.replace(_BLANK, index=index, **changes)


def select(index: int, options: list[tuple[str, str]], **changes: Any) -> SnapshotElement:
    return field(index, tag="select", type="", role="combobox",
                 options=tuple(SelectOption(v, t, False) for v, t in options), **changes)


def button(index: int, name: str, **changes: Any) -> SnapshotElement:
    return field(index, tag="button", type="", role="button", name=name, text=name, **changes)


def pairs(found: list[tuple[str, SnapshotElement]]) -> dict[str, int]:
    return {key: e.index for key, e in found}


# --- fields: what the value and the field say on their own ---------------------------------------------------


def test_the_longer_sentence_goes_to_the_text_area() -> None:
    page = [field(0, labels=("Headline",)), field(1, tag="textarea", type="", labels=("Tell us more",))]
    found = assign_fields({"subject": "Printer on floor 3 jams daily",
                           "body": "Since Monday the printer jams on every second page; we tried new paper."}, page)
    assert pairs(found) == {"body": 1}


def test_a_short_sentence_fits_a_text_area_but_a_word_or_a_name_does_not() -> None:
    area = field(1, tag="textarea", type="", labels=("Anything we should know?",))
    page = [field(0, labels=("Gate code",)), area]
    assert pairs(assign_fields({"remarks": "Leave it by the door"}, page)) == {"remarks": 1}
    assert field_score("remarks", "Upstairs", area) < 70  # one word is no sentence
    assert pairs(assign_fields({"gate": "Upstairs"}, page)) == {"gate": 0}
    assert field_score("recipient", "Maria de la Cruz", area) < 70  # four words, but a name


def test_a_date_goes_to_a_field_that_asks_for_one_in_words_or_format() -> None:
    page = [field(0, labels=("Arrival",), placeholder="dd.mm.yyyy"), field(1, labels=("Preferred day",)),
            field(2, labels=("Notes",))]
    assert field_score("check_in", "2027-05-02", page[0]) >= 70
    assert field_score("visit", "2027-05-02", page[1]) >= 70
    assert field_score("visit", "2027-05-02", page[2]) < 70


def test_a_value_leading_one_option_picks_it() -> None:
    options = (SelectOption("a1", "Kim Lee (DE12 ...3)", False), SelectOption("b2", "Kim Leeds (DE99 ...1)", False))
    chosen = best_option("Kim Lee", options)
    assert chosen is not None and chosen.value == "a1"
    nights = tuple(SelectOption(str(n), f"{n} nights", False) for n in (1, 2, 12))
    chosen = best_option("2", nights)
    assert chosen is not None and chosen.value == "2"


def test_a_bare_field_name_is_told_apart_by_its_distinctive_words() -> None:
    page = [field(0, attr_name="fax_no"), field(1, attr_name="vat_reg"), field(2, attr_name="deliveryCompany"),
            field(3, attr_name="company_name")]
    found = assign_fields({"vat_number": "NL1", "company": "Acme"}, page)
    assert pairs(found) == {"vat_number": 1, "company": 3}


def test_a_yes_no_key_finds_the_box_that_says_it_in_other_words() -> None:
    box = field(0, type="checkbox", role="checkbox", labels=("Notify me by text message",))
    assert field_score("text_message_notifications", "yes", box) >= 70


def test_question_labels_are_not_vocabulary() -> None:
    # Synonyms are general form words; a question a page asks is no synonym of a key ("How much?" / amount).
    assert field_score("amount", "12", field(0, labels=("How much?",))) < 70
    assert field_score("amount", "12.50", field(0, labels=("How much?",), input_mode="decimal")) >= 70


# --- dates over several fields ------------------------------------------------------------------------------


def test_day_month_year_selects_form_a_group_for_the_date_key() -> None:
    days = [("", "Day")] + [(str(d), str(d)) for d in range(1, 32)]
    months = [("", "Month")] + [(str(i), m) for i, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"], 1)]
    years = [("", "Year")] + [(str(y), str(y)) for y in range(2020, 1950, -1)]
    page = [field(0, labels=("Name",)), select(1, months, context=("Born",)), select(2, days, context=("Born",)),
            select(3, years, context=("Born",)), button(4, "Save", submits=True)]
    groups = date_groups(page)
    assert [[part for part, _ in g.parts] for g in groups] == [["month", "day", "year"]]
    model = read_page(Snapshot("u", "t", "h", tuple(page)), {"full_name": "Ana", "birthday": "1980-02-29"}, "Save")
    assert [(k, sorted(g.indexes)) for k, g in model.dates] == [("birthday", [1, 2, 3])]
    assert pairs(model.fields) == {"full_name": 0}


def test_a_month_and_a_year_alone_take_a_card_expiry() -> None:
    months = [(f"{i:02d}", f"{i:02d}") for i in range(1, 13)]
    years = [(str(y), str(y)) for y in range(2026, 2036)]
    page = [select(0, months, labels=("Expiry month",)), select(1, years, labels=("Expiry year",))]
    model = read_page(Snapshot("u", "t", "h", tuple(page)), {"expiry": "09/2030"}, "Pay")
    assert [k for k, _ in model.dates] == ["expiry"]


# --- choices the goal names ---------------------------------------------------------------------------------


def test_an_option_the_goal_names_is_chosen_and_the_longer_name_wins() -> None:
    carriers = select(0, [("", "Choose"), ("x1", "Parcelforce 24"), ("x2", "Parcelforce")])
    radios = [field(i, type="radio", role="radio", attr_name="r", labels=(t,)) for i, t in
              enumerate(("Good", "Very good", "Poor"), start=1)]
    found = goal_options("Ship it with Parcelforce 24 and rate the service 'Very good'", [carriers, *radios], set())
    assert [(e.index, text) for e, text in found] == [(0, "Parcelforce 24"), (2, "Very good")]
    assert goal_options("Rate it 'Very good'", radios, {2}) == []  # the group a payload key took is the key's


def test_a_group_whose_checked_option_is_a_value_entered_spelled_otherwise_is_that_keys() -> None:
    # "Email" was entered for the contact method and "E-mail" is checked: "phone number" in the goal says nothing.
    radios = [field(i, type="radio", role="radio", attr_name="contact", labels=(t,), checked=i == 1) for i, t in
              enumerate(("E-mail", "Phone", "Letter by post"), start=1)]
    goal = "Update my address and phone number, and make Email my preferred contact method"
    assert goal_options(goal, radios, set(), ["Email"]) == []
    assert [(e.index, text) for e, text in goal_options(goal, radios, set(), ["Post"])] == [(2, "Phone")]


# --- controls ---------------------------------------------------------------------------------------------


def test_search_words_and_row_cues_come_from_the_goal() -> None:
    assert search_term("Look up 'Middlemarch' and borrow it") == "Middlemarch"
    assert search_term("Find Jan van der Berg in Sales and message him") == "Jan van der Berg"
    assert search_term("Open the settings") == ""
    goal = "Find Jan van der Berg in Sales and message him"
    assert goal_cues(goal) == ["Jan van der Berg", "Sales"]
    both = row_score(goal, "Jan van der Berg Sales Ghent Message", "Message")
    one = row_score(goal, "Jan van der Berg Legal Ghent Message", "Message")
    assert both > one > 0


def test_a_wizard_step_is_not_a_calendar_page_turn() -> None:
    assert STEP_NAME.match("Next") and STEP_NAME.match("Continue to payment")
    assert not STEP_NAME.match("Next month") and not STEP_NAME.match("Next page")


def test_the_form_just_filled_is_sent_by_its_own_button_not_by_the_apps_navigation() -> None:
    page = [button(0, "New message", form=-2), field(1, form=-3), button(2, "Send", form=-3)]
    chosen = choose_control("Write a new message to Ana", page, forms={-3})
    assert chosen is not None and chosen.index == 2
    review = [button(0, "Edit", form=-3), button(1, "Send money", form=-3)]
    chosen = choose_control("Pay Ana 10 euros and confirm", review, forms={-3})
    assert chosen is not None and chosen.index == 1


def test_a_quoted_control_the_page_lacks_is_not_replaced_by_another_submit() -> None:
    page = [field(0), button(1, "Save draft", submits=True), button(2, "Publish", submits=True),
            button(3, "Next", submits=True)]
    control, reason = pick_control("Write the note and click 'Archive'", page[:3], forms={0})
    assert control is None
    assert reason == "the goal names 'Archive', which no control on the page bears (best: 'Save draft' 75.0, "\
                     "'Publish' 75.0)"
    # A step onward may lead to the quoted control; a control bearing the quoted name is that control.
    assert _index(choose_control("Fill it in and click 'Archive'", page, forms={0})) == 3
    assert _index(choose_control("Click 'Archive'", [*page[:3], button(4, "Archive all")])) == 4


def test_two_different_submit_controls_that_tie_are_both_named_not_picked_by_position() -> None:
    page = [field(0), button(1, "Save draft", submits=True), button(2, "Publish", submits=True)]
    control, reason = pick_control("Write the note", page, forms={0})
    assert control is None and reason == "two controls fit the goal equally well: 'Save draft' 75.0, 'Publish' 75.0"
    # The same button twice (above and below a long form) is one choice, not a tie: the one below the fields.
    twice = [field(0), button(1, "Send", submits=True), button(2, "Send", submits=True)]
    assert _index(choose_control("Write the note", twice, forms={0})) == 2


def _index(element: SnapshotElement | None) -> int | None:
    return element.index if element else None


# --- tables -------------------------------------------------------------------------------------------------


def test_columns_are_read_by_what_they_hold_when_names_do_not_say() -> None:
    assert [column_shape(c) for c in (["3 Mar 2026", "2026-03-04"], ["€10.50", "1,200"], ["INV-7", "INV-9"],
                                      ["Settled", "Held"])] == ["date", "number", "code", "text"]
    props = {"invoice_id": {"type": "string"}, "due": {"type": "string", "format": "date"},
             "total": {"type": "number"}}
    headers = ["Issued for", "Ref.", "Payable by", "Gross"]
    rows = [["Acme", "INV-7", "3 Mar 2026", "€10.50"], ["Bolt", "INV-9", "9 Mar 2026", "€99.00"]]
    _, mapping = column_mapping(props, headers, rows=rows)
    assert mapping == {"invoice_id": "Ref.", "due": "Payable by", "total": "Gross"}
    _, mapping = column_mapping({"order_id": {"type": "string"}}, ["Order date"], rows=[["2026-03-01"]])
    assert mapping == {}  # "Order date" shares a word with order_id, but holds dates
    _, mapping = column_mapping({"booked_on": {"type": "string"}}, ["Booked on"], rows=[["3 Mar 2026"]])
    assert mapping == {"booked_on": "Booked on"}  # a plain string takes the dates as shown


def test_of_a_lists_unnamed_texts_only_the_one_that_tells_items_apart_takes_a_property() -> None:
    props = {"name": {"type": "string"}, "job_title": {"type": "string"}}
    headers = ["Name", "Text 1", "Text 2", "Text 3"]
    # Text 1 differs from item to item; Text 2 is the unit (the goal names one of them); Text 3 a badge on one item.
    rows = [["Ann", "Designer", "Design", "Away"], ["Bo", "Engineer", "Support", ""], ["Cy", "Analyst", "Design", ""]]
    _, mapping = column_mapping(props, headers, rows=rows, goal="List everyone in the Design unit")
    assert mapping == {"name": "Name", "job_title": "Text 1"}
    # The goal naming none of the units: two texts tell the items apart, and neither is guessed.
    _, mapping = column_mapping(props, headers, rows=rows, goal="List everyone")
    assert mapping == {"name": "Name"}
    # The unit the same on every item (the list filtered by it) says nothing of each.
    same_unit = [[*row[:2], "Design", row[3]] for row in rows]
    _, mapping = column_mapping(props, headers, rows=same_unit, goal="List everyone")
    assert mapping == {"name": "Name", "job_title": "Text 1"}
    # A badge some items carry is no property, even as the only text left; one item alone may tell itself apart.
    _, mapping = column_mapping(props, headers[:2] + headers[3:], rows=[[r[0], "", r[3]] for r in rows])
    assert mapping == {"name": "Name"}
    _, mapping = column_mapping(props, headers[:2], rows=[rows[0][:2]], goal="List everyone")
    assert mapping == {"name": "Name", "job_title": "Text 1"}
    # Columns the page names are never taken this way ("Unit" is named, so nothing is left to guess between).
    _, mapping = column_mapping(props, ["Name", "Office", "Unit"], rows=[r[:3] for r in rows], goal="List everyone")
    assert mapping == {"name": "Name"}


def test_a_later_page_is_read_by_the_columns_the_first_page_was_read_by() -> None:
    # Page two's one card no longer shows which unnamed text tells cards apart: its table is found by its headers.
    menu = field(1, kind="table", tag="ul", headers=("Name", "Text 1"))
    cards = field(2, kind="table", tag="div", headers=("Name", "Email", "Text 1", "Text 2"))
    columns = {"name": "Name", "email": "Email", "job_title": "Text 1"}
    assert table_by_columns([menu, cards], columns) == (cards, columns)
    assert table_by_columns([menu], columns) is None


def test_the_goal_filters_rows_by_a_date_bound_and_a_named_state() -> None:
    headers = ["When", "Who", "State"]
    rows = [["2026-03-01", "A", "Open"], ["2026-02-20", "B", "Open"], ["2026-03-05", "C", "Closed"]]
    assert date_bounds("orders placed on or after 2026-02-25")[0][1:] == (">=", dt.date(2026, 2, 25))
    assert filter_rows("every entry on or after 2026-02-25", headers, rows) == [rows[0], rows[2]]
    assert filter_rows("the Open ones since 2026-02-25", headers, rows) == [rows[0]]
    assert filter_rows("every entry", headers, rows) == rows


# --- the reading as the LLM agent sees it ------------------------------------------------------------------------


def test_the_reading_names_elements_and_scores_never_values() -> None:
    page = [field(0, labels=("E-mail",), type="email"), field(1, labels=("Name",)), button(2, "Sign up", submits=True)]
    model = read_page(Snapshot("u", "t", "h", tuple(page)), {"email": "x@y.example", "name": "Ana"}, "Sign up")
    lines = describe_model(model)
    assert lines[0].startswith("- payload key 'email': field [0]; best fields: [0]")
    assert lines[-1].startswith("- controls for the goal: [2]")
    assert all("x@y.example" not in line and "Ana" not in line for line in lines)
    assert model.hints()[0] == "payload key 'email'"
