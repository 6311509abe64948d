"""Times of day in their everyday spellings are one time; numbers, prices and words are none."""

from __future__ import annotations

import pytest

from executor_service.browser.clock_times import clock_minutes, same_time
from executor_service.runtime.field_identity import names_option


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("19:30", 1170), ("7:30 pm", 1170), ("7:30PM", 1170), ("7.30 p.m.", 1170), ("19h30", 1170), ("7 PM", 1140),
     ("12 am", 0), ("12:15 pm", 735), ("00:05", 5)],
)
def test_everyday_spellings_of_a_time(text: str, minutes: int) -> None:
    assert clock_minutes(text) == minutes


@pytest.mark.parametrize("text", ["7", "2026", "7.30", "£7.30", "25:00", "3:75", "13 pm", "7 pmx", "7:30 amsterdam"])
def test_numbers_prices_and_words_are_no_time(text: str) -> None:
    assert clock_minutes(text) is None


def test_a_slot_may_carry_details_only_when_asked_to() -> None:
    assert not same_time("17:00", "5:00 pm (fully booked)")
    assert same_time("17:00", "5:00 pm (fully booked)", leading=True)
    assert same_time("19:30", "7:30 pm · 2 tables left", leading=True)
    assert not same_time("19:30", "7:30 am")
    assert not same_time("7", "7 pm")  # the value must be a time itself


def test_replay_chooses_the_option_of_this_runs_time() -> None:
    options = [("", "Choose"), ("t18", "6 PM"), ("t19", "7 PM"), ("t20", "8 PM")]
    assert names_option(options, "19:00") == "t19"
    assert names_option(options, "20:00") == "t20"
    assert names_option(options, "19:30") is None  # no such time: nothing is guessed
