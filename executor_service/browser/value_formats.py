"""Spellings a field asks for, derived from the value alone: one part of a date, a month/year, digits in a mask.

Pure functions shared by the agent (which types and chooses) and by replayed code (which must derive the same
spelling from this run's value), so a recorded action keeps the value asked for, never a derived literal.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping, Sequence

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y",
                 "%d %b %Y")
_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*[/.\-]\s*(\d{1,2})\s*$")
_NAMED_MONTH_YEAR = re.compile(r"^\s*([^\W\d_]{3,})\.?,?\s+(\d{4})\s*$")  # "November 2024", "Nov. 2024"
_MONTH_NAMES = tuple(m.casefold() for m in calendar.month_name[1:])
# "MM / YY", "MM/YYYY", "mm-yy": a field that asks for a month and a year.
_MONTH_YEAR_HINT = re.compile(r"\b(mm)\s*([/.\-])\s*(yyyy|yy)\b", re.IGNORECASE)
_FULL_DATE_HINT = re.compile(r"\b(dd|mm|yyyy|yy)\s*[./\- ]\s*(dd|mm|yyyy)\s*[./\- ]\s*(dd|mm|yyyy|yy)\b", re.IGNORECASE)
# A mask placeholder: digits or slot characters grouped by punctuation, e.g. "(555) 555-0100", "#### ####".
_MASK = re.compile(r"^[\s()+\-./]*[0-9#X_9•]+(?:[\s()+\-./]+[0-9#X_9•]+)+[\s()]*$")
_SLOT = re.compile(r"[0-9#X_•]")
# The words that name one part of a date; single letters only count in a placeholder ("D", "M", "YYYY").
PART_WORDS = {
    "day": re.compile(r"^(day|dd)$", re.IGNORECASE),
    "month": re.compile(r"^(month|mm)$", re.IGNORECASE),
    "year": re.compile(r"^(year|yyyy|yy)$", re.IGNORECASE),
}
_PART_LETTERS = {"d": "day", "m": "month", "y": "year"}


def parse_date(value: str) -> dt.date | None:
    """The date ``value`` names in one of the common spellings (day first when ambiguous), else None."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def month_year(value: str) -> tuple[int, int] | None:
    """(year, month) of a value that names a month of a year ("08/2028", "8/28", "2028-08", "November 2024") or a
    whole date."""
    date = parse_date(value)
    if date is not None:
        return date.year, date.month
    match = _MONTH_YEAR.match(value)
    named = _NAMED_MONTH_YEAR.match(value)
    if match:
        month, year = int(match[1]), int(match[2])
    elif named and _month_of(named[1]) is not None:
        month, year = _month_of(named[1]) or 0, int(named[2])
    else:
        match = _YEAR_MONTH.match(value)
        if not match:
            return None
        year, month = int(match[1]), int(match[2])
    if year < 100:
        year += 2000
    return (year, month) if 1 <= month <= 12 else None


def _number(text: str) -> int | None:
    digits = text.strip()
    return int(digits) if digits.isdigit() else None


def _month_of(label: str) -> int | None:
    word = label.strip().casefold().rstrip(".")
    if len(word) >= 3:
        for i, name in enumerate(_MONTH_NAMES, start=1):
            if name == word or name.startswith(word):
                return i
    return None


def _real(options: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    # A first option with an empty value is the prompt ("Day", "Month", "Choose...").
    return [(v, label) for v, label in options if v.strip()]


def date_part(options: Sequence[tuple[str, str]]) -> str:
    """Which part of a date a select chooses from its (value, label) options: 'day', 'month', 'year' or ''."""
    real = _real(options)
    if not real:
        return ""
    if sum(_month_of(label) is not None for _, label in real) >= 12 and len(real) <= 13:
        return "month"
    numbers = [_number(label) if _number(label) is not None else _number(v) for v, label in real]
    if any(n is None for n in numbers):
        return ""
    values = [n for n in numbers if n is not None]
    # A few years are a year list when its prompt says so ("YYYY", "Year": a card expiry's next four years).
    prompt = options[0][1].strip() if options and not options[0][0].strip() else ""
    enough = 2 if PART_WORDS["year"].match(prompt) else 5
    if len(values) >= enough and all(1000 <= n <= 2200 for n in values):
        return "year"
    if len(values) == 12 and sorted(values) == list(range(1, 13)):
        return "month"
    if 28 <= len(values) <= 31 and sorted(values) == list(range(1, len(values) + 1)):
        return "day"
    return ""


def _part_number(part: str, year: int, month: int, day: int | None) -> int | None:
    return {"day": day, "month": month, "year": year}[part]


def part_option(part: str, options: Sequence[tuple[str, str]], value: str) -> str | None:
    """The value of the option that holds ``part`` of the date (or month/year) ``value``; None when none does."""
    date = parse_date(value)
    found = month_year(value)
    if found is None:
        return None
    year, month = found
    wanted = _part_number(part, year, month, date.day if date else None)
    if wanted is None:
        return None
    for option_value, label in _real(options):
        number = _number(label) if _number(label) is not None else _number(option_value)
        if part == "month" and _month_of(label) == wanted:
            return option_value
        if number == wanted or (part == "year" and number is not None and number < 100 and number + 2000 == wanted):
            return option_value
    return None


def date_part_option(options: Sequence[tuple[str, str]], value: str) -> str | None:
    """For a select that chooses one part of a date, the option holding that part of ``value`` (else None)."""
    part = date_part(options)
    return part_option(part, options, value) if part else None


def _part_named(hint: str) -> str:
    words = [w for w in re.split(r"[\W_]+", hint) if w]
    found = {part for part, pattern in PART_WORDS.items() for w in words if pattern.match(w)}
    return found.pop() if len(found) == 1 else ""


def part_spelling(value: str, hint: str, placeholder: str = "") -> str | None:
    """The part of a date a field named only "Day", "Month" or "Year" (or DD / MM / YYYY) asks for."""
    letter = _PART_LETTERS.get(placeholder.strip().casefold(), "")
    part = letter or _part_named(placeholder) or _part_named(hint)
    date = parse_date(value)
    # A month of a year ("November 2024") has a month and a year part, never a day.
    found = (date.year, date.month) if date is not None else month_year(value)
    if not part or found is None or (part == "day" and date is None):
        return None
    year, month = found
    width = len(placeholder.strip()) if placeholder.strip().isalpha() else 0
    if part == "year":
        return f"{year % 100:02d}" if width == 2 else str(year)
    number = date.day if part == "day" and date is not None else month
    return f"{number:02d}" if width == 2 or not placeholder.strip() else str(number)


# A date shown as an example in a field's hint ("For example, 27/3/2027", "e.g. 2027-03-17", "For example: March 19
# 2027"): the field asks for a date written that way. The cue must come first, so a hint's other dates (a date of
# an opening, "available until 30/12/2026") are never taken for the spelling asked.
_EXAMPLE_CUE = re.compile(r"\b(?:for example|for instance|e\.\s?g\.?|such as|written like|like)[\s:,]*", re.IGNORECASE)
_NUMERIC_EXAMPLE = re.compile(r"^(\d{1,4})([/.\- ])(\d{1,2})\2(\d{1,4})\b")
_NAMED_EXAMPLE = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([^\W\d_]{3,})\.?|([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?),?\s+(\d{4})\b"
)


def _padded(tokens: Sequence[str]) -> bool:
    """Whether an example writes a day or month under 10 with its zero ("05"): yes unless it shows one without."""
    return not any(len(t) == 1 for t in tokens)


def _numeric_example(match: re.Match[str], date: dt.date) -> str | None:
    first, sep, middle, last = match[1], match[2], match[3], match[4]
    if len(first) == 4:  # year first: ISO order
        order, year_token = ("month", "day"), first
        day_month = (middle, last)
    elif len(last) in (2, 4):
        year_token = last
        a, b = int(first), int(middle)
        if a <= 12 and b <= 12 and a != b and date.day <= 12:
            return None  # "03/04/2027" says no order: guessing it would type another real date
        # The one over 12 is the day (the same number twice: either way). An example that says no order still
        # takes a day over 12 first: a page that wants the month first refuses it, never reads another date.
        order = ("month", "day") if b > 12 >= a else ("day", "month")
        day_month = (first, middle)
    else:
        return None
    pad = _padded(day_month)
    parts = {"day": date.day, "month": date.month}
    shown = [f"{parts[p]:02d}" if pad else str(parts[p]) for p in order]
    year = f"{date.year % 100:02d}" if len(year_token) == 2 else str(date.year)
    return sep.join([year, *shown] if len(first) == 4 else [*shown, year])


def _named_example(match: re.Match[str], date: dt.date) -> str | None:
    day_token = match[1] or match[4]
    month_word = match[2] or match[3]
    if _month_of(month_word) is None:
        return None
    month = calendar.month_name[date.month] if len(month_word.rstrip(".")) > 3 else calendar.month_abbr[date.month]
    month = month.upper() if month_word.isupper() else month
    day = f"{date.day:02d}" if len(day_token) == 2 and day_token.startswith("0") else str(date.day)
    if match[1]:
        return f"{day} {month} {date.year}"
    return f"{month} {day}{',' if ',' in match[0] else ''} {date.year}"


def example_spelling(value: str, hint: str) -> str | None:
    """The date ``value`` written the way the hint's example date is ("28/12/2026" for "For example, 17/3/2027"
    is "28/12/2026"; "5 1 2027" for "For example, 27 3 1985"); None when the value is no date or the hint shows
    no example."""
    date = parse_date(value)
    if date is None:
        return None
    for cue in _EXAMPLE_CUE.finditer(hint):
        rest = hint[cue.end():]
        numeric = _NUMERIC_EXAMPLE.match(rest)
        if numeric:
            return _numeric_example(numeric, date)
        named = _NAMED_EXAMPLE.match(rest)
        if named:
            return _named_example(named, date)
    return None


def month_year_spelling(value: str, hint: str) -> str | None:
    """A month and year as a field hinted "MM / YY" or "MM/YYYY" asks for them ("08/2028" -> "08 / 28")."""
    match = _MONTH_YEAR_HINT.search(hint)
    found = month_year(value)
    if not match or found is None or _FULL_DATE_HINT.search(hint):
        return None  # "DD/MM/YYYY" holds "MM/YYYY" but asks for a whole date
    year, month = found
    shown_year = f"{year % 100:02d}" if len(match[3]) == 2 else str(year)
    between = match.group(0)[len(match[1]):-len(match[3])]
    return f"{month:02d}{between}{shown_year}"


def mask_spelling(value: str, placeholder: str, prefixes: Sequence[str] = ()) -> str | None:
    """The value's digits laid into a mask placeholder ("(555) 555-0100", "#### #### #### ####"). A value with more
    digits than the mask holds fits only when the extra ones are a country code the value starts with ("+1 ...")
    or one shown beside the field (``prefixes``)."""
    if not _MASK.match(placeholder.strip()):
        return None
    slots = len(_SLOT.findall(placeholder))
    digits = re.sub(r"\D", "", value)
    if slots < 4 or not digits:
        return None
    if len(digits) > slots:
        extra = digits[: len(digits) - slots]
        codes = {re.sub(r"\D", "", p) for p in prefixes if re.sub(r"\D", "", p)}
        # A country code: written with "+", or as a group of its own ("1-767-..."), or the one shown by the field.
        apart = re.match(rf"^\s*\+?\(?{extra}\)?[\s.\-]", value) is not None
        if len(extra) > 3 or not (value.strip().startswith("+") or apart or extra in codes) or (
            codes and extra not in codes
        ):
            return None
        digits = digits[len(extra):]
    if len(digits) != slots:
        return None
    out, at = [], 0
    for char in placeholder.strip():
        if _SLOT.match(char):
            out.append(digits[at])
            at += 1
        else:
            out.append(char)
    return "".join(out)


def segment_spelling(value: str, widths: Sequence[int], position: int) -> str | None:
    """This box's share of a value split over a row of small boxes ("12-34-56" over 2-2-2 boxes: "34" for the
    second): only when the value's letters and digits fill the boxes exactly. Never a date: its parts go by
    day, month and year, in the order the boxes ask (part_spelling), not in the order the value is written."""
    chars = re.sub(r"[\W_]", "", value)
    if parse_date(value) is not None or len(widths) < 2 or not 0 <= position < len(widths) or len(chars) != sum(widths):
        return None
    start = sum(widths[:position])
    return chars[start:start + widths[position]]


def more_spellings(value: str, info: Mapping[str, object]) -> list[str]:
    """Spellings of ``value`` that a field's placeholder or hint asks for beyond a whole date's (see module doc)."""
    placeholder = str(info.get("placeholder", ""))
    hint = " ".join(str(info.get(k, "")) for k in ("placeholder", "hint"))
    segments = info.get("segments")
    found = [
        part_spelling(value, str(info.get("hint", "")), placeholder),
        month_year_spelling(value, hint),
        mask_spelling(value, placeholder, re.findall(r"\+\d{1,3}\b", str(info.get("hint", "")))),
        segment_spelling(value, segments["widths"], segments["position"]) if isinstance(segments, dict) else None,
    ]
    return [spelling for spelling in found if spelling and spelling != value]
