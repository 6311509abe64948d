"""Pure fuzzy matching used by the heuristic agent: payload keys to fields, goals to controls, schemas to tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from executor_service.browser.snapshot import SelectOption, SnapshotElement
from services.gen.rote.v1 import trace_pb2

FIELD_THRESHOLD = 70.0
CONTROL_THRESHOLD = 55.0
COLUMN_THRESHOLD = 70.0
LOCATE_THRESHOLD = 75.0

_TRUE = {"true", "yes", "y", "1", "on", "checked", "x"}
_FALSE = {"false", "no", "n", "0", "off", "unchecked", "none", ""}
_LOGIN_WORDS = re.compile(r"\b(sign in|signin|log in|login|continue|next)\b")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y")


def normalise(text: str) -> str:
    """Lower-case words: camelCase and snake_case split, punctuation dropped ("startDate" -> "start date")."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text or "")
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.casefold().split())


def similarity(a: str, b: str) -> float:
    """0..100: how much two names mean the same thing (word order and extra words cost a little)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    if na.replace(" ", "") == nb.replace(" ", ""):
        return 98.0
    return max(fuzz.ratio(na, nb), 0.9 * fuzz.token_set_ratio(na, nb))


def truthy(value: str) -> bool | None:
    """True/False for the usual spellings of a boolean, None when the value is not one."""
    lowered = value.strip().casefold()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def iso_date(value: str) -> str | None:
    """The value as YYYY-MM-DD (what date inputs accept), or None when it is not a recognisable date."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def best_option(value: str, options: Sequence[SelectOption]) -> SelectOption | None:
    """The option ``value`` names: exactly by value or text first, then case-insensitively, then fuzzily."""
    real = [o for o in options if o.value or o.text]
    for matches in (
        lambda o: value in (o.value, o.text),
        lambda o: value.casefold() in (o.value.casefold(), o.text.casefold()),
    ):
        found = [o for o in real if matches(o)]
        if found:
            return found[0]
    scored = [(max(similarity(value, o.text), similarity(value, o.value)), o) for o in real if o.value]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored[0][1] if scored and scored[0][0] >= FIELD_THRESHOLD else None


def _names(element: SnapshotElement) -> list[tuple[str, float]]:
    # (name, weight): human-facing names count fully; ids and form names a little less.
    return [
        *((label, 1.0) for label in element.labels),
        (element.name, 1.0),
        (element.placeholder, 0.9),
        (element.attr_name, 0.95),
        (element.id, 0.9),
    ]


def field_score(key: str, value: str, element: SnapshotElement) -> float:
    """How well a payload key (and its value) fits a form field."""
    if element.kind != "control" or element.disabled or element.is_clickable or element.type in ("hidden", "file"):
        return 0.0
    score = max((similarity(key, name) * weight for name, weight in _names(element) if name), default=0.0)
    is_toggle = element.type in ("checkbox", "radio") or element.role in ("checkbox", "radio", "switch")
    if is_toggle and truthy(value) is None:
        score *= 0.5
    if element.tag == "select" and element.options and best_option(value, element.options) is None:
        score *= 0.6
    if element.type == "date" and iso_date(value) is None:
        score *= 0.6
    return score


def assign_fields(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> list[tuple[str, SnapshotElement]]:
    """Best one-to-one pairing of payload keys with fields, strongest matches first, in page order."""
    candidates = list(elements)
    pairs = [
        (field_score(key, value, element), key, element) for key, value in payload.items() for element in candidates
    ]
    pairs.sort(key=lambda p: (-p[0], p[2].index))
    used_keys: set[str] = set()
    used_elements: set[int] = set()
    chosen: list[tuple[str, SnapshotElement]] = []
    for score, key, element in pairs:
        if score < threshold or key in used_keys or element.index in used_elements:
            continue
        used_keys.add(key)
        used_elements.add(element.index)
        chosen.append((key, element))
    return sorted(chosen, key=lambda pair: pair[1].index)


def assign_radio_groups(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> list[tuple[str, SnapshotElement]]:
    """(key, radio) for payload keys that name a radio group: the option whose label or value is the value."""
    groups: dict[str, list[SnapshotElement]] = {}
    for element in elements:
        if element.type == "radio" and element.attr_name and not element.disabled:
            groups.setdefault(element.attr_name, []).append(element)
    chosen: list[tuple[str, SnapshotElement]] = []
    for key, value in payload.items():
        group = max(groups.items(), key=lambda item: similarity(key, item[0]), default=None)
        if group is None or similarity(key, group[0]) < threshold:
            continue
        scored = [
            (max(similarity(value, name) for name in (r.label, r.value, r.text, r.name) if name) if
             any((r.label, r.value, r.text, r.name)) else 0.0, r)
            for r in group[1]
        ]
        best = max(scored, key=lambda pair: (pair[0], -pair[1].index))
        if best[0] >= threshold:
            chosen.append((key, best[1]))
            del groups[group[0]]
    return chosen


def control_score(goal: str, element: SnapshotElement, *, login: bool = False, forms: set[int] | None = None) -> float:
    """How well a button or link fits the block's goal; submit buttons of the forms just filled are preferred."""
    if element.kind != "control" or element.disabled or not element.is_clickable:
        return 0.0
    name = element.name or element.text
    if not name:
        return 0.0
    score = float(fuzz.token_set_ratio(normalise(goal), normalise(name)))
    if element.submits:
        score += 15
    if forms and element.form in forms:
        score += 15
    if login and _LOGIN_WORDS.search(normalise(name)):
        score += 20
    if element.tag == "a" and not element.submits:
        score -= 10
    return score


def choose_control(
    goal: str,
    elements: Iterable[SnapshotElement],
    *,
    login: bool = False,
    forms: set[int] | None = None,
    threshold: float = CONTROL_THRESHOLD,
) -> SnapshotElement | None:
    """The control to click for ``goal``, or None when nothing fits well enough."""
    scored = [(control_score(goal, e, login=login, forms=forms), e) for e in elements]
    scored = [pair for pair in scored if pair[0] >= threshold]
    if not scored:
        return None
    return max(scored, key=lambda pair: (pair[0], -pair[1].index))[1]


def _property_names(name: str, schema: Mapping[str, Any]) -> list[str]:
    return [n for n in (name, str(schema.get("title", "")), str(schema.get("description", ""))) if n]


def column_mapping(
    item_properties: Mapping[str, Mapping[str, Any]], headers: Sequence[str], threshold: float = COLUMN_THRESHOLD
) -> tuple[float, dict[str, str]]:
    """(mean score, property -> header) for a table; each header serves one property."""
    mapping: dict[str, str] = {}
    total = 0.0
    for prop, schema in item_properties.items():
        best = max(
            (
                (max(similarity(n, h) for n in _property_names(prop, schema)), h)
                for h in headers
                if h not in mapping.values()
            ),
            default=(0.0, ""),
        )
        if best[0] >= threshold:
            mapping[prop] = best[1]
            total += best[0]
    return (total / len(item_properties) if item_properties else 0.0), mapping


def best_table(
    item_schema: Mapping[str, Any], tables: Iterable[SnapshotElement]
) -> tuple[SnapshotElement, dict[str, str]] | None:
    """The table whose headers cover the item schema's required properties best, with its column mapping."""
    properties = item_schema.get("properties", {})
    required = set(item_schema.get("required", properties))
    best: tuple[float, SnapshotElement, dict[str, str]] | None = None
    for table in tables:
        score, mapping = column_mapping(properties, table.headers)
        if not mapping or not required <= set(mapping):
            continue
        if best is None or score > best[0]:
            best = (score, table, mapping)
    return (best[1], best[2]) if best else None


def best_value(
    prop: str, schema: Mapping[str, Any], values: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> SnapshotElement | None:
    """The labelled value on the page that a scalar schema property names."""
    names = _property_names(prop, schema)
    scored = [
        (max(similarity(n, label) for n in names for label in (*v.labels, v.name, v.id) if label), v)
        for v in values
        if v.labels or v.name or v.id
    ]
    scored = [pair for pair in scored if pair[0] >= threshold]
    return max(scored, key=lambda pair: (pair[0], -pair[1].index))[1] if scored else None


def locate_score(intent: str, fingerprint: trace_pb2.ElementFingerprint, element: SnapshotElement) -> float:
    """How likely ``element`` is the one a recorded action touched, from its fingerprint and intent."""
    attrs = fingerprint.attributes
    pairs = [
        (fingerprint.label, [*element.labels, element.name]),
        (fingerprint.accessible_name, [element.name, *element.labels, element.text]),
        (fingerprint.text, [element.text, element.name]),
        (attrs.get("placeholder", ""), [element.placeholder]),
        (attrs.get("name", ""), [element.attr_name]),
        (attrs.get("id", ""), [element.id]),
    ]
    evidence = max((similarity(want, have) for want, haves in pairs if want for have in haves if have), default=0.0)
    described = [*element.labels, element.name, element.text, element.placeholder]
    by_intent = max((fuzz.token_set_ratio(normalise(intent), normalise(d)) for d in described if d), default=0.0)
    score = max(evidence, 0.8 * by_intent)
    if fingerprint.role and element.role and fingerprint.role != element.role:
        score *= 0.6
    if fingerprint.tag and element.tag and fingerprint.tag != element.tag:
        score *= 0.85
    want_type = attrs.get("type", "")
    if want_type and element.type and want_type != element.type:
        score *= 0.8
    return score
