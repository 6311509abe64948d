"""Bindings at the source (issue 15): which recorded texts came from which input (parameter, loop item, output).

The block runner knows which inputs a block's goal and payload were rendered from; the recorder checks each
action's locator texts and intent against exactly those inputs, so codegen replays them from the input instead of
the first run's literal. Codegen never guesses by value alone: only inputs this block used are candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from services.gen.rote.v1 import trace_pb2

LK = trace_pb2.LocatorKind
AT = trace_pb2.ActionType
# Elements that are one option among others: the value that chose one shows in its name, in the page's own case.
_CHOICE_ROLES = frozenset({"radio", "option", "menuitemradio", "tab", "button", "checkbox", "switch", "gridcell"})
# Actions that enter one input's value into a field (a box ticked for a yes is chosen by its own words).
_ENTERING = frozenset({AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION, AT.ACTION_TYPE_PICK_DATE,
                       AT.ACTION_TYPE_UPLOAD_FILE, AT.ACTION_TYPE_FILL_ROWS})
# Shorter texts ("1", "no") occur inside unrelated words too often to be taken as part of a longer text.
MIN_PART_LENGTH = 3
# Inputs one row scope may hold (the name and the team of a person, say); more would only over-constrain it.
MAX_ROW_INPUTS = 3
# Plain references only ('{{ button }}', '{{ current_item.sku }}'): anything computed is not a binding.
_REFERENCE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}")
# Locator kinds as the Target keyword codegen writes them.
_KEYWORDS = {
    LK.LOCATOR_KIND_TEST_ID: "test_id",
    LK.LOCATOR_KIND_LABEL: "label",
    LK.LOCATOR_KIND_PLACEHOLDER: "placeholder",
    LK.LOCATOR_KIND_TEXT: "text",
    LK.LOCATOR_KIND_ID: "id",
    LK.LOCATOR_KIND_CSS: "css",
    LK.LOCATOR_KIND_XPATH: "xpath",
}


@dataclass(frozen=True)
class Input:
    """One input a block used: where it comes from and its text this run (a secret's text is never recorded)."""

    source: str
    text: str
    secret: bool = False

    def __repr__(self) -> str:
        # Reprs reach logs and tracebacks; a secret's text must not.
        shown = "'***'" if self.secret else repr(self.text)
        return f"Input(source={self.source!r}, text={shown}, secret={self.secret})"


def _lookup(values: Mapping[str, Any], path: str) -> Any:
    head, *rest = path.split(".")
    value: Any = values.get(head)
    for part in rest:
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int):
        return str(value)
    return None


def template_inputs(
    template: str,
    values: Mapping[str, Any],
    *,
    parameters: Mapping[str, str],
    secret_keys: Iterable[str] = (),
) -> list[Input]:
    """The inputs ``template`` reads by plain reference, in order of appearance, each once."""
    secrets = frozenset(secret_keys)
    found: list[Input] = []
    seen: set[str] = set()
    for match in _REFERENCE.finditer(template or ""):
        path = match.group(1)
        if path in seen:
            continue
        seen.add(path)
        # A parameter as given ('007' stays '007'), anything else as the template renders it.
        text = parameters[path] if path in parameters else _as_text(_lookup(values, path))
        if text:
            found.append(Input(path, text, path in secrets))
    return found


def whole_input(
    template: str,
    values: Mapping[str, Any],
    *,
    parameters: Mapping[str, str],
    secret_keys: Iterable[str] = (),
) -> Input | None:
    """The input a template is exactly one reference to ('{{ plan }}', '{{ current_item.sku }}'), else None."""
    if not _REFERENCE.fullmatch(template.strip()):
        return None
    found = template_inputs(template, values, parameters=parameters, secret_keys=secret_keys)
    return found[0] if found else None


def _glued(field: str, start: int, text: str) -> bool:
    """Whether ``text`` at ``start`` is part of a longer word ("pro" in "professional")."""
    end = start + len(text)
    before = start > 0 and field[start - 1].isalnum() and text[0].isalnum()
    after = end < len(field) and field[end].isalnum() and text[-1].isalnum()
    return before or after


def _contains(field: str, text: str) -> bool:
    return bool(_shown_as(field, text))


def _shown_as(field: str, text: str, fold: bool = False) -> str:
    """``text`` as it appears in ``field`` as whole words ('' when it does not); with ``fold``, in any case
    ("Pothole" in "Pothole or road defect" for the value "pothole")."""
    if len(text) < MIN_PART_LENGTH:
        return ""
    haystack, needle = (field.casefold(), text.casefold()) if fold else (field, text)
    if len(haystack) != len(field):
        return ""  # a case fold that changed lengths (ß): positions no longer line up
    start = haystack.find(needle)
    while start >= 0:
        if not _glued(field, start, text):
            return field[start:start + len(text)]
        start = haystack.find(needle, start + 1)
    return ""


def _fields(element: trace_pb2.ElementFingerprint) -> dict[str, set[str]]:
    """Every text a Target keyword may be written from, by keyword (locators and the fingerprint's own fields)."""
    texts: dict[str, set[str]] = {}

    def add(keyword: str, text: str) -> None:
        if text.strip():
            texts.setdefault(keyword, set()).add(text.strip())

    for locator in element.locators:
        if locator.kind == LK.LOCATOR_KIND_ROLE:
            add("name", locator.name)
        elif locator.kind in _KEYWORDS:
            add(_KEYWORDS[locator.kind], locator.value)
    add("name", element.accessible_name)
    add("label", element.label)
    add("placeholder", element.attributes.get("placeholder", ""))
    add("test_id", element.attributes.get("data-testid", ""))
    add("id", element.attributes.get("id", ""))
    return texts


def _bind(field: str, texts: Iterable[str], inputs: list[Input], fold: bool = False) -> list[trace_pb2.Binding]:
    """One binding per input found in the field; an input found whole wins over inputs found as parts of it. With
    ``fold`` (an option the input chose), found in any case; the binding keeps the text as the field shows it."""
    found: list[trace_pb2.Binding] = []
    claimed: list[str] = []
    texts = list(texts)
    # Longest first, so "INV-1002" in "Invoice INV-1002" is not claimed by a shorter input inside it; on a tie
    # the earlier input (the payload key the agent acted for, then the goal in order) decides.
    for order, item in sorted(enumerate(inputs), key=lambda pair: (-len(pair[1].text), pair[0])):
        del order
        if item.secret or any(item.text in other for other in claimed):
            continue  # a secret's text is never matched into a recorded field (the redactor removes it)
        whole = any(text == item.text for text in texts)
        if whole or any(_contains(text, item.text) for text in texts):
            found.append(trace_pb2.Binding(field=field, source=item.source, text=item.text, whole=whole))
            claimed.append(item.text)
            continue
        shown = next((s for s in (_shown_as(text, item.text, fold) for text in texts if fold) if s), "")
        if shown:
            # In another case than the input's it is never "whole": replay finds it by the value's words, any case.
            found.append(trace_pb2.Binding(field=field, source=item.source, text=shown, whole=False))
            claimed.append(item.text)
    return found


def bindings_for(
    action: trace_pb2.Action, inputs: list[Input], *, row_text: str = "", row_cells: Iterable[str] = ()
) -> list[trace_pb2.Binding]:
    """The bindings of one recorded action: its element's locator texts and its intent, against ``inputs``; and
    the row or item it sits in, for each input the element's own texts do not hold that is in that row's text
    (``whole`` when one of the row's cells shows the input and nothing else)."""
    if not inputs:
        return []
    found: list[trace_pb2.Binding] = []
    if action.HasField("element"):
        # An option chosen (a radio, a list option, a button that is a choice) names the input in its own case.
        fold = action.type in (AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_CLICK) and action.element.role in _CHOICE_ROLES
        for field, texts in sorted(_fields(action.element).items()):
            found.extend(_bind(field, texts, inputs, fold=fold and field in ("name", "label", "text")))
        if action.type in _ENTERING and action.parameter_key:
            # A field that takes one input's value was chosen for that input: another input's words inside its name
            # are the field's own wording ("Last day of leave" is no more ``half_day``'s "Last day" than "First
            # day of leave" is its "First day"), and bound they would send the end date to the start date's field.
            found = [b for b in found if b.whole or b.source == action.parameter_key]
        used = {binding.source for binding in found}
        rest = [item for item in inputs if item.source not in used]
        if row_text.strip():
            # Every input the row holds scopes it (two namesakes in different teams need the name and the team).
            cells = {" ".join(cell.split()) for cell in row_cells}
            for binding in _bind("row", [row_text], rest)[:MAX_ROW_INPUTS]:
                binding.whole = binding.text in cells
                found.append(binding)
    if action.intent:
        found.extend(_bind("intent", [action.intent], inputs))
    return found


def bind_member(action: trace_pb2.Action, chosen_by: Input) -> None:
    """A checkbox ticked or unticked for a list-valued input ("Email, SMS") belongs to that input's list: replay
    makes the list hold this run's items, whether the input names one box or several."""
    element = action.element
    if action.parameter_key or not (element.role == "checkbox" or element.attributes.get("type") == "checkbox"):
        return
    name = (element.accessible_name or element.label or element.text).strip()
    if name:
        action.bindings.add(field="member", source=chosen_by.source, text=name, whole=False)


def bind_each(action: trace_pb2.Action, chosen_by: Input) -> None:
    """A toggle set for an input that names toggles item by item ("turn on Weekly summary, Due dates"): replay sets
    each toggle this run's input names, by its name, and leaves every other as it is."""
    element = action.element
    name = (element.accessible_name or element.label or element.text).strip()
    if name and not action.parameter_key:
        action.bindings.add(field="each", source=chosen_by.source, text=name, whole=False)
