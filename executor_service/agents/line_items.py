"""A value that is a list of records, one per line ("2026-09-01 | Taxi | Station to office | 23.50"), entered into
the repeated rows of a form (expense lines, order items): which rows, which control adds one, and which field of a
row each part of a line goes into; recorded as one FILL_ROWS action (runtime/line_items.py enters the lines)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from playwright.async_api import ElementHandle
from playwright.async_api import Error as PlaywrightError

from executor_service.agents.acting import Actor, words_of
from executor_service.agents.base import RenderedValue
from executor_service.agents.matching import iso_date, similarity
from executor_service.browser.number_bands import numbers_clash
from executor_service.browser.snapshot import SnapshotElement, describe_element
from executor_service.runtime.line_items import CAPTION_JS, FIELDS, fields_of, parse_lines, rows_of
from services.gen.rote.v1 import trace_pb2

# Rows hold the parts of a line and a few fields more at most (a per-row checkbox, a note).
_EXTRA_FIELDS = 4
# At most this many fields of a row are tried for the parts (every assignment of parts to fields is scored).
_MAX_ROW_FIELDS = 8
_NUMBER = re.compile(r"[£$€]?\s*-?\d[\d,]*(?:\.\d+)?\s*[£$€]?")

# Groups of repeated rows holding the page's visible fields: the parent of the table rows, ARIA rows or list items
# fields sit in, or of an element repeated beside siblings of its own tag and class that hold fields too; each with
# ``k`` to ``k + extra`` fields per row, the same in every row.
_GROUPS_JS = """
([k, extra, fields]) => {
  const shown = (n) => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const inside = (el) => Array.from(el.querySelectorAll(fields)).filter(shown);
  const groups = new Set();
  for (const field of Array.from(document.querySelectorAll(fields)).filter(shown)) {
    const row = field.closest('tr, [role=row], li');
    if (row && row.parentElement) { groups.add(row.parentElement); continue; }
    for (let at = field.parentElement, depth = 0; at && at.parentElement && depth < 5; at = at.parentElement, depth++) {
      const twins = Array.from(at.parentElement.children).filter((s) => s !== at && s.tagName === at.tagName &&
        s.className === at.className && inside(s).length);
      if (twins.length) { groups.add(at.parentElement); break; }
    }
  }
  return Array.from(groups).filter((group) => {
    const counts = new Set(Array.from(group.children).map((r) => inside(r).length).filter(Boolean));
    const [count] = counts;
    return counts.size === 1 && count >= k && count <= k + extra;
  });
}
"""
# The control that adds a row to the group: a visible button or link whose words start with "add" or "new" (or
# that is a lone "+"), outside the rows, in the group's form or section; the first after the group, else the last
# before it.
_ADD_JS = """
(group) => {
  const shown = (n) => { const r = n.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const words = (n) => (n.getAttribute('aria-label') || n.innerText || n.value || '').replace(/\\s+/g, ' ').trim();
  const adds = (n) => /^(\\+\\s*)?(add|new)\\b/i.test(words(n)) || words(n) === '+';
  const table = group.closest('table') || group;
  const scope = table.closest('form, fieldset, section, [role=form], [role=region], main') || document.body;
  const found = Array.from(scope.querySelectorAll('button, a[href], [role=button], input[type=button]'))
    .filter((n) => shown(n) && !n.disabled && adds(n) && !Array.from(group.children).some((r) => r.contains(n)));
  const after = found.filter((n) => table.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING);
  return after[0] || found[found.length - 1] || null;
}
"""
# What a field takes, for telling which part of a line goes into it.
_FACTS_JS = """
(f) => ({tag: f.tagName.toLowerCase(), type: (f.getAttribute('type') || '').toLowerCase(),
         inputmode: (f.getAttribute('inputmode') || '').toLowerCase(),
         options: f.tagName === 'SELECT' ? Array.from(f.options).filter((o) => o.value).map((o) => o.text.trim()) : []})
"""


@dataclass(frozen=True)
class RowField:
    """What one field of a row takes and what it is captioned."""

    tag: str
    type: str
    inputmode: str
    options: tuple[str, ...]
    caption: str


def part_names(description: str, count: int) -> list[str]:
    """What each part of a line is called, from the value's description ("One expense per line: date (YYYY-MM-DD)
    | category | description | amount in pounds"): its words without the bracketed hints; '' each when it says
    no such thing."""
    for text in description.splitlines():
        parts = text.split("|")
        if len(parts) == count:
            parts[0] = parts[0].rsplit(":", 1)[-1]
            return [re.sub(r"\([^)]*\)", " ", part).strip() for part in parts]
    return [""] * count


def _fit(name: str, value: str, field: RowField) -> float | None:
    """How well one part of a line fits a field: its name against the field's caption, and what the field takes;
    None when the field cannot take it (a date field for a word, a list without the value among its options)."""
    score = similarity(name, field.caption) if name and field.caption else 0.0
    if field.tag == "select":
        wanted = value.casefold().strip()
        best = max((similarity(value, option) for option in field.options if not numbers_clash(value, option)),
                   default=0.0)
        if any(option.casefold() == wanted for option in field.options):
            return score + 100
        return score + 60 if best >= 85 else None
    if field.type in ("checkbox", "radio", "file", "range", "color"):
        return None
    if field.type == "date":
        return score + 80 if iso_date(value) else None
    if field.type == "number" or field.inputmode in ("decimal", "numeric"):
        return score + 40 if _NUMBER.fullmatch(value.strip()) else None
    return score + 10


def assign_parts(names: list[str], first: list[str], fields: list[RowField]) -> tuple[list[int], float] | None:
    """The field of a row for each part (by the first line's values and the parts' names), best in total; parts
    keep their order among equals. None when the row cannot take every part."""
    usable = range(min(len(fields), _MAX_ROW_FIELDS))
    # Each part against each field once (fuzzy matching against a long list costs); then every assignment is summed.
    fits = [[_fit(names[part], first[part], fields[at]) for at in usable] for part in range(len(first))]
    best: tuple[list[int], float] | None = None
    for chosen in itertools.permutations(usable, len(first)):
        total = 0.0
        for part, at in enumerate(chosen):
            fit = fits[part][at]
            if fit is None:
                break
            total += fit - abs(part - at)  # the order of the parts is the order of the row, all else equal
        else:
            if best is None or total > best[1]:
                best = (list(chosen), total)
    return best


async def _facts(field: ElementHandle) -> RowField:
    raw = await field.evaluate(_FACTS_JS)
    caption = str(await field.evaluate(CAPTION_JS))
    return RowField(str(raw["tag"]), str(raw["type"]), str(raw["inputmode"]), tuple(raw["options"]), caption)


@dataclass(frozen=True)
class RowsEntered:
    """What entering the lines did: the action recorded, the control that adds a row (never the form's send control
    after this) and the fields of the rows (taken: no other value goes there)."""

    action: trace_pb2.Action
    add: SnapshotElement | None
    fields: tuple[SnapshotElement, ...]


async def enter_line_items(actor: Actor, key: str, rendered: RenderedValue) -> RowsEntered | None:
    """Enter a value that lists records line by line into the page's repeated rows (adding rows with the page's own
    control): its FILL_ROWS action says whether every line went in. None when the value is no such list or the page
    has no rows that take its lines (its place may be a plain text box)."""
    lines = parse_lines(rendered.value)
    if lines is None:
        return None
    names = part_names(rendered.description, len(lines[0]))
    if (rendered.secret or (len(lines) == 1 and len(lines[0]) == 2)) and not any(names):
        return None  # "a | b" alone, or a secret, may be a value with bars in it (a password): no list unless said so
    try:
        found = await actor.page.evaluate_handle(_GROUPS_JS, [len(lines[0]), _EXTRA_FIELDS, FIELDS])
        groups = [g for g in (v.as_element() for v in (await found.get_properties()).values()) if g is not None]
        best: tuple[float, ElementHandle, ElementHandle | None, list[trace_pb2.RowColumn]] | None = None
        for group in groups:
            rows = await rows_of(group)
            add = (await group.evaluate_handle(_ADD_JS)).as_element()
            if not rows or (add is None and len(rows) < len(lines)):
                continue
            cells = await fields_of(rows[0])
            facts = [await _facts(cell) for cell in cells]
            assigned = assign_parts(names, lines[0], facts)
            if assigned is None or (best is not None and assigned[1] <= best[0]):
                continue
            columns = [trace_pb2.RowColumn(position=at, caption=facts[at].caption) for at in assigned[0]]
            best = (assigned[1], group, add, columns)
    except PlaywrightError:
        return None
    if best is None:
        return None
    _, group, add, columns = best
    try:
        action = await actor.recorder.fill_rows(
            actor.page, group, add, rendered.value, columns, intent=f"Enter the {words_of(key)}, one row per line",
            parameter_key=rendered.parameter_key or None, payload_key=key,
        )
        if action is None:
            return None
        fields = [await describe_element(field) for row in await rows_of(group) for field in await fields_of(row)]
        return RowsEntered(action, await describe_element(add) if add is not None else None, tuple(fields))
    except PlaywrightError:
        return None
