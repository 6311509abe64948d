"""Which rows of a table an extraction's goal asks for (dates within the bounds it states, a category it names),
and dates in the spelling the schema asks: the same for the agent's reading and replayed code's."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from executor_service.browser.value_formats import parse_date

_CODE = re.compile(r"^[A-Za-z0-9#][A-Za-z0-9#\-_/.]*\d[A-Za-z0-9\-_/.]*$")
_AMOUNT = re.compile(r"^(?:[€$£¥]|[A-Z]{3} )?\s?[-+]?[\d,. ]*\d(?:\s?(?:[€$£¥%]|[A-Z]{3}))?$")


def column_shape(cells: Sequence[str]) -> str:
    """What a column holds: 'date', 'number', 'code' (unique identifiers), 'text' or '' (empty)."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return ""
    if all(parse_date(c) is not None for c in filled):
        return "date"
    if all(_AMOUNT.match(c) for c in filled):
        return "number"
    if all(_CODE.match(c) for c in filled) and len(set(filled)) == len(filled):
        return "code"
    return "text"


_COMPARISONS = (
    (re.compile(r"\b(?:on or after|since|from|starting|no earlier than)\s+$", re.I), ">="),
    (re.compile(r"\b(?:on or before|until|up to|through|no later than)\s+$", re.I), "<="),
    (re.compile(r"\bafter\s+$", re.I), ">"),
    (re.compile(r"\bbefore\s+$", re.I), "<"),
)
_GOAL_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"
)


def _closeness(words: str, header: str) -> float:
    a, b = (re.sub(r"[^a-z0-9]+", " ", s.casefold()).strip() for s in (words, header))
    return max(fuzz.ratio(a, b), 0.9 * fuzz.token_set_ratio(a, b)) if a and b else 0.0


def date_bounds(goal: str) -> list[tuple[str, str, dt.date]]:
    """(words before, comparison, date) for every "on or after 2026-03-01" the goal states."""
    found = []
    for match in _GOAL_DATE.finditer(goal):
        day = parse_date(match.group(0))
        before = goal[: match.start()]
        for pattern, op in _COMPARISONS:
            if day is not None and pattern.search(before):
                found.append((before[-60:], op, day))
                break
    return found


def _holds(op: str, value: dt.date, bound: dt.date) -> bool:
    return {">=": value >= bound, "<=": value <= bound, ">": value > bound, "<": value < bound}[op]


def filter_rows(goal: str, headers: Sequence[str], rows: list[list[str]]) -> list[list[str]]:
    """Only the rows the goal asks for: dates within the bounds it states (on the date column its words name, or
    the only one), and a value it names of a column of repeated values (a status, a category)."""
    columns = list(zip(*rows, strict=False)) if rows else []
    shapes = [column_shape(list(c)) for c in columns]
    kept = rows
    dated = [i for i, shape in enumerate(shapes) if shape == "date"]
    for words, op, bound in date_bounds(goal):
        if not dated:
            break
        at = max(dated, key=lambda i: (_closeness(words[-30:], headers[i]) if i < len(headers) else 0.0, -i))
        kept = [r for r in kept if (d := parse_date(r[at])) is not None and _holds(op, d, bound)]
    lowered = f" {re.sub(r'[^a-z0-9]+', ' ', goal.casefold())} "
    for i, column in enumerate(columns):
        distinct = {c.strip().casefold() for c in column if c.strip()}
        if shapes[i] != "text" or len(distinct) < 2 or len(distinct) == len(column):
            continue  # only a column of repeated values is a category a goal may name
        named = {v for v in distinct if len(v) >= 3 and f" {re.sub(r'[^a-z0-9]+', ' ', v).strip()} " in lowered}
        if named and len(named) < len(distinct):
            kept = [r for r in kept if i < len(r) and r[i].strip().casefold() in named]
    return kept


def as_dates(value: Any, schema: Mapping[str, Any]) -> Any:
    """Strings of properties the schema asks as dates ("format": "date", "YYYY-MM-DD"), in ISO spelling."""
    if isinstance(value, list):
        return [as_dates(v, schema.get("items", {})) for v in value]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: as_dates(v, props.get(k, {})) for k, v in value.items()}
    wants = schema.get("format") == "date" or "yyyy-mm-dd" in str(schema.get("description", "")).casefold()
    if wants and isinstance(value, str) and (day := parse_date(value)) is not None:
        return day.isoformat()
    return value
