"""Numbers chosen by band: the one option of a list of ranges ("Up to 5,000 miles", "5,001 to 7,000 miles",
"65+") that holds a number a run gives ("4,500"), as a person picks it."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

# A number as forms write it: "4500", "4,500", "1,250.50", "3.5" (a comma before three digits groups thousands).
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_IN_TEXT = re.compile(rf"(?<![\w.,])(?:{_NUMBER})(?![\d,]*\d)")
# A value that is one number: a currency sign before it and one unit word after it at most ("£18,250", "32 years").
_ONE_NUMBER = re.compile(rf"^\s*(?P<sign>[£$€¥]?)\s*(?P<n>{_NUMBER})\s*(?P<unit>[^\W\d_]+\.?|%)?\s*$")

_BELOW = r"(?:up to|under|below|less than|fewer than|at most|not more than|no more than|max(?:imum)?|<=?|≤)"
_ABOVE = r"(?:more than|over|above|greater than|at least|from|min(?:imum)?|>=?|≥)"
_STRICT = ("under", "below", "less than", "fewer than", "<", "more than", "over", "above", "greater than", ">")


def number_of(text: str) -> float | None:
    """The number a value is ("4,500", "£18,250", "32 years"), or None when it is not one number."""
    match = _ONE_NUMBER.match(text)
    return _parse(match["n"]) if match else None


# Units a field's label may name ("Weight (kg)", "Term in months"): a value in another of them is another number.
_UNITS = frozenset(
    "kg g lb lbs pound pounds stone km mile miles mi m cm mm ft feet foot inch inches year years month months week "
    "weeks day days night nights hour hours minute minutes mins litre litres liter liters l ml gallon gallons kwh "
    "%".split()
)


def number_text(text: str, hint: str = "") -> str | None:
    """The number a value is as a number field takes it ("72.5 kg" -> "72.5", "£1,250" -> "1250"), else None; never
    when the field's ``hint`` (its label) names a unit and not the value's ("160 lbs" for "Weight (kg)")."""
    match = _ONE_NUMBER.match(text)
    if not match:
        return None
    unit = (match["unit"] or "").casefold().rstrip(".")
    named = {w for w in re.findall(r"[^\W\d_]+|%", hint.casefold()) if w in _UNITS}
    if unit and named and unit not in named and unit.rstrip("s") not in {n.rstrip("s") for n in named}:
        return None
    return match["n"].replace(",", "")


def _parse(text: str) -> float:
    return float(text.replace(",", ""))


def band(text: str) -> tuple[float, float, bool, bool] | None:
    """(low, high, low included, high included) of an option that names a range of numbers, else None: "5,001 to
    7,000 miles", "18-24", "Up to 5,000", "Under 25", "65+", "50 or more", "More than 15,000 miles". An option
    naming one number ("2 nights") is no band."""
    lowered = text.casefold()
    found = [(m.start(), m.end(), _parse(m.group(0))) for m in _NUMBER_IN_TEXT.finditer(lowered)]
    if len(found) == 2:
        (_, end_a, a), (start_b, _, b) = found
        if a <= b and re.fullmatch(r"\s*(?:[a-z]+\s+)?(?:to|-|–|—|and|until)\s*[£$€¥]?\s*", lowered[end_a:start_b]):
            return a, b, True, True
        return None
    if len(found) != 1:
        return None
    start, end, n = found[0]
    before, after = lowered[:start].rstrip(" £$€¥"), lowered[end:].strip()
    after = re.sub(r"^[^\W\d_]+\s+(?=or |and |plus\b)", "", after)  # "9 years or more": the unit before the bound
    if re.search(rf"{_BELOW}$", before):
        return -math.inf, n, False, not any(before.endswith(w) for w in _STRICT)
    if re.search(rf"{_ABOVE}$", before):
        return n, math.inf, not any(before.endswith(w) for w in _STRICT), False
    if re.match(r"(?:\+|or more|and more|and over|and above|or over|or above|plus)\b|\+", after):
        return n, math.inf, True, False
    if re.match(r"(?:or less|or fewer|or under|and under|and below|or below)\b", after):
        return -math.inf, n, False, True
    return None


def _holds(span: tuple[float, float, bool, bool], n: float) -> bool:
    low, high, low_in, high_in = span
    return (low < n or (low_in and low == n)) and (n < high or (high_in and high == n))


def _span_for(match: re.Match[str], text: str) -> tuple[float, float, bool, bool] | None:
    # A sum of money is never in a band of miles, nor 32 years in one of kilograms: a currency sign or a unit the
    # value carries must be in the band's text too (a bare number may be in any band).
    sign, unit = match["sign"], (match["unit"] or "").casefold().rstrip(".")
    if (sign and sign not in text) or (unit and unit[:5] not in text.casefold()):
        return None
    return band(text)


def in_band(value: str, text: str) -> bool:
    """Whether ``text`` is a range of numbers that holds the number ``value`` is ("4,500" / "Up to 5,000 miles")."""
    match = _ONE_NUMBER.match(value)
    span = _span_for(match, text) if match else None
    return span is not None and _holds(span, _parse(match["n"]))  # type: ignore[index]


def band_holding(value: str, texts: Sequence[str]) -> int | None:
    """The index of the one text among ``texts`` whose band holds the number ``value`` is, when two texts or more
    are bands (a list of ranges) and exactly one holds it; None otherwise (no number, no list of bands, a number
    on two overlapping bands or on none)."""
    match = _ONE_NUMBER.match(value)
    if match is None:
        return None
    n = _parse(match["n"])
    spans = [_span_for(match, text) for text in texts]
    if not any(spans):
        return None
    # A list of single numbers closed by a range ("0", "1", … "8", "9+") is a list of bands too: each number holds
    # itself, so "11" is the open range's.
    spans = [span or _point(match, text) for span, text in zip(spans, texts, strict=True)]
    if sum(span is not None for span in spans) < 2:
        return None
    holding = [i for i, span in enumerate(spans) if span is not None and _holds(span, n)]
    return holding[0] if len(holding) == 1 else None


def _point(match: re.Match[str], text: str) -> tuple[float, float, bool, bool] | None:
    """An option naming one number ("8", "2 years") as the band holding only that number, when the value's sign or
    unit fits it (see _span_for)."""
    sign, unit = match["sign"], (match["unit"] or "").casefold().rstrip(".")
    one = _ONE_NUMBER.match(text)
    if one is None or (sign and sign not in text) or (unit and unit[:5] not in text.casefold()):
        return None
    n = _parse(one["n"])
    return n, n, True, True


def numbers_clash(value: str, name: str) -> bool:
    """Whether a value and an option's name both hold numbers and the name lacks one of the value's: "£35" is not
    "£350", "£1,000" not "£100", "Room 12" not "Room 21", however alike their letters. A name without numbers
    never clashes ("Two adults")."""
    mine = {_parse(m.group(0)) for m in _NUMBER_IN_TEXT.finditer(value)}
    theirs = {_parse(m.group(0)) for m in _NUMBER_IN_TEXT.finditer(name)}
    return bool(mine) and bool(theirs) and not mine <= theirs
