"""A value that names a list rather than one of its options: "Last day" for ``half_day`` where the form asks, per day,
"First day: Full day / Afternoon off (half day)" and "Last day: Full day / Morning off (half day)". The value picks
the list by its label, the key's words pick the option in it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from executor_service.agents.acting import words_of
from executor_service.agents.matching import normalise
from executor_service.browser.snapshot import SnapshotElement
from executor_service.browser.whole_words import whole_words


def lists_named_by_value(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], taken: set[int]
) -> list[tuple[str, SnapshotElement, str]]:
    """(key, select, option text) for each key whose value is, word for word, the label of exactly one free list on
    the page, in which exactly one option holds the key's own words (an option that is the value itself would be
    a plain choice, read elsewhere)."""
    lists = [e for e in elements if e.tag == "select" and not e.disabled and e.index not in taken and e.label]
    found: list[tuple[str, SnapshotElement, str]] = []
    for key, value in payload.items():
        named = [e for e in lists if normalise(e.label) == normalise(value)]
        words = words_of(key)
        if len(named) != 1 or len(words) < 3 or any(normalise(o.text) == normalise(value) for o in named[0].options):
            continue
        holding = [o for o in named[0].options if whole_words(words).search(o.text)]
        if len(holding) == 1:
            found.append((key, named[0], holding[0].text))
    return found
