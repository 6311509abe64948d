"""Dates split over several fields (day / month / year selects or inputs) and the payload keys that fill them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from executor_service.agents.matching import FIELD_THRESHOLD, concept_score, is_field, similarity
from executor_service.browser.snapshot import SnapshotElement
from executor_service.browser.value_formats import PART_WORDS, date_part, month_year, parse_date

# What a value and a group of part fields say on their own: a date and a day/month/year group fit each other.
SHAPE_SCORE = 74.0
_PART_WORD = re.compile(r"\b(day|month|year|dd|mm|yyyy|yy)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateGroup:
    """Fields that each take one part of one date, in page order, and what the group is called."""

    parts: tuple[tuple[str, SnapshotElement], ...]  # (day | month | year, field)
    names: tuple[str, ...]

    @property
    def has_day(self) -> bool:
        return any(part == "day" for part, _ in self.parts)

    @property
    def indexes(self) -> set[int]:
        return {element.index for _, element in self.parts}


def _input_part(element: SnapshotElement) -> str:
    """day / month / year for a short text field named only by that part ("Day", "MM", "YYYY")."""
    if element.tag != "input" or element.type not in ("text", "number", "tel", ""):
        return ""
    words = [element.placeholder, *element.labels, element.name, element.attr_name, element.id]
    found = set()
    for text in words:
        tokens = [t for t in re.split(r"[\W_]+", text or "") if t]
        found |= {part for part, pattern in PART_WORDS.items() for t in tokens if pattern.match(t)}
    return found.pop() if len(found) == 1 else ""


def part_of(element: SnapshotElement) -> str:
    """Which part of a date a field takes ('' when it is not such a field)."""
    if not is_field(element):
        return ""
    if element.tag == "select":
        return date_part([(o.value, o.text) for o in element.options])
    return _input_part(element)


def _group_names(members: list[SnapshotElement]) -> tuple[str, ...]:
    names: list[str] = []
    for member in members:
        for text in (*member.context, *member.labels, member.name, member.attr_name):
            stripped = _PART_WORD.sub(" ", text or "").strip(" -_:/")
            if stripped and stripped not in names:
                names.append(stripped)
    return tuple(names)


def date_groups(elements: Iterable[SnapshotElement]) -> list[DateGroup]:
    """Runs of fields of one form, next to each other, each taking a different part of a date; a group needs a
    month and a year (and has a day unless it is a month of a year, like a card's expiry)."""
    groups: list[DateGroup] = []
    run: list[tuple[str, SnapshotElement]] = []

    def close() -> None:
        parts = {part for part, _ in run}
        if {"month", "year"} <= parts:
            groups.append(DateGroup(tuple(run), _group_names([e for _, e in run])))
        run.clear()

    for element in elements:
        part = part_of(element)
        if not part:
            if is_field(element):
                close()
            continue
        if run and (part in {p for p, _ in run} or run[-1][1].form != element.form):
            close()
        run.append((part, element))
    close()
    return groups


def _fits(value: str, group: DateGroup) -> bool:
    return parse_date(value) is not None if group.has_day else month_year(value) is not None


def group_score(key: str, value: str, group: DateGroup) -> float:
    """How well a payload key and its value fit a date group: its name (legend, shared caption) or, failing
    that, the shape alone (a date and a day/month/year group)."""
    if not _fits(value, group):
        return 0.0
    by_name = max((max(similarity(key, n), concept_score(key, n)) for n in group.names), default=0.0)
    return max(by_name, SHAPE_SCORE)


def assign_date_groups(
    payload: Mapping[str, str], groups: list[DateGroup], best_field: Mapping[str, float]
) -> list[tuple[str, DateGroup]]:
    """(key, group) for date keys whose group fits better than any single field does (``best_field``: each key's
    best single-field score), each key one group and each group one key, best pairs first."""
    scored = sorted(
        ((group_score(key, value, group), i, key) for key, value in payload.items() for i, group in enumerate(groups)),
        key=lambda t: (-t[0], t[1]),
    )
    used_keys: set[str] = set()
    used_groups: set[int] = set()
    chosen: list[tuple[str, DateGroup]] = []
    for score, i, key in scored:
        if score < FIELD_THRESHOLD or key in used_keys or i in used_groups or score < best_field.get(key, 0.0):
            continue
        used_keys.add(key)
        used_groups.add(i)
        chosen.append((key, groups[i]))
    return chosen
