"""The one option a value names, plainly or in other words, by rules that never guess (pure)."""

from __future__ import annotations

import pytest

from executor_service.runtime.field_identity import names_option
from executor_service.runtime.option_naming import naming_option, plainly_named, same_value

KINDS = ["In person at the practice", "Phone call", "Online video appointment"]
PROBLEMS = ["Potholes and road damage", "Street lighting fault", "Graffiti and vandalism", "Damaged road sign"]


@pytest.mark.parametrize(
    ("names", "value", "plain", "named"),
    [(KINDS, "phone call", 1, 1), (KINDS, "video", 2, 2),  # its own words, whole
     (KINDS, "telephone", None, 1), (KINDS, "face-to-face", None, 0),  # another wording of the same answer
     (PROBLEMS, "pothole", None, 0),  # its words in another number
     (PROBLEMS, "street light not working", None, 1),  # most of its words, in that option alone
     (PROBLEMS, "road", None, None), (PROBLEMS, "home visit", None, None),  # two options alike; none
     (["Deluxe double", "Standard double"], "double", None, None), (KINDS, "12", None, None)],
)
def test_an_option_is_named_plainly_or_in_other_words_or_not_at_all(
    names: list[str], value: str, plain: int | None, named: int | None
) -> None:
    assert plainly_named(names, value) == plain
    assert naming_option(names, value) == named


def test_a_lists_option_is_named_by_its_value_too_and_the_recorded_value_in_other_spacing_is_the_same() -> None:
    assert plainly_named(["Choose one", "Gold", "Silver"], "s2", keys=["", "s1", "s2"]) == 2
    assert naming_option(["Choose one", "Gold", "Silver"], "silver ", keys=["", "s1", "s2"]) == 2
    assert same_value("Street light  not working", "street light not working")
    assert not same_value("street light", "street light not working")


def test_numbers_that_differ_name_nothing_however_alike_the_words() -> None:
    assert naming_option(["£350", "£1,000,000"], "£1,000") is None
    assert names_option([("a", "£350"), ("b", "£1,000,000")], "£1,000") is None  # as a parameter-bound list reads it
    assert names_option([("a", "Size 10 (UK 8)"), ("b", "Size 12")], "10") == "a"
    assert naming_option(["Room 12 (sea view)", "Room 21"], "room 21") == 1
    assert plainly_named(["Up to 5,000 miles", "5,001 to 10,000 miles"], "4,500") == 0  # the band that holds it


def test_a_day_and_a_time_name_the_slot_of_that_day_starting_then_however_written() -> None:
    slots = ["Monday 10am–11am · Room LT3 · 6 places left", "Thu 10:00–11:00 · Room L302", "Thursday 2pm–3pm"]
    assert plainly_named(slots, "Thursday 10:00") == 1 and plainly_named(slots, "Mon 10:00") == 0
    assert plainly_named(slots, "Friday 10:00") is None  # no slot that day
