"""Heuristic extraction: read data matching a JSON schema from labelled values and tables on the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from executor_service.agents.matching import best_table, best_value
from executor_service.browser.snapshot import Snapshot, SnapshotElement, fingerprint_of
from executor_service.runtime.schema_output import coerce, schema_errors
from services.gen.rote.v1 import trace_pb2

_SCALARS = {"string", "number", "integer", "boolean"}


@dataclass
class Extraction:
    """What was read, how each field was read, and what is still wrong with it (empty when it is valid)."""

    data: Any = None
    fields: list[trace_pb2.ExtractField] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _kind(schema: dict[str, Any]) -> str:
    kind = schema.get("type", "")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "")
    return str(kind)


def _rows(table: SnapshotElement, columns: dict[str, str]) -> list[dict[str, str]]:
    headers = [h.casefold() for h in table.headers]
    indexes = {prop: headers.index(header.casefold()) for prop, header in columns.items()}
    return [{prop: row[i] if i < len(row) else "" for prop, i in indexes.items()} for row in table.rows]


def _table_field(
    name: str, item_schema: dict[str, Any], snapshot: Snapshot
) -> tuple[Any, trace_pb2.ExtractField | None]:
    match = best_table(item_schema, snapshot.tables)
    if match is None:
        return None, None
    table, columns = match
    extract_field = trace_pb2.ExtractField(name=name, element=fingerprint_of(table), columns=columns)
    return _rows(table, columns), extract_field


def _read(name: str, schema: dict[str, Any], snapshot: Snapshot) -> tuple[Any, trace_pb2.ExtractField | None]:
    kind = _kind(schema)
    if kind == "array" and _kind(schema.get("items", {})) == "object":
        return _table_field(name, schema["items"], snapshot)
    if kind in _SCALARS:
        element = best_value(name.rsplit(".", 1)[-1], schema, snapshot.values)
        if element is None:
            return None, None
        return element.value, trace_pb2.ExtractField(name=name, element=fingerprint_of(element))
    return None, None


def extract(snapshot: Snapshot, schema: dict[str, Any]) -> Extraction:
    """Match each schema property to a table (lists of objects) or a labelled value (scalars), then validate."""
    result = Extraction()
    if _kind(schema) == "object":
        data: dict[str, Any] = {}
        for name, sub in schema.get("properties", {}).items():
            value, how = _read(name, sub, snapshot)
            if how is not None:
                data[name] = value
                result.fields.append(how)
        raw: Any = data
    else:
        raw, how = _read("", schema, snapshot)
        if how is not None:
            result.fields.append(how)
    result.data = coerce(raw, schema)
    result.errors = schema_errors(result.data, schema)
    return result
