"""Opening a collapsed section that holds a pending key's field ("Have a promo code?", "Add a note", <details>)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from executor_service.agents.base import RenderedValue
from executor_service.agents.matching import FIELD_THRESHOLD, field_score, is_field, names_key
from executor_service.browser.snapshot import SnapshotElement


def is_closed_disclosure(element: SnapshotElement) -> bool:
    """A control that shows a hidden section when pressed: a closed <details> summary, or a button marked collapsed
    (aria-expanded=false) that opens no list, menu or dialog."""
    if element.kind != "control" or element.disabled or element.expanded != "false":
        return False
    return element.tag == "summary" or (element.is_clickable and element.haspopup in ("", "false"))


def is_open_disclosure(element: SnapshotElement) -> bool:
    """A control whose hidden section is shown now (an open <details> summary, a button marked expanded that opens
    no list, menu or dialog): pressing it again only hides the section, it never sends or moves anything on."""
    if element.kind != "control" or element.expanded != "true":
        return False
    return element.tag == "summary" or (element.is_clickable and element.haspopup in ("", "false"))


def disclosure_for(elements: Iterable[SnapshotElement], pending: Mapping[str, RenderedValue],
                   opened: set[str]) -> tuple[str, SnapshotElement] | None:
    """(key, the closed section's control) for a pending key no field on the page takes and whose words the
    control's name holds ("promo_code" / "Gift card or discount code"); each control is opened once at most."""
    elements = list(elements)
    closed = [e for e in elements if is_closed_disclosure(e) and disclosure_key(e) not in opened]
    if not closed:
        return None
    fields = [e for e in elements if is_field(e) and not e.disabled]
    for key, rendered in pending.items():
        if any(field_score(key, rendered.value, f) >= FIELD_THRESHOLD for f in fields):
            continue  # the key has its field in sight: the section is about something else
        named = [e for e in closed if names_key(key, e.name or e.text)]
        if len(named) == 1:
            return key, named[0]
    return None


def disclosure_key(element: SnapshotElement) -> str:
    """What identifies a disclosure control across looks at the page."""
    return f"{element.tag}|{(element.name or element.text).casefold()}"
