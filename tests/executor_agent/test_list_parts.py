"""A value listing several of one thing, one item per numbered field, and the names that pick those fields (pure)."""

from __future__ import annotations

import pytest

from executor_service.agents.field_assignment import assign_fields
from executor_service.agents.matching import FIELD_THRESHOLD, field_score, words_score
from executor_service.browser.list_parts import (
    MissingItem,
    as_entered,
    asks_count,
    beyond_items,
    count_intent,
    item_intent,
    list_items,
    listed_value,
    next_item,
    renumbered,
)
from tests.executor_agent.test_matching import element


@pytest.mark.parametrize(
    ("value", "items"),
    [("39, 13, 47", ["39", "13", "47"]), ("4,9", ["4", "9"]), ("Ana Diaz; Ben Ode", ["Ana Diaz", "Ben Ode"]),
     ("Acme and Globex", ["Acme", "Globex"]),
     ("69", None), ("$1,250", None), ("1,250", None), ("£12,000.50", None),  # one datum, thousands grouped
     ("Type 2 diabetes, controlled with tablets and diet since last year", None),  # a clause is no item
     ("39, , 47", None)],
)
def test_a_list_is_two_or_more_short_data(value: str, items: list[str] | None) -> None:
    assert list_items(value) == items


def test_a_recorded_intent_says_which_part_of_its_own_value_replay_enters() -> None:
    assert listed_value("39, 13, 47", count_intent("traveler ages")) == "3"
    assert listed_value("39, 13, 47", item_intent(2, "traveler ages")) == "13"
    assert listed_value("69", item_intent(1, "traveler ages")) == "69"  # one value is a list of one
    assert listed_value("69", count_intent("traveler ages")) == "1"
    assert listed_value("39, 13", "Enter the traveler ages") is None  # no part asked
    assert asks_count(count_intent("children ages")) and not asks_count(item_intent(1, "children ages"))
    with pytest.raises(MissingItem, match="2 items, not an item 3"):
        listed_value("39, 13", item_intent(3, "traveler ages"))
    assert listed_value("39, 13", item_intent(2, "traveler ages", last=True)) == "13"
    assert listed_value("39, 13, 47", item_intent(2, "traveler ages", last=True)) == "13"  # then item 3 follows


def test_a_shorter_list_lacks_the_further_items_and_a_longer_one_goes_on_past_the_recorded_last() -> None:
    last_of_two = item_intent(2, "traveler ages", last=True)
    assert beyond_items("39", last_of_two) and beyond_items("39", item_intent(3, "traveler ages"))
    assert not beyond_items("39, 13", last_of_two) and not beyond_items("39", count_intent("traveler ages"))
    assert not beyond_items("39, 13", "Enter the traveler ages")
    assert next_item("39, 13, 47, 8", last_of_two) == (2, 3, "Enter item 3 of the traveler ages")
    assert next_item("39, 13, 47", last_of_two) == (2, 3, "Enter item 3 (the last) of the traveler ages")
    assert next_item("39, 13", last_of_two) is None  # the list ends where the recording's did
    assert next_item("39, 13, 47", item_intent(2, "traveler ages")) is None  # not the recorded last: item 3 is next
    assert next_item("39, 13, 47", "Enter the traveler ages") is None
    # A code run records each item as it entered it: its own last is the last, whatever the recording's was.
    assert as_entered("39, 13, 47", last_of_two) == item_intent(2, "traveler ages")
    assert as_entered("39", item_intent(1, "traveler ages")) == item_intent(1, "traveler ages", last=True)
    assert as_entered("39, 13", "Enter the traveler ages") == "Enter the traveler ages"


@pytest.mark.parametrize(
    ("name", "number"),
    [("Age of traveler 2", "Age of traveler 3"), ("Traveler 2 (you)", "Traveler 3 (you)"),
     ("Child 2 – age", "Child 3 – age"),
     ("Age of traveler 1", None), ("Age", None), ("Room 2, guest 2", None), ("Age (v2.1)", None)],  # not 2 alone
)
def test_a_numbered_name_gets_the_next_number_only_when_it_holds_the_one_recorded(
    name: str, number: str | None
) -> None:
    assert renumbered(name, 2, 3) == number


def test_a_numbered_field_is_about_a_plural_key_its_number_and_words_in_brackets_aside() -> None:
    assert words_score("traveler_ages", "Age of traveler 2") == 76.0
    assert words_score("children_ages", "Child 1 age") == 76.0
    assert words_score("traveler_ages", "Trip cost for all travelers") == 0.0  # cost and trip are its own words
    assert words_score("traveler_ages", "Number of travelers") == 0.0  # the key's age is not in it


def test_a_field_both_its_name_and_the_values_shape_fit_beats_one_only_the_shape_fits() -> None:
    cost = element(0, labels=("Trip cost for all travelers",), input_mode="decimal")
    year = element(1, labels=("Year",), input_mode="numeric")
    age = element(2, labels=("Age of traveler 1 (you)",), input_mode="numeric")
    assert field_score("trip_cost", "$3,650", cost) > field_score("trip_cost", "$3,650", year)
    assert field_score("trip_cost", "$3,650", cost) > field_score("trip_cost", "$3,650", age)
    # One age: its own field by the words, not the decimal field its shape alone would fit.
    assert field_score("traveler_ages", "69", age) >= FIELD_THRESHOLD
    assert field_score("traveler_ages", "69", age) > field_score("traveler_ages", "69", cost)
    found = assign_fields({"trip_cost": "$3,650", "traveler_ages": "69"}, [year, cost, age])
    assert sorted((k, e.index) for k, e in found) == [("traveler_ages", 2), ("trip_cost", 0)]

