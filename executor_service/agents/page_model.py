"""One reading of the page for both agents: which field, group or option each payload key fits (with scores),
and how well each control fits the goal. The heuristic agent acts on it; the LLM agent is shown it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from executor_service.agents.choices import assign_choices, goal_options
from executor_service.agents.controls import control_score
from executor_service.agents.dates import DateGroup, assign_date_groups, date_groups
from executor_service.agents.field_assignment import Assignment, assign_fields
from executor_service.agents.matching import field_score
from executor_service.agents.named_lists import lists_named_by_value
from executor_service.browser.snapshot import Snapshot, SnapshotElement

TOP_CONTROLS = 5


@dataclass
class PageModel:
    """What the page offers for this block's payload and goal."""

    snapshot: Snapshot
    choices: list[tuple[str, SnapshotElement, bool]] = field(default_factory=list)  # (key, option, tick)
    dates: list[tuple[str, DateGroup]] = field(default_factory=list)
    fields: Assignment = field(default_factory=Assignment)
    controls: list[tuple[float, SnapshotElement]] = field(default_factory=list)  # best first
    # Choices the goal names by their text, not given as payload: (select or radio, option text).
    goal_choices: list[tuple[SnapshotElement, str]] = field(default_factory=list)
    # Lists a value names by their label, with the option the key's words name in each: (key, select, option).
    named_lists: list[tuple[str, SnapshotElement, str]] = field(default_factory=list)
    # Every payload key's best single fields with their scores, best first (taken or not).
    ranked: dict[str, list[tuple[float, SnapshotElement]]] = field(default_factory=dict)

    def matched_keys(self) -> set[str]:
        return ({k for k, _, _ in self.choices} | {k for k, _ in self.dates} | {k for k, _ in self.fields}
                | {k for k, _, _ in self.named_lists})

    def hints(self) -> dict[int, str]:
        """Element index -> what the reading suggests for it ("payload key 'email'", "goal fit 92")."""
        found: dict[int, str] = {}
        for key, element, tick in self.choices:
            found[element.index] = f"{'tick' if tick else 'untick'} for payload key {key!r}"
        for key, group in self.dates:
            for part, element in group.parts:
                found[element.index] = f"the {part} of payload key {key!r}"
        for key, element in self.fields:
            found[element.index] = f"payload key {key!r}"
        for element, text in self.goal_choices:
            found[element.index] = f"choose {text!r} (the goal names it)"
        for key, element, text in self.named_lists:
            found[element.index] = f"choose {text!r} for payload key {key!r} (its value names this list)"
        for score, element in self.controls:
            found.setdefault(element.index, f"goal fit {score:.0f}")
        return found

    def candidates(self) -> dict[str, list[tuple[str, float]]]:
        """For every payload key: its best fields with scores (also those not taken, for a reason)."""
        return dict(self.fields.candidates)


def read_page(
    snapshot: Snapshot,
    payload: Mapping[str, str],
    goal: str,
    *,
    login: bool = False,
    forms: set[int] | None = None,
    filled: set[int] | None = None,
    entered: Iterable[str] = (),
    described: Mapping[str, str] | None = None,
) -> PageModel:
    """Match the payload to the page: radio groups and checkbox lists first (a value that is an option's text),
    then dates split over several fields, then every other field by one global assignment; rank the controls.
    ``filled``: fields already holding a value this block entered for another key, which no key may take.
    ``entered``: values this block entered before: a radio group showing one of them checked is that key's.
    ``described``: what the workflow says each parameter is, by payload key (names of the keys too)."""
    described = described or {}
    model = PageModel(snapshot)
    model.choices = assign_choices(payload, snapshot.elements, described=described)
    chosen = {k for k, _, _ in model.choices}
    taken = {e.index for _, e, _ in model.choices} | (filled or set())
    rest = {k: v for k, v in payload.items() if k not in chosen}
    model.named_lists = lists_named_by_value(rest, snapshot.elements, taken)
    for key, element, _ in model.named_lists:
        taken.add(element.index)
        rest.pop(key)
    groups = date_groups(e for e in snapshot.elements if e.index not in taken)
    if groups:
        in_groups = set().union(*(g.indexes for g in groups))
        singles = [e for e in snapshot.elements if e.index not in taken and e.index not in in_groups]
        best = {k: max((field_score(k, v, e, described.get(k, "")) for e in singles), default=0.0)
                for k, v in rest.items()}
        model.dates = assign_date_groups(rest, groups, best)
        for key, group in model.dates:
            taken |= group.indexes
            rest.pop(key, None)
    model.fields = assign_fields(rest, [e for e in snapshot.elements if e.index not in taken], described=described)
    for key, value in payload.items():
        scored = sorted(((field_score(key, value, e, described.get(key, "")), e) for e in snapshot.elements),
                        key=lambda p: -p[0])
        model.ranked[key] = [(round(score, 1), e) for score, e in scored[:8] if score > 0]
    taken |= {e.index for _, e in model.fields}
    model.goal_choices = goal_options(goal, snapshot.elements, taken, entered)
    ranked = sorted(
        ((control_score(goal, e, login=login, forms=forms), e) for e in snapshot.elements),
        key=lambda p: (-p[0], p[1].index),
    )
    model.controls = [(score, e) for score, e in ranked[:TOP_CONTROLS] if score > 0]
    return model


def describe_model(model: PageModel) -> list[str]:
    """The reading as lines for a prompt: what each payload key fits (element numbers and scores) and which
    controls fit the goal best. Names and numbers only, never a payload value."""
    lines = []
    chosen = {k: f"options {', '.join(f'[{e.index}]' for kk, e, t in model.choices if kk == k and t)}"
              for k, _, _ in model.choices}
    chosen |= {k: "date parts " + ", ".join(f"{part} [{e.index}]" for part, e in g.parts) for k, g in model.dates}
    chosen |= {k: f"field [{e.index}]" for k, e in model.fields}
    chosen |= {k: f"the option its words name in list [{e.index}]" for k, e, _ in model.named_lists}
    for key, ranked in model.ranked.items():
        best = ", ".join(f"[{e.index}] {score}" for score, e in ranked) or "none"
        tied = " (a tie: not chosen)" if key in model.fields.ambiguous else ""
        lines.append(f"- payload key {key!r}: {chosen.get(key, 'no match' + tied)}; best fields: {best}")
    for element, text in model.goal_choices:
        lines.append(f"- the goal names the option {text!r}: [{element.index}]")
    if model.controls:
        lines.append("- controls for the goal: " + ", ".join(f"[{e.index}] {score:.0f}" for score, e in model.controls))
    return lines

