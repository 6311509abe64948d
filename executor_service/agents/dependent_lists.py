"""A value offered only once another list is chosen: the team "Payroll", whose list fills in when its department
is picked; the countries of a region, the models of a make. The options of a list followed by another are tried,
unrecorded (``browser.dependent_lists``), until some list offers the value; that option is then chosen as a step of
its own, bound to the value's parameter so that code replays it for the next run's value, and the value goes in
on the agent's next look as usual."""

from __future__ import annotations

from collections.abc import Iterable

from playwright.async_api import Error as PlaywrightError

from executor_service.agents.acting import Actor, words_of
from executor_service.agents.base import RenderedValue
from executor_service.agents.matching import is_free_text, iso_date, names_key
from executor_service.browser.dependent_lists import MAX_TRIED, lists_on, option_listing, probed_values
from executor_service.browser.snapshot import Snapshot, SnapshotElement, element_handle

# The most words a value a list offers has ("Accounts payable", "Dominican Republic"); longer ones are prose.
_MAX_WORDS = 5


def _names_a_choice(value: str) -> bool:
    """A few words with a letter, not prose or a datum. A bare number is left out: a month's list fills in its
    days, yet "12" is no day to choose."""
    return (
        any(c.isalpha() for c in value) and "@" not in value and iso_date(value) is None
        and not is_free_text(value) and len(value.split()) <= _MAX_WORDS
    )


def parents(snapshot: Snapshot, taken: set[int], keys: Iterable[str] | None = None) -> list[SnapshotElement]:
    """Lists that may fill in the list after them: enabled, single-choice, two to ``MAX_TRIED`` real options, taken
    by no value, and followed in their form by a list that waits for them (disabled, or no real option yet:
    "Choose a department first") or whose name is one of ``keys`` ("Country" showing another region's countries).
    ``keys`` None: any list followed by another (a first, cheap look)."""
    selects = [e for e in snapshot.elements if e.tag == "select" and not e.multiple]
    found = []
    for n, element in enumerate(selects):
        if element.disabled or element.index in taken:
            continue
        if not 2 <= len([o for o in element.options if o.value.strip()]) <= MAX_TRIED:
            continue
        after = next((later for later in selects[n + 1:] if later.form == element.form), None)
        if after is None:
            continue
        waiting = after.disabled or not any(o.value.strip() for o in after.options)
        if keys is None or waiting or any(names_key(key, after.label or after.name) for key in keys):
            found.append(element)
    return found


async def choose_parent(
    actor: Actor, snapshot: Snapshot, pending: dict[str, RenderedValue], taken: set[int], tried: set[str]
) -> SnapshotElement | None:
    """Choose, recorded, the option of a list that makes another list offer one of the ``pending`` values, and
    return that list; None when none does (each list tried is left as it was). ``tried`` holds the lists already
    tried for the values asked, never tried again for them."""
    choices = {key: rendered.value for key, rendered in pending.items() if _names_a_choice(rendered.value)}
    if not choices or not parents(snapshot, taken):
        return None  # most pages: no list followed by another, and nothing read from the page for it
    asked = probed_values(choices, await lists_on(actor.page))
    for parent in parents(snapshot, taken, asked) if asked else []:
        mark = f"{parent.attr_name or parent.id or parent.index}:{sorted(asked.values())}"
        handle = await element_handle(actor.page, parent)
        if mark in tried or handle is None:
            continue
        tried.add(mark)
        found = await option_listing(actor.page, handle, asked)
        if found is None:
            continue
        key, text = found
        intent = f"Choose {text} in {parent.label or parent.name} to list the {words_of(key)}"
        try:
            await actor.recorder.select(actor.page, handle, text, intent=intent)
        except PlaywrightError:
            return None
        source = pending[key].parameter_key
        if source and actor.recorder.actions:
            # Code replays it as "the option that lists this run's value" (page.select_listing), not as this option.
            actor.recorder.actions[-1].bindings.add(field="lists", source=source, text=pending[key].value, whole=True)
        return parent
    return None

