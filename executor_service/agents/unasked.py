"""A "No" the page never asks about: nothing to switch off, so it holds as the page stands."""

from __future__ import annotations

from executor_service.agents.filling import Progress, identity
from executor_service.agents.matching import FIELD_THRESHOLD, field_score, is_field
from executor_service.browser.snapshot import Snapshot, SnapshotElement
from services.booleans import parse_boolean


def _toggle(element: SnapshotElement) -> bool:
    return element.type in ("checkbox", "radio") or element.role in ("checkbox", "radio", "switch", "menuitemcheckbox")


def unasked_noes(snapshot: Snapshot, progress: Progress) -> dict[str, str]:
    """The pending keys to leave out, each with its reason, when every one of them says no ("half_day: No") and
    the page about to be sent neither asks them nor has anything switched on that this block did not switch on
    itself: a "No" means "do not turn it on", and nothing is. Empty when any pending value says more than no, when
    a field fits a key other than a box left unticked (a list whose options it cannot name: "No" is not "Never"), or
    when a box or switch is on that the block did not turn on (it may be the very thing, under another name). The
    words of no are the ones the replayed code's check reads too (``RunContext.says_no``)."""
    pending = progress.pending
    if not pending or any(parse_boolean(rendered.value) is not False for rendered in pending.values()):
        return {}
    mine = set(progress.entered_at.values()) | progress.typed_ids
    for element in snapshot.elements:
        if identity(element) in mine:
            continue
        if element.checked and _toggle(element):
            return {}
        if any(o.selected and parse_boolean(o.text) for o in element.options):
            return {}  # "Keep me updated: Yes" chosen by the page is something on, however it is called
    for key, rendered in pending.items():
        for element in snapshot.elements:
            if not is_field(element) or (_toggle(element) and not element.checked):
                continue
            if field_score(key, rendered.value, element, rendered.description) >= FIELD_THRESHOLD:
                return {}
    return {key: "its value says no, and the page neither asks it nor has anything on that this block did not "
                 "turn on" for key in pending}
