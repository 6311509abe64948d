"""Pure matching of extraction schemas to the page: properties to table columns and to labelled values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from executor_service.agents.matching import FIELD_THRESHOLD, concept_score, normalise, similarity
from executor_service.browser.card_lists import is_unnamed
from executor_service.browser.row_filters import column_shape
from executor_service.browser.snapshot import SnapshotElement
from executor_service.browser.whole_words import whole_words

COLUMN_THRESHOLD = 70.0


def _property_names(name: str, schema: Mapping[str, Any]) -> list[str]:
    return [n for n in (name, str(schema.get("title", "")), str(schema.get("description", ""))) if n]


def _name_score(prop: str, schema: Mapping[str, Any], header: str) -> float:
    # A description is a sentence: a header sharing one of its words fits less surely than one naming the property.
    own = [n for n in (prop, str(schema.get("title", ""))) if n]
    described = str(schema.get("description", ""))
    score = max((max(similarity(n, header), concept_score(n, header)) for n in own), default=0.0)
    return max(score, 0.85 * similarity(described, header)) if described else score


def _kind(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type", "")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "")
    return str(kind)


_CODE_NAME = re.compile(r"\b(id|number|no|ref|reference|code|key|sku)$")


def property_shape(prop: str, schema: Mapping[str, Any]) -> str:
    """The column shape a schema property asks for (see column_shape)."""
    kind = _kind(schema)
    if kind in ("number", "integer"):
        return "number"
    described = " ".join((str(schema.get("format", "")), str(schema.get("description", "")))).casefold()
    if "date" in described or "yyyy" in described:
        return "date"
    if kind == "string" and _CODE_NAME.search(normalise(prop)):
        return "code"
    return "text" if kind in ("string", "") else ""


def _compatible(wanted: str, shown: str) -> bool:
    """Whether a column showing ``shown`` can hold a property asking ``wanted`` (unknown shapes always can)."""
    if not wanted or not shown:
        return True
    # A plain string asks for no shape: a date, an amount or an identifier is text too, read as shown.
    return wanted in (shown, "text") or {wanted, shown} <= {"text", "code"}


def column_mapping(
    item_properties: Mapping[str, Mapping[str, Any]],
    headers: Sequence[str],
    threshold: float = COLUMN_THRESHOLD,
    rows: Sequence[Sequence[str]] = (),
    goal: str = "",
) -> tuple[float, dict[str, str]]:
    """(mean score, property -> header) for a table; each header serves one property. Names decide first (best
    pairs first); then a property still without a column takes the one column left whose content has its shape
    (a date, an amount, identifiers, text), when exactly one such column and one such property are left (of a
    list's unnamed texts, only those that tell its items apart count: see _tells_rows_apart)."""
    scored = sorted(
        (
            (_name_score(prop, schema, h), i, prop, h)
            for i, (prop, schema) in enumerate(item_properties.items())
            for h in headers
            if h
        ),
        key=lambda t: (-t[0], t[1]),
    )
    mapping: dict[str, str] = {}
    total = 0.0
    shapes = {h: column_shape([r[i] if i < len(r) else "" for r in rows]) for i, h in enumerate(headers) if h}
    for score, _, prop, header in scored:
        if not _compatible(property_shape(prop, item_properties[prop]), shapes.get(header, "")):
            continue  # "Order date" is not the order's id, whatever the words share
        if score >= threshold and prop not in mapping and header not in mapping.values():
            mapping[prop] = header
            total += score
    if rows:
        left_props = {p: property_shape(p, s) for p, s in item_properties.items() if p not in mapping}
        left_cols = {h: shape for h, shape in shapes.items() if h not in mapping.values()}
        for prop, want in left_props.items():
            props_like = [p for p, shape in left_props.items() if shape == want]
            cols_like = [h for h, shape in left_cols.items() if shape == want]
            # A list's text the page names nowhere stands for a property only if it tells the items apart; of
            # several columns left, only such texts (a named column the property's name did not fit is no guess).
            cols_like = [h for h in cols_like if not is_unnamed(h) or _tells_rows_apart(rows, headers.index(h), goal)]
            if len(cols_like) > 1:
                cols_like = [h for h in cols_like if is_unnamed(h)]
            if want and len(props_like) == 1 and len(cols_like) == 1:
                mapping[prop] = cols_like[0]
                total += threshold
    return (total / len(item_properties) if item_properties else 0.0), mapping


def _tells_rows_apart(rows: Sequence[Sequence[str]], column: int, goal: str) -> bool:
    """Whether a column says something of each row the goal does not: every row fills it, not all alike (of two
    rows or more), and the goal names none of its values. Not a status badge some items carry, nor the unit a list
    was filtered by (the same on every item), nor the category the goal picks rows by ("everyone in the Design
    unit")."""
    cells = [row[column].strip() if column < len(row) else "" for row in rows]
    if not all(cells) or (len(cells) > 1 and len(set(cells)) < 2):
        return False
    return not any(whole_words(cell).search(goal) for cell in set(cells)) if goal else True


def best_table(
    item_schema: Mapping[str, Any], tables: Iterable[SnapshotElement], goal: str = ""
) -> tuple[SnapshotElement, dict[str, str]] | None:
    """The table whose headers cover the item schema's required properties best, with its column mapping (``goal``:
    the block's, whose named values are no item's own)."""
    properties = item_schema.get("properties", {})
    required = set(item_schema.get("required", properties))
    best: tuple[float, SnapshotElement, dict[str, str]] | None = None
    for table in tables:
        score, mapping = column_mapping(properties, table.headers, rows=table.rows, goal=goal)
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


