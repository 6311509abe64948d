"""The one option of a group (a radio group, a list's options) that a value names, by rules that never guess: the
option's own words, the value as whole words of one option only, a time, a slot of the day and time it says, a band
or a code holding it; or in other words: the value's other wording ("telephone" for "Phone call"), its words in
another number ("pothole" for "Potholes"), or the one option holding most of its words while no other holds any.
Code chooses another value's option in other words only where those rules name, on the page, the option recorded
for the recorded value (``Page.choose``): where they agree with the agent."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from executor_service.browser.answer_wordings import holds_wording
from executor_service.browser.clock_times import day_and_time
from executor_service.browser.form_vocabulary import normalise
from executor_service.browser.number_bands import numbers_clash
from executor_service.browser.whole_words import holds_alone, same_number
from executor_service.runtime.field_identity import names_option

_WORD = re.compile(r"[^\W\d_]{3}")  # a value without a word of three letters says too little to pick by its words


def plainly_named(names: Sequence[str], value: str, keys: Sequence[str] = ()) -> int | None:
    """The index of the one option ``value`` names by its own words: the option's name (or its key, a list's
    option value) in other case or spacing, or a name holding it as whole words, a time, a band or a code holding
    it (``names_option``), a slot of the day and time it says; None otherwise."""
    texts = [" ".join(name.split()) for name in names]
    wanted = normalise(value)
    if not wanted or not texts:
        return None
    found = _sole(texts, lambda text: normalise(text) == wanted)
    if found is not None:
        return found
    pairs = list(zip(keys, texts, strict=True)) if keys else [(text, text) for text in texts]
    named = names_option(pairs, value)
    if named is not None:
        return _sole([f"{k}\n{t}" for k, t in pairs], lambda both: named in both.split("\n"))
    # A day and a time name the slot of that day starting then, however written ("Fri 2pm–3pm · Room Lab2").
    return _sole(texts, lambda text: day_and_time(value, text))


def naming_option(names: Sequence[str], value: str, keys: Sequence[str] = ()) -> int | None:
    """The index of the one option ``value`` names, plainly or in other words (its other wording, its words in
    another number, most of its words in that option alone); None when it names none, or several alike."""
    found = plainly_named(names, value, keys)
    if found is not None or not _WORD.search(value):
        return found
    texts = [" ".join(name.split()) for name in names]
    wanted = normalise(value)
    fair = [not numbers_clash(value, text) for text in texts]  # "£1,000" names nothing of "£1,000,000"
    stages: list[Callable[[str], bool]] = [
        lambda text: holds_wording(value, text),
        lambda text: _in_a_form(wanted, text),
        lambda text: holds_alone(value, [text], [t for t in texts if t != text]),
    ]
    for fits in stages:
        fitting = [i for i, text in enumerate(texts) if fair[i] and fits(text)]
        if len(fitting) == 1:
            return fitting[0]
    return None


def _sole(texts: list[str], fits: Callable[[str], bool]) -> int | None:
    found = [i for i, text in enumerate(texts) if fits(text)]
    return found[0] if len(found) == 1 else None


def _in_a_form(wanted: str, text: str) -> bool:
    """Every word of the value is a word of the option as it is or in its other number ("pothole", "Potholes")."""
    shown = normalise(text).split()
    return all(any(same_number(word, other) for other in shown) for word in wanted.split())


def same_value(a: str, b: str) -> bool:
    """Two values alike but for case and spacing: the recorded option serves both."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
