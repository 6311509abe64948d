"""Field and control matching on small saved page snapshots, one or more per corpus pattern (own fixtures)."""

from __future__ import annotations

from typing import Any

import pytest

from executor_service.agents.choices import assign_choices, split_values
from executor_service.agents.controls import STEP_NAME, choose_control, named_targets
from executor_service.agents.field_assignment import _hungarian, assign_fields
from executor_service.browser.snapshot import SelectOption, SnapshotElement
from tests.executor_agent.test_matching import element


def text(index: int, **changes: Any) -> SnapshotElement:
    return element(index, **changes)


def button(index: int, name: str, **changes: Any) -> SnapshotElement:
    return element(index, tag="button", type="", role="button", name=name, text=name, **changes)


def pairs(found: list[tuple[str, SnapshotElement]]) -> dict[str, int]:
    return {key: e.index for key, e in found}


# --- unlabelled inputs: nearby text, row headers, placeholders, bare names ----------------------------------


def test_nearby_text_and_row_headers_name_fields_without_labels() -> None:
    page = [
        text(0, context=("Town of residence",), attr_name="x81723"),
        text(1, context=("Surname",), attr_name="x99123"),
        text(2, placeholder="Voucher", attr_name="x1"),
        text(3, context=("Office phone",), attr_name="r3"),
        text(4, context=("Mobile phone",), attr_name="r4"),
    ]
    found = assign_fields({"city": "Cork", "last_name": "Brennan", "work_phone": "01 234 567"}, page)
    assert pairs(found) == {"city": 0, "last_name": 1, "work_phone": 3}


def test_a_bare_name_attribute_is_a_name_too() -> None:
    page = [text(0, attr_name="poNumber"), text(1, attr_name="vatNo"), text(2, attr_name="telex_no")]
    found = assign_fields({"po_number": "PO-1", "vat_no": "NL1"}, page)
    assert pairs(found) == {"po_number": 0, "vat_no": 1}


def test_the_value_shape_finds_the_email_and_phone_inputs() -> None:
    page = [
        text(0, type="email", context=("Where should we write to you?",)),
        text(1, type="tel", context=("How can we reach you?",)),
        text(2, context=("Promo code",)),
    ]
    found = assign_fields({"contact": "a@b.example", "reach": "+44 20 7946 0000"}, page)
    assert pairs(found) == {"contact": 0, "reach": 1}


# --- shuffled layout: global assignment, not greedy ------------------------------------------------------


def test_assignment_maximises_the_total_not_the_first_best_pair() -> None:
    assert _hungarian([[90, 80], [85, 0]]) == [1, 0]  # greedy would pair row 0 with column 0 and strand row 1
    page = [text(0, labels=("Name",)), text(1, labels=("Display name",))]
    found = assign_fields({"display_name": "Ana", "name": "Ana Lopes"}, page)
    assert pairs(found) == {"name": 0, "display_name": 1}


def test_order_of_the_fields_does_not_change_the_pairing() -> None:
    labels = ["Email address", "Town", "Full name", "Postcode"]
    payload = {"email": "x@y.example", "city": "Brno", "full_name": "Ada", "postal_code": "60200"}
    for shift in range(4):
        order = labels[shift:] + labels[:shift]
        page = [text(i, labels=(label,)) for i, label in enumerate(order)]
        found = {k: e.label for k, e in assign_fields(payload, page)}
        assert found == {"email": "Email address", "city": "Town", "full_name": "Full name", "postal_code": "Postcode"}


def test_a_tie_is_refused_and_the_candidates_named() -> None:
    page = [text(0, labels=("Phone",), attr_name="a"), text(1, labels=("Phone",), attr_name="b")]
    found = assign_fields({"phone": "123 456 789"}, page)
    assert list(found) == []
    assert [name for name, _ in found.ambiguous["phone"]] == ["Phone", "Phone"]


def test_a_key_with_no_field_reports_its_best_candidates_with_scores() -> None:
    found = assign_fields({"iban": "DE44"}, [text(0, labels=("Reference",)), text(1, labels=("Amount",))])
    assert list(found) == []
    assert found.candidates["iban"] and all(isinstance(score, float) for _, score in found.candidates["iban"])


# --- select by text, radios and checkbox lists by the value ----------------------------------------------


def test_a_value_that_is_an_option_text_picks_the_select_whatever_the_key() -> None:
    options = tuple(SelectOption(v.lower(), v, False) for v in ("Poland", "Spain"))
    page = [element(0, tag="select", type="", role="combobox", options=options, context=("Ship to",)), text(1)]
    assert pairs(assign_fields({"destination": "Spain"}, page)) == {"destination": 0}


def test_radio_option_chosen_by_its_text() -> None:
    radios = [
        element(i, type="radio", role="radio", attr_name="sz", labels=(label,), value=f"v{i}", context=("Size",))
        for i, label in enumerate(("Small", "Medium", "Large"))
    ]
    found = assign_choices({"pizza_size": "Medium"}, radios)
    assert [(k, e.index, tick) for k, e, tick in found] == [("pizza_size", 1, True)]


def test_a_value_held_by_one_option_picks_it_where_the_question_does_not_name_the_key() -> None:
    # The question ("What do you want to report?") shares no word with the key; the value is held, as whole
    # words, by exactly one option's longer name.
    radios = [
        element(i, type="radio", role="radio", attr_name="q7", labels=(label,), value=f"v{i}",
                context=("What do you want to report?",))
        for i, label in enumerate(("Pothole or road defect", "Fly-tipping (dumped rubbish)", "Graffiti removal"))
    ]
    found = assign_choices({"problem": "fly-tipping"}, radios)
    assert [(k, e.index, tick) for k, e, tick in found] == [("problem", 1, True)]
    # Held by no option as whole words ("pot" is part of a word), or by two: nothing is guessed.
    assert assign_choices({"problem": "pot"}, radios) == []
    twice = [*radios, element(3, type="radio", role="radio", attr_name="q7", labels=("Graffiti or fly-posting",),
                              value="v3", context=("What do you want to report?",))]
    assert assign_choices({"problem": "graffiti"}, twice) == []


def test_a_value_held_in_its_other_number_by_one_option_picks_it() -> None:
    # "pothole" is the head word of "Potholes and damaged road surface", in the plural; "pot" is still no word of
    # it, and a value held so by two options picks neither.
    radios = [
        element(i, type="radio", role="radio", attr_name="q7", labels=(label,), value=f"v{i}",
                context=("What do you want to report?",))
        for i, label in enumerate(("Potholes and damaged road surface", "Dumped rubbish", "Broken street lights"))
    ]
    found = assign_choices({"problem": "pothole"}, radios)
    assert [(k, e.index, tick) for k, e, tick in found] == [("problem", 0, True)]
    found = assign_choices({"problem": "street light"}, radios)
    assert [(k, e.index, tick) for k, e, tick in found] == [("problem", 2, True)]
    assert assign_choices({"problem": "pot"}, radios) == []
    twice = [*radios, element(3, type="radio", role="radio", attr_name="q7", labels=("Potholes on a footpath",),
                              value="v3", context=("What do you want to report?",))]
    assert assign_choices({"problem": "pothole"}, twice) == []


def test_a_label_is_also_read_without_its_bracketed_words_and_vehicle_words_are_synonyms() -> None:
    plate = text(0, labels=(), context=("Registration (number plate) *",))
    model = text(1, labels=(), context=("Make / model *",))
    found = pairs(assign_fields({"vehicle_registration": "KX19 ABC", "vehicle": "Nissan Qashqai"}, [plate, model]))
    assert found == {"vehicle_registration": 0, "vehicle": 1}


def test_a_slot_asked_as_day_and_time_picks_the_option_starting_then_however_written() -> None:
    labels = ("Tuesday 9am–10am · Room Lab4 · 5 places left", "Friday 1pm–2pm · Room Lab1 · 2 places left",
              "Friday 2pm–3pm · Room Lab2 · 8 places left")
    radios = [element(i, type="radio", role="radio", attr_name="group", labels=(label,)) for i, label in
              enumerate(labels)]
    found = assign_choices({"seminar": "Friday 14:00"}, radios)
    assert [(key, e.index, tick) for key, e, tick in found] == [("seminar", 2, True)]
    # A time no option starts at names none of them.
    assert assign_choices({"seminar": "Friday 16:00"}, radios) == []
    # Days written short ("Fri 11:00–12:00") are the same days; "Thu" is not Friday.
    short = [element(i, type="radio", role="radio", attr_name="group", labels=(label,)) for i, label in
             enumerate(("Thu 11:00–12:00 · Room 2", "Fri 10:00–11:00 · Room 2", "Fri 11:00–12:00 · Room 3"))]
    found = assign_choices({"seminar": "Friday 11:00"}, short)
    assert [(key, e.index, tick) for key, e, tick in found] == [("seminar", 2, True)]


def test_a_message_for_the_recipient_is_no_field_for_the_recipient() -> None:
    payee = element(0, tag="select", type="", role="combobox", labels=("Pay to",), attr_name="f0",
                    options=(SelectOption("", "Choose a payee", True),
                             SelectOption("p1", "Chiara Russo (NL21 2143)", False),
                             SelectOption("p2", "Elif Yilmaz (NL93 3098)", False)))
    amount = text(1, labels=("How much?",), attr_name="f1")
    message = text(2, labels=("Message for the recipient",), attr_name="f2")
    found = pairs(assign_fields({"payee": "Chiara Russo", "amount": "5.50"}, [payee, amount, message]))
    assert found.get("payee") == 0, found


@pytest.mark.parametrize("label", ["Guests", "Number of people", "Party size", "Covers"])
def test_the_size_of_a_party_is_asked_in_booking_words(label: str) -> None:
    covers = element(0, tag="select", type="", role="combobox", labels=(label,), attr_name="f1",
                     options=tuple(SelectOption(str(n), f"Table for {n}", n == 2) for n in range(1, 7)))
    name = text(1, labels=("Name",), attr_name="f2")
    found = pairs(assign_fields({"party_size": "4", "name": "Ana Lima"}, [covers, name]))
    assert found == {"party_size": 0, "name": 1}


@pytest.mark.parametrize(("name", "step"), [("Save and continue", True), ("Save & continue", True),
                                            ("Continue", True), ("Next month", False), ("Save", False)])
def test_a_wizard_step_is_named_so_with_or_without_saving_first(name: str, step: bool) -> None:
    assert bool(STEP_NAME.match(name)) is step


def test_checkbox_list_ticks_exactly_the_named_options() -> None:
    boxes = [
        element(i, type="checkbox", role="checkbox", attr_name="ch", labels=(label,), checked=i == 0)
        for i, label in enumerate(("Email", "SMS", "Phone call"))
    ]
    found = assign_choices({"channels": "SMS, Phone call"}, boxes)
    assert {e.index: tick for _, e, tick in found} == {0: False, 1: True, 2: True}
    assert split_values('["a", "b"]') == ["a", "b"]


def test_yes_no_values_tick_a_single_box_not_a_list() -> None:
    boxes = [element(i, type="checkbox", role="checkbox", attr_name="ch", labels=(n,)) for i, n in enumerate("AB")]
    assert assign_choices({"newsletter": "yes"}, boxes) == []


# --- named controls and the form just filled -------------------------------------------------------------


def test_a_quoted_control_name_beats_generic_submit_words() -> None:
    page = [button(0, "Submit", submits=True), button(1, "Archive all", form=-1), button(2, "Archive", form=-1)]
    assert named_targets("Click the 'Archive all' button") == ["Archive all"]
    assert choose_control("Click the 'Archive all' button", page).index == 1  # type: ignore[union-attr]


def test_the_form_just_filled_is_sent_by_its_button_not_a_link_inside_it() -> None:
    page = [
        element(0, tag="a", type="", role="link", name="Terms of service", text="Terms of service", form=1),
        button(1, "Create account", form=1, submits=True),
        button(2, "Search", form=0, submits=True),
    ]
    goal = "Create an account and accept the terms of service"
    assert choose_control(goal, page, forms={1}).index == 1  # type: ignore[union-attr]


def test_a_row_identifier_in_the_goal_picks_the_link_of_that_row() -> None:
    page = [
        element(i, tag="a", type="", role="link", name="Track", text="Track", context=(f"SO-{n} Shipped Track",))
        for i, n in enumerate((111, 222, 333))
    ]
    chosen = choose_control("Click the 'Track' link in the row of order SO-222", page)
    assert chosen is not None and chosen.index == 1


def test_a_disabled_control_is_never_chosen() -> None:
    assert choose_control("Send it", [button(0, "Send", disabled=True, submits=True)]) is None


def test_a_list_of_boxes_is_one_keys_whole_answer_only_when_no_other_key_names_its_boxes() -> None:
    boxes = [element(i, type="checkbox", role="checkbox", attr_name="extra", labels=(label,), value=f"v{i}",
                     context=("Extras",)) for i, label in enumerate(("Olives", "Onions", "Anchovies"))]
    # One key names the list's boxes: those ticked, the others unticked (the list is its whole answer).
    assert [(k, e.index, t) for k, e, t in assign_choices({"toppings": "Olives, Anchovies"}, boxes)] == [
        ("toppings", 0, True), ("toppings", 1, False), ("toppings", 2, True)]
    # Two keys name boxes of the same list, or the key asks for boxes off: none is the list's whole answer, each box
    # is set by itself (widgets) and the others are left as they are.
    assert assign_choices({"add_extras": "Olives", "drop_these": "Onions"}, boxes) == []
    assert assign_choices({"remove_extras": "Onions"}, boxes) == []
    # Switches are settings, never one list's answer.
    switches = [element(i, tag="button", type="", role="switch", labels=(label,), context=("Alerts",))
                for i, label in enumerate(("Price drops", "Back in stock"))]
    assert assign_choices({"turn_on": "Price drops"}, switches) == []
