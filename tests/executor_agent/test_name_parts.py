"""A whole name split over given-name and family-name fields: which keys and fields, which parts (pure)."""

from __future__ import annotations

import pytest

from executor_service.browser.name_parts import (
    FAMILY,
    GIVEN,
    field_part,
    intent_for,
    name_part,
    part_of_intent,
    whole_name_key,
)


def test_the_family_name_is_the_last_word_and_the_given_names_all_before_it() -> None:
    assert name_part("Ana María López", GIVEN) == "Ana María"
    assert name_part("Ana María López", FAMILY) == "López"
    assert name_part("Cher", GIVEN) is None  # one word is no pair
    assert name_part("Ana López", "middle") is None


@pytest.mark.parametrize(
    ("label", "part"),
    [("First name", GIVEN), ("Given name(s)", GIVEN), ("Forename", GIVEN), ("Your first name", GIVEN),
     ("Last name", FAMILY), ("Surname", FAMILY), ("Family name", FAMILY),
     ("Name", ""), ("Company name", ""), ("Name on card", ""), ("Middle name", "")],
)
def test_a_field_asks_for_a_part_by_its_label(label: str, part: str) -> None:
    assert field_part(label) == part


@pytest.mark.parametrize(
    ("key", "whole"),
    [("full_name", True), ("name", True), ("contact_name", True), ("account_holder", True),
     ("company_name", False), ("username", False), ("first_name", False), ("display_name", False)],
)
def test_only_a_key_holding_a_persons_whole_name_is_split(key: str, whole: bool) -> None:
    assert whole_name_key(key) is whole


def test_a_recorded_intent_says_which_part_replay_types() -> None:
    assert part_of_intent(intent_for(GIVEN, "full name")) == GIVEN
    assert part_of_intent(intent_for(FAMILY, "contact name")) == FAMILY
    assert part_of_intent("Enter the full name") == ""
