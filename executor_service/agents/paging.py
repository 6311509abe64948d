"""Reading a whole table for an extraction: every page of a paginated table, only the rows the goal asks for
(a status it names, dates on or after a day), dates in the spelling the schema asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from playwright.async_api import ElementHandle

from executor_service.agents.acting import Actor
from executor_service.agents.base import AgentTask
from executor_service.agents.extraction import Extraction
from executor_service.agents.tables import best_table
from executor_service.browser.row_filters import as_dates, filter_rows
from executor_service.browser.snapshot import read_table_rows, take_snapshot
from executor_service.browser.table_pages import MAX_PAGES, new_rows, table_by_columns, turn_page
from executor_service.runtime.schema_output import coerce, schema_errors


@dataclass
class Paged:
    """The whole output (None: keep the first page's), the page turns it took, why it failed ('' when it did not)."""

    data: Any = None
    steps: int = 0
    reason: str = ""


def _table_properties(schema: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Properties of an object schema that are lists of objects (read from tables)."""
    out: dict[str, dict[str, Any]] = {}
    for name, sub in schema.get("properties", {}).items() if schema.get("type") == "object" else ():
        items = sub.get("items", {}) if isinstance(sub, dict) else {}
        if sub.get("type") == "array" and isinstance(items, dict) and items.get("type") == "object":
            out[name] = items
    return out


async def extract_all_pages(actor: Actor, task: AgentTask, first: Extraction) -> Paged:
    """The extraction with every page of each table read and the goal's filters applied."""
    schema = task.schema or {}
    tables = _table_properties(schema)
    if not tables or not isinstance(first.data, dict):
        return Paged(data=as_dates(first.data, schema))
    collected: dict[str, tuple[list[str], dict[str, str], list[list[str]]]] = {}
    shown: dict[str, list[list[str]]] = {}  # the rows the table showed last time, by property
    turns = 0
    for _ in range(MAX_PAGES):
        snapshot = await take_snapshot(actor.page)
        last: ElementHandle | None = None
        for name, items in tables.items():
            match = table_by_columns(snapshot.tables, collected[name][1]) if name in collected else None
            match = match or best_table(items, snapshot.tables, task.goal)
            if match is None:
                continue
            element, columns = match
            table = (await actor.handles([element])).get(element.index)
            if table is None:
                continue
            headers, rows = await read_table_rows(table)
            _, _, seen = collected.setdefault(name, (headers, columns, []))
            fresh = new_rows(seen, shown.get(name, []), rows)
            if fresh is None:
                break  # the same rows again: the table did not turn
            seen.extend(fresh)
            shown[name] = rows
            last = table
        # Several tables on one page would each page on their own: only a single table is paged.
        if last is None or len(tables) != 1 or not await turn_page(actor.page, last, actor.settle_ms):
            break
        turns += 1
    data = dict(first.data)
    for name, (headers, columns, rows) in collected.items():
        kept = filter_rows(task.goal, headers, rows)
        index = {h.casefold(): i for i, h in enumerate(headers)}
        data[name] = [{p: row[index[h.casefold()]] if index[h.casefold()] < len(row) else "" for p, h in columns.items()
                       if h.casefold() in index} for row in kept]
    value = as_dates(coerce(data, schema), schema)
    errors = schema_errors(value, schema)
    if errors:
        return Paged(steps=turns, reason="extracted data does not match the schema: " + "; ".join(errors[:3]))
    return Paged(data=value, steps=turns)
