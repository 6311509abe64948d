"""Heuristic extraction: read data matching a JSON schema from labelled values and tables on the page.

Bounded for huge pages: the snapshot lists at most 500 rows per table; the rows of a chosen table are then read
in chunks (at most MAX_TABLE_ROWS), and shaping and validating them runs in a thread, off the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Page

from executor_service.agents.tables import best_table, best_value
from executor_service.browser.snapshot import (
    MAX_TABLE_ROWS,
    Snapshot,
    SnapshotElement,
    TableTooLarge,
    element_handle,
    fingerprint_of,
    read_table_rows,
)
from executor_service.runtime.schema_output import coerce, schema_errors
from services.gen.rote.v1 import trace_pb2

_SCALARS = {"string", "number", "integer", "boolean"}


@dataclass
class Extraction:
    """What was read, how each field was read, and what is still wrong with it (empty when it is valid)."""

    data: Any = None
    fields: list[trace_pb2.ExtractField] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Why the page could not be read at all (a table over the row limit); the block fails with it.
    refused: str = ""


def _kind(schema: dict[str, Any]) -> str:
    kind = schema.get("type", "")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "")
    return str(kind)


FullRows = Mapping[int, Sequence[Sequence[str]]]


def _rows(table: SnapshotElement, columns: dict[str, str], full: FullRows) -> list[dict[str, str]]:
    headers = [h.casefold() for h in table.headers]
    indexes = {prop: headers.index(header.casefold()) for prop, header in columns.items()}
    rows = full.get(table.index, table.rows)
    return [{prop: row[i] if i < len(row) else "" for prop, i in indexes.items()} for row in rows]


def _table_field(
    name: str, item_schema: dict[str, Any], snapshot: Snapshot, full: FullRows, goal: str
) -> tuple[Any, trace_pb2.ExtractField | None]:
    match = best_table(item_schema, snapshot.tables, goal)
    if match is None:
        return None, None
    table, columns = match
    extract_field = trace_pb2.ExtractField(name=name, element=fingerprint_of(table), columns=columns)
    return _rows(table, columns, full), extract_field


def _read(
    name: str, schema: dict[str, Any], snapshot: Snapshot, full: FullRows, goal: str
) -> tuple[Any, trace_pb2.ExtractField | None]:
    kind = _kind(schema)
    if kind == "array" and _kind(schema.get("items", {})) == "object":
        return _table_field(name, schema["items"], snapshot, full, goal)
    if kind in _SCALARS:
        element = best_value(name.rsplit(".", 1)[-1], schema, snapshot.values)
        if element is None:
            return None, None
        return element.value, trace_pb2.ExtractField(name=name, element=fingerprint_of(element))
    return None, None


def _chosen_tables(snapshot: Snapshot, schema: dict[str, Any], goal: str) -> list[SnapshotElement]:
    """The tables extract() reads for the schema's lists of objects."""
    if _kind(schema) == "object":
        subs = list(schema.get("properties", {}).values())
    else:
        subs = [schema]
    chosen = []
    for sub in subs:
        if isinstance(sub, dict) and _kind(sub) == "array" and _kind(sub.get("items", {})) == "object":
            match = best_table(sub["items"], snapshot.tables, goal)
            if match is not None:
                chosen.append(match[0])
    return chosen


def _wants_rows(schema: dict[str, Any]) -> bool:
    """Whether the schema asks for a list of objects (at its top or one level down)."""
    subs = list(schema.get("properties", {}).values()) if _kind(schema) == "object" else [schema]
    return any(isinstance(sub, dict) and _kind(sub) == "array" and _kind(sub.get("items", {})) == "object"
               for sub in subs)


async def full_rows(page: Page, tables: Sequence[SnapshotElement]) -> dict[int, Sequence[Sequence[str]]]:
    """Every row of each table the snapshot listed only in part, by element index, read in chunks;
    a table over MAX_TABLE_ROWS (or one gone from the page) is a TableTooLarge with the reason."""
    full: dict[int, Sequence[Sequence[str]]] = {}
    for table in tables:
        if table.row_count <= len(table.rows) or table.index in full:
            continue
        if table.row_count > MAX_TABLE_ROWS:
            rows, limit = table.row_count, MAX_TABLE_ROWS
            raise TableTooLarge(f"the table has {rows} rows, more than {limit} (the most one extraction reads)")
        handle = await element_handle(page, table)
        if handle is None:
            raise TableTooLarge("the page changed while its table was being read")
        try:
            _, full[table.index] = await read_table_rows(handle)
        finally:
            await handle.dispose()
    return full


async def extract_from_page(page: Page, snapshot: Snapshot, schema: dict[str, Any], goal: str = "") -> Extraction:
    """extract(), with every row of the chosen tables read from the page in chunks, and the shaping and
    validation of the data in a thread."""
    chosen = _chosen_tables(snapshot, schema, goal)
    oversized = [t for t in snapshot.tables if t.row_count > MAX_TABLE_ROWS]
    if not chosen and oversized and _wants_rows(schema):
        # Rows are asked for and the one big table was not matched on the sample the snapshot holds: say why,
        # rather than return nothing as if the page had no such rows.
        chosen = oversized[:1]
    try:
        full = await full_rows(page, chosen)
    except TableTooLarge as exc:
        return Extraction(refused=str(exc))
    return await asyncio.to_thread(extract, snapshot, schema, full, goal)


def extract(snapshot: Snapshot, schema: dict[str, Any], full: FullRows | None = None, goal: str = "") -> Extraction:
    """Match each schema property to a table (lists of objects) or a labelled value (scalars), then validate.
    ``full`` holds every row of tables whose snapshot listed only the first ones, by element index; ``goal`` is
    the block's."""
    full = full or {}
    result = Extraction()
    if _kind(schema) == "object":
        data: dict[str, Any] = {}
        for name, sub in schema.get("properties", {}).items():
            value, how = _read(name, sub, snapshot, full, goal)
            if how is not None:
                data[name] = value
                result.fields.append(how)
        raw: Any = data
    else:
        raw, how = _read("", schema, snapshot, full, goal)
        if how is not None:
            result.fields.append(how)
    result.data = coerce(raw, schema)
    result.errors = schema_errors(result.data, schema)
    return result
