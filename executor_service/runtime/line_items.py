"""A list of records entered into a form's repeated rows (expense lines, order items): one row per line of the value
("2026-09-01 | Taxi | Station to office | 23.50"), rows added by the form's own add control. One routine serves the
agent's recording and the replayed code, so replay enters its own run's lines, however many there are."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Sequence

from playwright.async_api import ElementHandle, Locator
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.value_checks import ValueCheck, choice_verified, fill_verified
from executor_service.runtime.field_identity import option_for

Element = Locator | ElementHandle
# The fields a person fills in a row (buttons, hidden and image inputs are no fields).
FIELDS = ("input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]), "
          "select, textarea")
# A line's parts: "a | b | c". A tab-separated line (pasted from a spreadsheet) splits the same way.
_SEPARATOR = re.compile(r"\s*[|\t]\s*")
# How long a row the add control asked for may take to show.
ADD_WAIT_MS = 3000

# The group's rows: its children that hold a visible field, in order.
_ROWS_JS = """
(group, fields) => {
  const shown = (n) => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  return Array.from(group.children).filter((row) => Array.from(row.querySelectorAll(fields)).some(shown));
}
"""
# Whether nothing was entered in a row: its text fields all empty, or (a row of lists only) its lists unchosen.
_EMPTY_ROW_JS = """
(row, fields) => {
  const all = Array.from(row.querySelectorAll(fields)).filter((f) => !['checkbox', 'radio'].includes(f.type));
  const typed = all.filter((f) => f.tagName !== 'SELECT');
  return (typed.length ? typed : all).every((f) => !f.value);
}
"""
# A row's visible fields, in document order.
_ROW_FIELDS_JS = """
(row, fields) => Array.from(row.querySelectorAll(fields)).filter((n) => {
  const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
"""
# What a person reads as the field's column: the header of its table column, else its own label, aria-label or
# placeholder; without the row's number ("Date, row 2") and the required mark.
CAPTION_JS = """
(f) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const bare = (s) => norm(norm(s).replace(/\\*/g, ' ').replace(/\\(required\\)/ig, ' ')
    .replace(/[,:\\-–]?\\s*\\b(row|line|item|entry)\\s*#?\\d+\\b/ig, ' ').replace(/#?\\d+\\s*$/, ' '));
  const cell = f.closest('td, th, [role=gridcell], [role=cell]');
  const table = cell && cell.closest('table, [role=grid], [role=table]');
  if (cell && table && cell.parentElement) {
    const at = Array.from(cell.parentElement.children).indexOf(cell);
    const head = table.querySelector('thead tr, [role=row]:has([role=columnheader])');
    const th = head && head !== cell.parentElement ? head.children[at] : null;
    if (th && bare(th.innerText)) return bare(th.innerText);
  }
  const label = (f.labels && f.labels[0] && f.labels[0].innerText) || f.getAttribute('aria-label') ||
    f.getAttribute('placeholder') || f.getAttribute('title') || '';
  return bare(label);
}
"""

# Whether a select has an option of that value or label (select_option would wait for one to come).
_HAS_OPTION_JS = "(s, v) => Array.from(s.options).some((o) => o.value === v || o.text.trim() === v.trim())"


def parse_lines(value: str) -> list[list[str]] | None:
    """The value's lines split into their parts, or None when it is no such list: every non-empty line has the same
    number of parts, two or more."""
    lines = [line for line in str(value).splitlines() if line.strip()]
    if not lines or not all("|" in line or "\t" in line for line in lines):
        return None
    rows = [_SEPARATOR.split(line.strip()) for line in lines]
    if len(rows[0]) < 2 or any(len(row) != len(rows[0]) for row in rows):
        return None
    return rows


def same_caption(recorded: str, now: str) -> bool:
    """Whether a field's caption now is the one recorded (case and spacing aside)."""
    return " ".join(recorded.casefold().split()) == " ".join(now.casefold().split())


async def _elements(handle: object) -> list[ElementHandle]:
    """The elements of an array a page evaluation returned, in order."""
    properties = await handle.get_properties()  # type: ignore[attr-defined]
    items = sorted((int(key), value) for key, value in properties.items() if key.isdigit())
    return [element for _, value in items if (element := value.as_element()) is not None]


async def rows_of(group: Element) -> list[ElementHandle]:
    """The group's rows that hold a visible field."""
    return await _elements(await group.evaluate_handle(_ROWS_JS, FIELDS))


async def fields_of(row: ElementHandle) -> list[ElementHandle]:
    """A row's visible fields, in order."""
    return await _elements(await row.evaluate_handle(_ROW_FIELDS_JS, FIELDS))


async def _more_rows(group: Element, wanted: int, wait_ms: float) -> list[ElementHandle]:
    """The group's rows once there are ``wanted`` of them (polled; bounded by ``wait_ms``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_ms / 1000
    rows = await rows_of(group)
    while len(rows) < wanted and loop.time() < deadline:
        await asyncio.sleep(0.1)
        rows = await rows_of(group)
    return rows


async def enter_cell(field: ElementHandle, value: str) -> ValueCheck:
    """One part of a line into its field: a select chooses the option the value names, other fields take it typed
    (in the spelling they ask for) and read it back."""
    tag = str(await field.evaluate("(f) => f.tagName.toLowerCase()"))
    if tag == "select":
        chosen = await option_for(field, value)
        if not await field.evaluate(_HAS_OPTION_JS, chosen):
            return ValueCheck(False, value, "", "the list has no such option")
        await field.select_option(chosen)
        return await choice_verified(field, chosen)
    return await fill_verified(field, value)


async def _free_row(group: Element) -> ElementHandle | None:
    """The first row nothing was entered in: its text fields all empty (its lists, when it has no text field)."""
    for row in await rows_of(group):
        if await row.evaluate(_EMPTY_ROW_JS, FIELDS):
            return row
    return None


async def fill_rows(
    group: Element,
    add_row: Callable[[], Awaitable[None]] | None,
    lines: Sequence[Sequence[str]],
    positions: Sequence[int],
    captions: Sequence[str],
    *,
    secret: bool = False,
) -> str:
    """Enter each line into a row of its own: the rows the page showed first, in order (a row half filled before,
    by code that stopped, is filled again), then one row ``add_row`` adds per line (wherever the page puts it, at
    the end or at the top); part i goes into the row's field ``positions[i]``, which must be
    captioned ``captions[i]`` (when one was recorded; else the one field of the row captioned so, as the columns may
    have moved). '' when every part went in and reads back, else what went wrong, in words that never quote a value
    (nor, for a ``secret`` list, what the page said of one)."""
    shown = len(await rows_of(group))  # the rows the page showed before any was added: one line each, in order
    for n, parts in enumerate(lines, start=1):
        try:
            if n <= shown:
                now_shown = await rows_of(group)
                if len(now_shown) < n:
                    return f"row {n} is gone from the page"
                row = now_shown[n - 1]
            else:
                if add_row is None:
                    return f"the page shows {shown} rows for {len(lines)} lines and nothing to add one"
                before = await rows_of(group)
                await add_row()
                rows = await _more_rows(group, len(before) + 1, ADD_WAIT_MS)
                # The row that was not there before, wherever the page put it (at the end, or at the top); a copy of
                # the last row may come with its values. Else the first empty row.
                new = [r for r in rows if await r.evaluate("(r, old) => !old.includes(r)", before)]
                added = new[0] if len(new) == 1 else await _free_row(group)
                if added is None:
                    return f"adding a row for line {n} showed no empty row"
                row = added
            fields = await fields_of(row)
            named: list[str] | None = None  # the row's captions, read when a field is not where it was
            for part, position, caption in zip(parts, positions, captions, strict=True):
                field = fields[position] if position < len(fields) else None
                now = str(await field.evaluate(CAPTION_JS)) if field is not None and caption else caption
                if not same_caption(caption, now):
                    # The columns moved: the one field of the row captioned so takes the part, wherever it is.
                    named = named if named is not None else [str(await f.evaluate(CAPTION_JS)) for f in fields]
                    found = [f for f, said in zip(fields, named, strict=True) if same_caption(caption, said)]
                    if len(found) != 1:
                        return f"row {n}: the field at place {position + 1} is {now!r}, not {caption!r}"
                    field = found[0]
                if field is None:
                    return f"row {n} has {len(fields)} fields, none at place {position + 1}"
                check = await enter_cell(field, part)
                if not check.verified:
                    said = f" ({check.message})" if check.message and not secret else ""
                    return f"row {n}: {caption or f'field {position + 1}'} did not take its part of the line{said}"
        except PlaywrightError as exc:
            return f"line {n}: " + ("the page refused an action" if secret else str(exc).splitlines()[0])
    return ""
