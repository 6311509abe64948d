"""Whether a value was entered in pieces of which some are missing: a date's year chosen, its day and month not."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable

from executor_service.browser.value_checks import canonical
from services.gen.rote.v1 import trace_pb2

AT = trace_pb2.ActionType


def partly_entered(value: str, parameter: str, actions: Iterable[trace_pb2.Action], *, characters: bool = True) -> bool:
    """Whether the actions typed or chose only some pieces of the value (what each typed, ``typed_format``, or the
    option each chose, ``observed``): their runs of letters or digits are some of the value's, not all ("30" and "77"
    of "30-77-91", the year "1964" of "1964-11-04" chosen in a list of years), or their characters are some of the
    value's in its order (two digits of a reading over five one-digit boxes). A value typed whole in the field's own
    spelling ("23/06/2011" for "2011-06-23", "+44 7700 900123", "(708) 484-2766" for "+1 708 484 2766") is
    entered. ``characters=False`` leaves the characters out: the judge reads a field's own shorter spelling ("12/27"
    for "12/2027") as whole; the agent taking over enters such a value again rather than leave it part-typed."""
    mine = [a for a in actions if _piece(a) and (a.parameter_key == parameter or not parameter) and a.value == value]
    pieces = [_piece(a) for a in mine]
    joined, spelled = canonical(" ".join(pieces)), canonical(value)
    if not pieces or joined == spelled:
        return False
    typed, whole = Counter(_chunks(" ".join(pieces))), Counter(_chunks(value))
    if whole - typed == Counter(_chunks(value)[:1]) and (value.lstrip().startswith("+") or _dialling_code(value)):
        return False  # an international number in the field's national spelling: "(708) 484-2766" for "+1 708 …"
    chosen = any(a.type == AT.ACTION_TYPE_SELECT_OPTION for a in mine)
    if typed != whole and not typed - whole:
        # An option is often the value's shorter name ("4" for "4 people"): chosen, it leaves out only numbers of a
        # value spread over several lists (the day and month of a date whose year was chosen).
        return not chosen or all(chunk.isdigit() for chunk in (whole - typed).elements())
    left = iter(spelled)
    return characters and not chosen and all(char in left for char in joined)


def _dialling_code(value: str) -> bool:
    """Whether the value is a phone number led by its country's dialling code without a "+" ("1-322-649-0404",
    "44 20 7946 0958"): digits in groups, the first of one to three digits, at least seven after it."""
    groups = re.findall(r"\d+", value)
    return (bool(_PHONE.fullmatch(value.strip())) and len(groups) >= 3 and len(groups[0]) <= 3
            and sum(map(len, groups[1:])) >= 7)


# Only what a phone number is written with: digits, spaces, dashes, dots and brackets.
_PHONE = re.compile(r"[\d\s().-]+")


def _piece(action: trace_pb2.Action) -> str:
    """What one action put on the page of its value: the text it typed, or the option it chose."""
    if action.type == AT.ACTION_TYPE_TYPE:
        return action.postcondition.typed_format
    return action.postcondition.observed if action.type == AT.ACTION_TYPE_SELECT_OPTION else ""


def _chunks(text: str) -> list[str]:
    """The runs of letters or digits, numbers without their leading zeros and months as their numbers ("2011-06-23"
    and "23 6 2011" alike, "12" a piece of "December 2024")."""
    return [str(int(c)) if c.isdigit() else _MONTHS.get(c.casefold(), c.casefold())
            for c in re.findall(r"[^\W_]+", text)]


# A month by its name or its short name ("December", "Dec"), as its number.
_MONTHS = {spelled.casefold(): str(n) for names in (calendar.month_name, calendar.month_abbr)
           for n, spelled in enumerate(names) if spelled}
