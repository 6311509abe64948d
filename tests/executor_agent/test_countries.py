"""A country named in another of its usual forms finds the one option that is the same country (pure)."""

from __future__ import annotations

import pytest

from executor_service.agents.matching import best_option
from executor_service.browser.countries import country_option
from executor_service.browser.snapshot import SelectOption
from executor_service.runtime.field_identity import names_option

NAMED = [("", "Choose…"), ("FR", "France"), ("GB", "United Kingdom"), ("US", "United States"),
         ("AE", "United Arab Emirates"), ("VN", "Vietnam"), ("CA", "Canada")]
NUMBERED = [("1", "France"), ("2", "UK"), ("3", "USA"), ("4", "Viet Nam")]  # options in everyday names


@pytest.mark.parametrize(
    ("value", "named", "numbered"),
    [("UK", 2, 1), ("Great Britain", 2, 1), ("United Kingdom", 2, 1), ("USA", 3, 2),
     ("United States of America", 3, 2), ("UAE", 4, None), ("Viet Nam", 5, 3), ("france", 1, 0)],
)
def test_a_country_finds_its_option_in_another_of_its_names(value: str, named: int, numbered: int | None) -> None:
    assert country_option(value, NAMED) == named
    assert country_option(value, NUMBERED) == numbered


def test_a_bare_code_or_no_country_names_nothing() -> None:
    assert country_option("CA", NAMED) is None  # a state as often as Canada
    assert country_option("Narnia", NAMED) is None
    assert country_option("UK", [("a", "UK +44"), ("b", "US +1")]) is None  # a dialling code is no country


def test_the_agent_and_replay_choose_the_same_option() -> None:
    options = [SelectOption(v, t, False) for v, t in NAMED]
    assert best_option("UK", options) == options[2]
    assert names_option(NAMED, "UK") == "GB"
