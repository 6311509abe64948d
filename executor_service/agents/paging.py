"""Reading a whole table for an extraction: every page of a paginated table, only the rows the goal asks for
(a status it names, dates on or after a day), dates in the spelling the schema asks for."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from playwright.async_api import ElementHandle
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from executor_service.agents.acting import Actor
from executor_service.agents.base import AgentTask
from executor_service.agents.extraction import Extraction
from executor_service.agents.matching import similarity
from executor_service.agents.tables import best_table, column_shape
from executor_service.browser.snapshot import read_table_rows, take_snapshot
from executor_service.browser.value_formats import parse_date
from executor_service.runtime.schema_output import coerce, schema_errors

MAX_PAGES = 50
# The control that shows a table's next page: rel=next, or a button or link named "Next", "›", "»", "Older".
_NEXT_JS = """
(table) => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const enabled = (el) => !el.disabled && el.getAttribute('aria-disabled') !== 'true' &&
    !/\\bdisabled\\b/.test(el.className || '');
  const name = (el) => (el.getAttribute('aria-label') || el.innerText || el.title || '').replace(/\\s+/g, ' ').trim();
  // "Next", "Next page ›", "Older entries", "» ": words once arrows and punctuation are set aside, or arrows alone.
  const words = /^(next|older|forward|more)( (page|entries|items|results|rows|posts))?$/i;
  const bare = (el) => name(el).replace(/[^\\p{L}\\p{N} ]+/gu, ' ').replace(/\\s+/g, ' ').trim();
  const arrows = /^[›»>→⟩❯]+$/;
  const all = Array.from(document.querySelectorAll('a[href], button, [role=button], [role=link]'))
    .filter((el) => visible(el) && (el.getAttribute('rel') === 'next' || words.test(bare(el)) ||
      arrows.test(name(el).replace(/\\s+/g, ''))));
  // The closest to the table: the one sharing the deepest ancestor with it.
  const depth = (el) => { let n = el, d = 0; while (n && !n.contains(table)) { n = n.parentElement; d++; } return d; };
  all.sort((a, b) => depth(a) - depth(b));
  const next = all.find(enabled);
  return next || null;
}
"""
_TABLE_TEXT_JS = "(t) => t.isConnected ? t.innerText : ''"
_COMPARISONS = (
    (re.compile(r"\b(?:on or after|since|from|starting|no earlier than)\s+$", re.I), ">="),
    (re.compile(r"\b(?:on or before|until|up to|through|no later than)\s+$", re.I), "<="),
    (re.compile(r"\bafter\s+$", re.I), ">"),
    (re.compile(r"\bbefore\s+$", re.I), "<"),
)
_GOAL_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"
)


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
        at = max(dated, key=lambda i: (similarity(words[-30:], headers[i]) if i < len(headers) else 0.0, -i))
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


def _as_dates(value: Any, schema: Mapping[str, Any]) -> Any:
    """Strings of properties the schema asks as dates ("format": "date", "YYYY-MM-DD"), in ISO spelling."""
    if isinstance(value, list):
        return [_as_dates(v, schema.get("items", {})) for v in value]
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: _as_dates(v, props.get(k, {})) for k, v in value.items()}
    wants = schema.get("format") == "date" or "yyyy-mm-dd" in str(schema.get("description", "")).casefold()
    if wants and isinstance(value, str) and (day := parse_date(value)) is not None:
        return day.isoformat()
    return value


async def _turn(actor: Actor, table: ElementHandle) -> bool:
    """Show the table's next page: click its next control, wait until the table (or the page) changes."""
    page = actor.page
    try:
        control = (await table.evaluate_handle(_NEXT_JS)).as_element()
        if control is None:
            return False
        before, url = await table.evaluate(_TABLE_TEXT_JS), page.url
        # Turning a page is reading, not acting: not recorded (replayed code reads the first page, and the
        # judge then reports it paginated, rather than replay clicks that would read another page).
        await control.click()
    except PlaywrightError:
        return False
    # Either the document is replaced (server-side pages) or the table redraws in place (client-side pages).
    deadline = asyncio.get_running_loop().time() + actor.settle_ms / 1000
    while asyncio.get_running_loop().time() < deadline:
        try:
            if page.url != url:
                await page.wait_for_load_state("domcontentloaded", timeout=actor.settle_ms)
                return True
            if await table.evaluate(_TABLE_TEXT_JS) != before:
                return True
        except (PlaywrightError, PlaywrightTimeoutError):
            pass  # the old document is going away: look again
        await asyncio.sleep(0.05)
    return False


async def extract_all_pages(actor: Actor, task: AgentTask, first: Extraction) -> Paged:
    """The extraction with every page of each table read and the goal's filters applied."""
    schema = task.schema or {}
    tables = _table_properties(schema)
    if not tables or not isinstance(first.data, dict):
        return Paged(data=_as_dates(first.data, schema))
    collected: dict[str, tuple[list[str], dict[str, str], list[list[str]]]] = {}
    shown: dict[str, list[list[str]]] = {}  # the rows the table showed last time, by property
    turns = 0
    for _ in range(MAX_PAGES):
        snapshot = await take_snapshot(actor.page)
        last: ElementHandle | None = None
        for name, items in tables.items():
            match = best_table(items, snapshot.tables)
            if match is None:
                continue
            element, columns = match
            table = (await actor.handles([element])).get(element.index)
            if table is None:
                continue
            headers, rows = await read_table_rows(table)
            _, _, seen = collected.setdefault(name, (headers, columns, []))
            before = shown.get(name, [])
            if rows and (seen[-len(rows):] == rows or rows == before):
                break  # the same rows again: the table did not turn
            # "Show more" keeps the rows shown and adds to them: only the new ones are new.
            seen.extend(rows[len(before):] if before and rows[: len(before)] == before else rows)
            shown[name] = rows
            last = table
        # Several tables on one page would each page on their own: only a single table is paged.
        if last is None or len(tables) != 1 or not await _turn(actor, last):
            break
        turns += 1
    data = dict(first.data)
    for name, (headers, columns, rows) in collected.items():
        kept = filter_rows(task.goal, headers, rows)
        index = {h.casefold(): i for i, h in enumerate(headers)}
        data[name] = [{p: row[index[h.casefold()]] if index[h.casefold()] < len(row) else "" for p, h in columns.items()
                       if h.casefold() in index} for row in kept]
    value = _as_dates(coerce(data, schema), schema)
    errors = schema_errors(value, schema)
    if errors:
        return Paged(steps=turns, reason="extracted data does not match the schema: " + "; ".join(errors[:3]))
    return Paged(data=value, steps=turns)
