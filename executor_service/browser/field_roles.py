"""Whether a value went into a field meant for its counterpart: the billing city in the shipping address, the
return date in the departure box, the first name in the last name.

Every field "verified" (it holds what was typed) and the page answered "Order placed": without this check such a
swap is a success. A key and a field each say which side of a pair they are on by their words (the key's name;
the field's label, name, placeholder, autocomplete hint and the legend of its group); a field that names only
the other side of the key's pair holds the wrong value. A field that names neither side, or both, says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Pairs of sides: a key on one side never belongs in a field that names only the other. Words are compared whole
# ("to" is not "total"), after "check-in"/"check in" become one word.
_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset("shipping ship delivery deliver".split()), frozenset("billing bill invoice invoicing".split())),
    (frozenset("home personal private".split()), frozenset("work business office".split())),
    (
        frozenset("departure depart departing outbound origin from".split()),
        frozenset("return returning arrival arriving inbound destination to".split()),
    ),
    (
        frozenset("start starting begin beginning checkin".split()),
        frozenset("end ending finish until checkout".split()),
    ),
    (frozenset("first given forename forenames".split()), frozenset("last family surname".split())),
    (frozenset("sender".split()), frozenset("recipient receiver payee".split())),
    (frozenset("min minimum".split()), frozenset("max maximum".split())),
    (frozenset("adult adults".split()), frozenset("child children infant infants".split())),
)
_CHECK_IN_OUT = re.compile(r"\bcheck[\s_-]*(in|out)\b", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[a-z]+")


def _words(texts: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for text in texts:
        text = _CHECK_IN_OUT.sub(lambda m: f" check{m.group(1).lower()} ", _CAMEL.sub(" ", text))
        words.update(_WORD.findall(text.lower().replace("_", " ")))
    return words


def wrong_side(key: str, field_texts: Iterable[str]) -> str:
    """The side the field names when it is only the other side of one of the key's pairs ('' when the field may
    be the key's): "shipping" for key billing_city in a field of the "Shipping address" group."""
    mine, theirs = _words([key]), _words(field_texts)
    for one, other in _PAIRS:
        for own, opposite in ((one, other), (other, one)):
            if mine & own and not mine & opposite and theirs & opposite and not theirs & own:
                return sorted(theirs & opposite)[0]
    return ""
