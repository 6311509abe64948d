"""An option is never the value fuzzily when the value holds a word of its own the option lacks: "Premium Plus"
chose "Premium" (token-set similarity 90: every word of the option is in the value) and the run said done."""

from __future__ import annotations

import dataclasses

import pytest

from executor_service.agents.acting import option_score
from executor_service.agents.matching import adds_words, best_option
from executor_service.browser.snapshot import SelectOption
from tests.executor_agent.test_matching import element

PLANS = [SelectOption("b", "Basic", False), SelectOption("p", "Premium", False),
         SelectOption("pf", "Premium Family", False)]


@pytest.mark.parametrize(
    ("value", "chosen"),
    [
        ("Premium Plus", None),  # before: Premium
        ("Premum", "p"),  # a slip of the keys still finds its option
        ("premium plan", "p"),  # the key's own word
        ("Family", "pf"),
    ],
)
def test_a_select_option_lacking_a_word_of_the_value_is_not_it(value: str, chosen: str | None) -> None:
    found = best_option(value, PLANS, ("plan", "Plan"))
    assert (found.value if found else None) == chosen


def test_words_of_what_is_chosen_may_be_repeated_by_the_value() -> None:
    assert not adds_words("Economy class", "Economy", ("cabin", "Cabin class"))
    assert adds_words("Economy class", "Economy")
    assert adds_words("Visa Debit", "Visa", ("card_type",))
    assert not adds_words("next day", "Next day delivery")
    assert not adds_words("the premium", "Premium")
    # British and American spellings are one word.
    assert not adds_words("Grey", "Gray") and not adds_words("City centre", "City Center")
    assert not adds_words("Colour printing", "Color printing") and adds_words("Grey", "Green")


def test_a_listed_person_with_another_surname_is_not_the_one_asked_for() -> None:
    listed = dataclasses.replace(element(0), tag="li", role="option", name="Ann Leeds", text="Ann Leeds")
    assert option_score("Ann Lee", listed, ("assignee",)) == 0.0
    assert option_score("Ann Leeds", listed) == 100.0
