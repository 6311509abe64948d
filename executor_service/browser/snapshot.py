"""Page snapshots (what the agent sees) and element fingerprints (what a recorded action remembers)."""

from __future__ import annotations

import asyncio
import json
import pathlib
from dataclasses import dataclass, field
from typing import Any, Protocol

from playwright.async_api import ElementHandle, Page
from playwright.async_api import Error as PlaywrightError

from executor_service.browser.card_lists import CARD_LISTS_JS
from services.gen.rote.v1 import trace_pb2

SNAPSHOT_JS = (
    (pathlib.Path(__file__).resolve().parent / "snapshot.js").read_text().replace("__CARD_LISTS__", CARD_LISTS_JS)
)
# The page serialises its snapshot to one JSON string: far cheaper to receive than Playwright's value tree,
# and a big one is parsed in a thread so the event loop keeps answering.
_SNAPSHOT_AS_JSON = f"() => JSON.stringify(({SNAPSHOT_JS})({{}}))"
_OFF_LOOP_CHARS = 256 * 1024
MAX_TABLE_ROWS = 100_000  # rows one extraction reads from one table
ROWS_PER_CHUNK = 5_000  # rows read per round trip to the page
# Reads rows [start, start+count) of a table's body (rows with a td, the header row excluded) as JSON text; a list
# of records (card_lists.js) gives its items' values, with the headers of its items up to there.
_ROWS_JS = """
(table, a) => {
  if (table.tagName !== 'TABLE') return JSON.stringify((__CARD_LISTS__).read(table, a.from, a.count));
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const rows = table.querySelectorAll('tr');
  const headerRow = table.querySelector('thead tr') || rows[0];
  const out = [];
  let i = a.from;
  for (; i < rows.length && out.length < a.count; i++) {
    if (rows[i] === headerRow || !rows[i].querySelector('td')) continue;
    out.push(Array.from(rows[i].children).map((c) => norm(c.innerText)));
  }
  const headers = a.from === 0 && headerRow ? Array.from(headerRow.children).map((c) => norm(c.innerText)) : [];
  return JSON.stringify({headers, rows: out, next: i, done: i >= rows.length});
}
""".replace("__CARD_LISTS__", CARD_LISTS_JS)


class TableTooLarge(Exception):
    """A table has more rows than one extraction reads."""


class _Evaluates(Protocol):
    async def evaluate(self, expression: str, arg: Any = None) -> Any: ...


async def parse_json(text: str) -> Any:
    """json.loads, in a thread when the text is big."""
    if len(text) > _OFF_LOOP_CHARS:
        return await asyncio.to_thread(json.loads, text)
    return json.loads(text)


async def read_table_rows(table: _Evaluates, *, max_rows: int = MAX_TABLE_ROWS) -> tuple[list[str], list[list[str]]]:
    """(headers, body rows) of a table element, read in chunks of ROWS_PER_CHUNK so no single page call or
    parse is large; more than ``max_rows`` rows is a TableTooLarge."""
    headers: list[str] = []
    rows: list[list[str]] = []
    start = 0
    while True:
        chunk = await parse_json(await table.evaluate(_ROWS_JS, {"from": start, "count": ROWS_PER_CHUNK}))
        if start == 0 or len(chunk["headers"]) > len(headers):
            headers = list(chunk["headers"])  # a list's later items may add columns (at the end)
        rows.extend(chunk["rows"])
        if len(rows) > max_rows:
            raise TableTooLarge(f"the table has more than {max_rows} rows; one extraction reads at most {max_rows}")
        if chunk["done"] or not chunk["rows"]:
            return headers, rows
        start = int(chunk["next"])

_KINDS = {
    "test_id": trace_pb2.LOCATOR_KIND_TEST_ID,
    "role": trace_pb2.LOCATOR_KIND_ROLE,
    "label": trace_pb2.LOCATOR_KIND_LABEL,
    "placeholder": trace_pb2.LOCATOR_KIND_PLACEHOLDER,
    "text": trace_pb2.LOCATOR_KIND_TEXT,
    "id": trace_pb2.LOCATOR_KIND_ID,
    "css": trace_pb2.LOCATOR_KIND_CSS,
    "xpath": trace_pb2.LOCATOR_KIND_XPATH,
}


@dataclass(frozen=True)
class SelectOption:
    """One option of a select element."""

    value: str
    text: str
    selected: bool


@dataclass(frozen=True)
class SnapshotElement:
    """One element as the page showed it: what it is, how it is labelled, and how to find it again."""

    index: int
    kind: str  # "control", "value" or "table"
    tag: str
    type: str
    role: str
    name: str
    labels: tuple[str, ...]
    placeholder: str
    text: str
    attr_name: str
    id: str
    classes: tuple[str, ...]
    test_id: str
    href: str
    value: str
    checked: bool
    disabled: bool
    options: tuple[SelectOption, ...]
    form: int  # the form's number (0, 1, ...); outside a form, its region's (-2, -3, ...), or -1
    form_method: str
    submits: bool
    locators: tuple[tuple[str, str, str], ...]  # (kind, value, name)
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    # How many body rows the table has; ``rows`` holds at most the first 500 of them.
    row_count: int = 0
    # What a person reads beside a field without a label: caption before it, row/column header, group legend,
    # description, title (most specific first).
    context: tuple[str, ...] = ()
    input_mode: str = ""
    expanded: str = ""  # aria-expanded of a combobox or a dropdown button
    pattern: str = ""  # the pattern attribute a text field must match
    max_length: int = 0  # maxlength (0: none)
    readonly: bool = False  # a read-only field (a date picker's display field, usually)
    required: bool = False
    haspopup: str = ""  # aria-haspopup: what the control opens (listbox, dialog, menu, grid, true)
    search: bool = False  # a search box (type=search, role=searchbox, or inside a search landmark or form)
    controls: str = ""  # the id of the list a combobox shows (aria-controls / aria-owns)
    row: str = ""  # a button's or link's row, list item or card: its text (runtime.target.ROWS)
    column: str = ""  # an unnamed radio's or checkbox's column header in a table: the answer it gives ("Agree")
    multiple: bool = False  # a <select multiple>: a value listing options chooses each of them
    owner: str = ""  # for an option: the id of its listbox
    group: str = ""  # the legend or name of the group (fieldset) a field sits in: "Billing address"
    autocomplete: str = ""  # its autocomplete hint: "shipping address-level2"
    behind_modal: bool = False  # a modal dialog is open and this control is outside it (out of reach until it closes)
    pointer: bool = False  # styled as a button without being a control (``pointer_buttons``): clicked like a button
    # The look that listed it: ``index`` counts in that look's numbering ("" for an element described on its own).
    look: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else ""

    @property
    def is_clickable(self) -> bool:
        return (
            self.tag in ("button", "a") or self.role in ("button", "link") or self.type in ("submit", "button")
            or self.pointer
        )

    @property
    def is_fillable(self) -> bool:
        return self.kind == "control" and not self.is_clickable and self.type not in ("checkbox", "radio", "file")

    @classmethod
    def from_js(cls, raw: dict[str, Any], index: int = -1, look: str = "") -> SnapshotElement:
        return cls(
            look=look,
            index=int(raw.get("index", index)),
            kind=raw["kind"],
            tag=raw["tag"],
            type=raw["type"],
            role=raw["role"],
            name=raw["name"],
            labels=tuple(raw["labels"]),
            placeholder=raw["placeholder"],
            text=raw["text"],
            attr_name=raw["attr_name"],
            id=raw["id"],
            classes=tuple(raw["classes"]),
            test_id=raw["test_id"],
            href=raw["href"],
            value=raw["value"],
            checked=bool(raw["checked"]),
            disabled=bool(raw["disabled"]),
            options=tuple(SelectOption(o["value"], o["text"], bool(o["selected"])) for o in raw["options"]),
            form=int(raw["form"]),
            form_method=raw["form_method"],
            submits=bool(raw["submits"]),
            locators=tuple((loc["kind"], loc["value"], loc.get("name", "")) for loc in raw["locators"]),
            headers=tuple(raw.get("headers", ())),
            rows=tuple(tuple(row) for row in raw.get("rows", ())),
            row_count=int(raw.get("row_count", len(raw.get("rows", ())))),
            context=tuple(raw.get("context", ())),
            input_mode=str(raw.get("input_mode", "")),
            expanded=str(raw.get("expanded", "")),
            pattern=str(raw.get("pattern", "")),
            max_length=int(raw.get("max_length", 0) or 0),
            readonly=bool(raw.get("readonly", False)),
            required=bool(raw.get("required", False)),
            haspopup=str(raw.get("haspopup", "")),
            search=bool(raw.get("search", False)),
            controls=str(raw.get("controls", "")),
            row=str(raw.get("row", "")),
            column=str(raw.get("column", "")),
            multiple=bool(raw.get("multiple", False)),
            owner=str(raw.get("owner", "")),
            group=str(raw.get("group", "")),
            autocomplete=str(raw.get("autocomplete", "")),
            behind_modal=bool(raw.get("behind_modal", False)),
            pointer=bool(raw.get("pointer", False)),
        )


@dataclass(frozen=True)
class Snapshot:
    """Everything one observation of the page found; element indexes stay valid until the next snapshot."""

    url: str
    title: str
    heading: str
    elements: tuple[SnapshotElement, ...] = field(default=())
    values: tuple[SnapshotElement, ...] = field(default=())
    tables: tuple[SnapshotElement, ...] = field(default=())
    look: str = field(default="", compare=False)  # its name in the page, which keeps this look's numbering

    def by_index(self) -> dict[int, SnapshotElement]:
        """Everything this look listed (elements, labelled values, tables) by its number, one numbering for all."""
        return {e.index: e for e in (*self.elements, *self.values, *self.tables)}


async def take_snapshot(page: Page) -> Snapshot:
    """List the page's visible interactive elements, labelled values and tables (one page.evaluate; the page
    bounds how many of each it lists)."""
    raw = await parse_json(await page.evaluate(_SNAPSHOT_AS_JSON))
    if len(raw["elements"]) + len(raw["values"]) + len(raw["tables"]) > 500:
        return await asyncio.to_thread(_snapshot_of, raw)
    return _snapshot_of(raw)


_POINTERS_AS_JSON = f"(look) => JSON.stringify(({SNAPSHOT_JS})({{pointers: look}}))"


async def pointer_buttons(page: Page, snapshot: Snapshot) -> tuple[SnapshotElement, ...]:
    """Elements ``snapshot``'s page styles as buttons without making them controls (a ``<div>`` with a pointer
    cursor and a short text), numbered on in that look; none when the page has moved on since."""
    try:
        raw = await parse_json(await page.evaluate(_POINTERS_AS_JSON, snapshot.look))
    except PlaywrightError:
        return ()
    return tuple(SnapshotElement.from_js(e, look=snapshot.look) for e in raw)


def _snapshot_of(raw: dict[str, Any]) -> Snapshot:
    look = str(raw.get("look", ""))
    return Snapshot(
        url=raw["url"],
        title=raw["title"],
        heading=raw["heading"],
        elements=tuple(SnapshotElement.from_js(e, look=look) for e in raw["elements"]),
        values=tuple(SnapshotElement.from_js(e, look=look) for e in raw["values"]),
        tables=tuple(SnapshotElement.from_js(e, look=look) for e in raw["tables"]),
        look=look,
    )


# The element a look listed at a number: that look's own numbering (the page keeps the last few looks'), never a
# later look's, which may give the same number to another element. An element with no look reads the latest. One
# the page has since taken out (a re-rendered form) is nothing: the caller looks again.
_LISTED = """([index, look]) => {
  const registry = look ? (window.__roteLooks && window.__roteLooks.get(look)) : window.__roteElements;
  const element = (registry || [])[index];
  return element && element.isConnected ? element : null;
}"""


async def element_handle(page: Page, element: SnapshotElement) -> ElementHandle | None:
    """The element a snapshot listed, or None when the page has moved on since (a new document, or a look too old
    for the page to keep)."""
    where = [element.index, element.look]
    try:
        handle = await page.evaluate_handle(_LISTED, where)
    except PlaywrightError:
        return None
    found = handle.as_element()
    if found is None:
        await handle.dispose()
        return None
    # An element of an iframe is acted on through its own frame (clicks hit-test in that frame's coordinates).
    frame = await found.owner_frame()
    if frame is not None and frame != page.main_frame:
        try:
            inner = (await frame.evaluate_handle(_LISTED, where)).as_element()
        except PlaywrightError:
            inner = None
        if inner is not None:
            await found.dispose()
            return inner
    return found


async def describe_element(handle: ElementHandle) -> SnapshotElement:
    """Describe one element the same way a snapshot does."""
    return SnapshotElement.from_js(await handle.evaluate(SNAPSHOT_JS))


def fingerprint_of(element: SnapshotElement) -> trace_pb2.ElementFingerprint:
    """The recorded fingerprint of a described element: locators as observed plus identifying attributes."""
    fingerprint = trace_pb2.ElementFingerprint(
        tag=element.tag,
        role=element.role,
        accessible_name=element.name,
        label=element.label,
        text=element.text,
    )
    attributes = {
        "id": element.id,
        "name": element.attr_name,
        "type": element.type,
        "class": " ".join(element.classes),
        "placeholder": element.placeholder,
        "href": element.href,
        "data-testid": element.test_id,
        "autocomplete": element.autocomplete,
        # Not an attribute: the field's group (its fieldset's legend), which the judge reads (``field_roles``).
        "group": element.group,
    }
    for key, value in attributes.items():
        if value:
            fingerprint.attributes[key] = value
    for kind, value, name in element.locators:
        if value and kind in _KINDS:
            fingerprint.locators.add(kind=_KINDS[kind], value=value, name=name)
    if element.is_fillable and not (element.label or element.placeholder or element.name) and element.context:
        # The words the field was known by: replay must not take another field found at the same position.
        fingerprint.caption = element.context[0][:120]
    return fingerprint


async def fingerprint_element(handle: ElementHandle) -> trace_pb2.ElementFingerprint:
    """Fingerprint an element handle (used when recording an action and when healing)."""
    return fingerprint_of(await describe_element(handle))
