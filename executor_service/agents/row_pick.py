"""Picking one item of a list by a value the user gave: the row, list item or card that shows it, and its button."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from executor_service.agents.base import RenderedValue
from executor_service.agents.controls import CHOOSING_NAME, control_score
from executor_service.agents.matching import normalise, says_which
from executor_service.browser.snapshot import SnapshotElement
from executor_service.browser.whole_words import whole_words


@dataclass(frozen=True)
class RowPick:
    """The pending key a list item shows, and the control to click in that item."""

    key: str
    control: SnapshotElement


def pick_row(elements: Iterable[SnapshotElement], pending: Mapping[str, RenderedValue], goal: str) -> RowPick | None:
    """The item of a list (rooms, plans, appointments, search results) whose text shows a pending value as whole
    words, when exactly one item does, and the control in it to click. The items must be a list a person picks
    from: two or more, each with its own control of the same name ("Select", "Book this room"). A value shown only
    as a control's own name is not enough (a menu's "London office" link for city=London), and neither is a value
    two items show (either may be the one meant). A list of which one item is on offer (the other rooms "Not
    available for 4 guests") is picked by that item's own choosing button only ("Choose", "Select"), or by the one
    that names the goal's own action in its words ("Book this room" to "Book this room type ...")."""
    clickable = [e for e in elements if e.kind == "control" and e.is_clickable and not e.disabled and e.row]
    rows = {e.row for e in clickable}
    if not rows:
        return None
    for key, rendered in pending.items():
        value = rendered.value.strip()
        if not says_which(value) or len(value) > 120:
            continue
        words = whole_words(value)
        holding = {row for row in rows if words.search(row)}
        if len(holding) != 1:
            continue
        row = holding.pop()
        inside = [e for e in clickable if e.row == row]
        # The item shows the value beside its control, not only as the control's own name (a menu link).
        if not words.search(_without_controls(row, inside)):
            continue
        repeated = [e for e in inside if _name(e) and sum(1 for other in rows if _has_control(clickable, other,
                                                                                              _name(e))) >= 2]
        if len(rows) == 1:
            repeated = [e for e in inside if CHOOSING_NAME.match(_name(e)) or _says_the_goal(goal, e)]
        if not repeated:
            continue
        scored = sorted(((control_score(goal, e), e) for e in repeated), key=lambda pair: (-pair[0], pair[1].index))
        if len(scored) > 1 and scored[0][0] == scored[1][0] and _name(scored[0][1]) != _name(scored[1][1]):
            continue  # two different controls in the item fit the goal alike: either may be the wrong one
        return RowPick(key, scored[0][1])
    return None


def _says_the_goal(goal: str, element: SnapshotElement) -> bool:
    """Whether a control's name is the goal's own action in the goal's words ("Book this room" for "Book this room
    type for these dates"): it starts with the goal's verb and has no word the goal does not."""
    said, wanted = _name(element).split(), normalise(goal).split()
    return bool(said) and bool(wanted) and said[0] == wanted[0] and set(said) <= set(wanted)


def _name(element: SnapshotElement) -> str:
    return normalise(element.name or element.text)


def _has_control(clickable: list[SnapshotElement], row: str, name: str) -> bool:
    return any(e.row == row and _name(e) == name for e in clickable)


def _without_controls(row: str, controls: list[SnapshotElement]) -> str:
    """The item's text with its controls' own names taken out."""
    for element in controls:
        for said in (element.name, element.text):
            if said:
                row = row.replace(said, " ")
    return row
