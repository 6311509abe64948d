"""Whether a list's option is a value itself: the same words, the same country, or the value followed by details
("Civic (2017 on)"), never a longer name that merely starts with it ("Australia and the Pacific")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from executor_service.browser.countries import country_option
from executor_service.browser.form_vocabulary import normalise

# What joins a name to more of itself: "Australia and the Pacific", "Trinidad & Tobago" name more than "Australia".
_JOINED = re.compile(r"\s*(?:and|or|&|\+)\s", re.IGNORECASE)


def extends(value: str, text: str) -> bool:
    """The option's text is a longer name made of the value joined to more ("Australia and the Pacific" for
    "Australia"): another thing, however alike their letters."""
    wanted, have = value.strip().casefold(), text.strip().casefold()
    return bool(wanted) and have.startswith(wanted) and bool(_JOINED.match(have[len(wanted):]))


def leads(value: str, text: str) -> bool:
    """The option's text is the value followed by details ("Ana Diaz (NL47 ...)", "2 nights"), not by more of a
    longer name (``extends``)."""
    wanted, have = value.strip().casefold(), text.strip().casefold()
    return bool(wanted) and have.startswith(wanted) and len(have) > len(wanted) and not (
        have[len(wanted)].isalnum() or (wanted[-1].isdigit() and have[len(wanted)] in ".,") or extends(value, text)
    )


def offered(value: str, options: Iterable[tuple[str, str]]) -> bool:
    """Whether one of the (text, value) options is ``value`` itself (see the module). Never a fuzzy likeness: a
    list thought to offer a value it does not would have the wrong option chosen and sent."""
    wanted = normalise(value)
    real = [(text, code) for text, code in options if code.strip()]
    if any(wanted in (normalise(text), normalise(code)) or leads(value, text) for text, code in real):
        return True
    return country_option(value, [(code, text) for text, code in real]) is not None
