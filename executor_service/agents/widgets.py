"""Custom widgets a plain field match misses: div listboxes, dropdown buttons, autocomplete comboboxes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from playwright.async_api import ElementHandle
from playwright.async_api import Error as PlaywrightError

from executor_service.agents.acting import Actor, option_score, words_of
from executor_service.agents.base import RenderedValue
from executor_service.agents.choices import OFF_KEY, split_values
from executor_service.agents.controls import CHOOSING_NAME
from executor_service.agents.matching import FIELD_THRESHOLD, concept_score, normalise, says_which, similarity
from executor_service.browser.clock_times import clock_minutes
from executor_service.browser.number_bands import number_of
from executor_service.browser.snapshot import SnapshotElement, element_handle, take_snapshot
from executor_service.browser.value_checks import names_whole


def is_widget(element: SnapshotElement) -> bool:
    """A listbox, a combobox, or a button that opens a list (aria-expanded / aria-haspopup)."""
    if element.disabled or element.kind != "control" or element.tag in ("select", "summary"):
        return False  # a <details> summary opens a section, not a list
    return (
        element.role in ("listbox", "combobox")
        or element.expanded in ("false", "true")
        or element.haspopup in ("listbox", "menu", "true")
    )


def widget_score(key: str, element: SnapshotElement) -> float:
    """How well a key names a widget: its label, name, caption or placeholder."""
    names = [n for n in (*element.labels, element.name, *element.context, element.placeholder) if n]
    return max((max(similarity(key, n), concept_score(key, n)) for n in names), default=0.0)


async def enter_widget(actor: Actor, key: str, rendered: RenderedValue) -> SnapshotElement | None:
    """Enter a value through a custom widget the key names: type into a combobox and pick the suggestion, or
    open a dropdown button and pick the option, or pick the option of a listbox shown already. Observes the page
    afresh (an earlier widget may have changed it). None when no widget took the value."""
    value = rendered.value
    snapshot = await take_snapshot(actor.page)
    scored = sorted(
        ((widget_score(key, e), e) for e in snapshot.elements if is_widget(e)), key=lambda p: (-p[0], p[1].index)
    )
    scored = [(score, e) for score, e in scored if score >= FIELD_THRESHOLD]
    options = [e for e in snapshot.elements if e.role == "option" and not e.disabled]
    handles = await actor.handles([*(e for _, e in scored), *options])
    for _, element in scored:
        handle = handles.get(element.index)
        if handle is None:
            continue
        try:
            if element.role == "combobox" and element.tag == "input":
                await actor.recorder.fill(actor.page, handle, value, intent=f"Type the {words_of(key)}",
                                          parameter_key=rendered.parameter_key or None, payload_key=key)
            elif element.role != "listbox" and element.expanded != "true":
                await actor.recorder.click(actor.page, handle, intent=f"Open the {words_of(key)} list",
                                           irreversible=False)
        except PlaywrightError:
            continue
        if await actor.pick_option(key, value, near=element):
            return element
    # The value itself names an option of a list on the page: that decides, whatever the key is called.
    exact = [o for o in options if option_score(value, o) == 100.0]
    if len(exact) == 1:
        handle = handles.get(exact[0].index)
        if handle is not None:
            chose = await _click_for(actor, handle, key, f"Choose {value} as the {words_of(key)}")
            return exact[0] if chose else None
    toggled = await _set_named_toggles(actor, key, value, snapshot.elements)
    if toggled is not None:
        return toggled
    pressed = await _press_named_choice(actor, key, value, snapshot.elements)
    if pressed is not None:
        return pressed
    tried = {e.index for _, e in scored}
    return await _look_in_dropdowns(actor, key, value, [e for e in snapshot.elements if _closed_dropdown(e)
                                                        and e.index not in tried][:_MAX_LOOKS])


async def _set_named_toggles(
    actor: Actor, key: str, value: str, elements: Sequence[SnapshotElement]
) -> SnapshotElement | None:
    """Switches or boxes the value names, each item exactly one toggle's own name ("Weekly summary, Due date
    reminders"): turned on, or off when the key says so ("turn_off"). None unless every item names one."""
    toggles = [e for e in elements if (e.role in ("switch", "checkbox") or e.type == "checkbox") and not e.disabled]
    chosen: list[SnapshotElement] = []
    for item in split_values(value):
        named = [t for t in toggles if option_score(item, t) == 100.0]
        if len(named) != 1:
            return None
        chosen.append(named[0])
    if not chosen:
        return None
    actor.turned.extend(chosen)
    on = not OFF_KEY.search(key)
    for toggle in chosen:
        handle = await element_handle(actor.page, toggle)
        if handle is None:
            return None
        # Set, not clicked: a click toggles whatever state the next run's page is in. One already as asked is
        # recorded too (nothing is clicked), so the code sets every item of the next run's input.
        name = toggle.name or toggle.text
        setting = actor.recorder.check if on else actor.recorder.uncheck
        try:
            await actor.past_covers(handle, partial(setting, actor.page, handle, payload_key=key, each=True,
                                                    intent=f"Turn {'on' if on else 'off'} {name!r}"))
        except PlaywrightError:
            return None
    return chosen[0]


async def _press_named_choice(
    actor: Actor, key: str, value: str, elements: Sequence[SnapshotElement]
) -> SnapshotElement | None:
    """A choice made by pressing the button that is the value itself (a colour swatch "Oat", a size "L", a time
    slot "19:30"): exactly one such button that sends no form, or exactly one under a caption the key names."""
    buttons = [
        e for e in elements
        if e.kind == "control" and e.role in ("button", "radio", "option", "tab", "switch") and e.tag != "a"
        and not e.submits and not e.disabled and (option_score(value, e) == 100.0 or _key_then_value(key, value, e))
    ]
    if len(buttons) > 1 or not (re.search(r"[^\W\d_]", value) or clock_minutes(value) is not None):
        # Several, or a bare number ("2"): only under a caption the key names (a pager's "2" is no quantity). A time
        # of day ("13:30") is no bare number: the one slot showing it is the one asked for.
        buttons = [e for e in buttons if any(max(similarity(key, c), concept_score(key, c)) >= FIELD_THRESHOLD
                                             for c in e.context[:2])]
    if not buttons:
        buttons = card_choices(value, elements)
    if not buttons:
        buttons = _other_amount(value, elements)
    if len(buttons) != 1:
        return None
    handle = await element_handle(actor.page, buttons[0])
    shown = buttons[0].name or buttons[0].text
    intent = (f"Choose {shown!r} for the {words_of(key)}" if presses_other_sum(buttons[0], value)
              else f"Choose {value} as the {words_of(key)}")
    if handle is None or not await _click_for(actor, handle, key, intent):
        return None
    return buttons[0]


# The button of a group of sums that stands for any other ("Other", "Other amount", "Custom amount").
_OTHER_SUM = re.compile(r"^\W*(?:other|custom|another|enter)\b(?:\s+(?:amount|sum|value))?\W*$", re.IGNORECASE)


def presses_other_sum(element: SnapshotElement, value: str) -> bool:
    """Whether pressing ``element`` for ``value`` chose "Other" among sums: the value goes into what it shows."""
    return number_of(value) is not None and bool(_OTHER_SUM.match(element.name or element.text))


def _other_amount(value: str, elements: Sequence[SnapshotElement]) -> list[SnapshotElement]:
    """The "Other" button of a group of sum buttons (£10, £25, £50, Other) for a sum none of them is: pressed, it
    shows the box the sum goes into. Only in a named group whose other buttons are each one number."""
    if number_of(value) is None:
        return []
    pressable = [e for e in elements if e.kind == "control" and e.role == "button" and e.tag != "a"
                 and not e.submits and not e.disabled and e.group]
    found = []
    for other in (e for e in pressable if _OTHER_SUM.match(e.name or e.text)):
        sums = [e for e in pressable if e.group == other.group and e is not other]
        if len(sums) >= 2 and all(number_of(e.name or e.text) is not None for e in sums):
            found.append(other)
    return found


# A choosing verb before a swatch's list and value ("Select colour Ecru").
_CHOOSE_VERB = re.compile(r"^(?:select|choose|pick)\s+(?:the\s+)?", re.I)


def _key_then_value(key: str, value: str, element: SnapshotElement) -> bool:
    """A swatch named for its list and its value ("Colour: Navy", "Size - M", or run on after a choosing verb:
    "Select colour Ecru"): the words before the value name the key, the last words are the value itself."""
    name = " ".join((element.name or element.text).split())
    wanted = " ".join(value.split())
    head, sep, tail = name.rpartition(":") if ":" in name else name.rpartition(" - ")
    if not sep and wanted and _CHOOSE_VERB.match(name) and name.casefold().endswith(" " + wanted.casefold()):
        head, sep, tail = _CHOOSE_VERB.sub("", name[: -len(wanted)]), " ", wanted
    if not sep or not head.strip() or tail.strip().casefold() != wanted.casefold():
        return False
    return max(similarity(key, head), concept_score(key, head)) >= FIELD_THRESHOLD




def card_choices(value: str, elements: Sequence[SnapshotElement]) -> list[SnapshotElement]:
    """The choosing buttons of the cards a value names ("Select" on the card headed "Unlimited Max", whose
    accessible name may be "Select: Unlimited Max"): the button's own words only choose, and its name or its card
    holds the value as whole words. Only a value that says which item (words, not a bare number)."""
    if not says_which(value):
        return []
    words = r"\s+".join(re.escape(w) for w in value.split())
    # The value as a whole name: nothing but a price, a figure or the text's end after it ("Unlimited Max £30"),
    # where "Unlimited Max Family" goes on with a word of a longer name.
    whole = re.compile(rf"(?<![\w-]){words}(?=\s*(?:$|[^\w\s]|\d))", re.I)
    # A button naming its card by a longer name ("Choose this plan: Unlimited Max" for "Unlimited") is another
    # item's, whatever its card goes on to say of the value ("Unlimited data · £30", "Everything in Unlimited").
    longer = re.compile(rf"^\W*{words}\s+[^\W\d_]", re.I)
    found = []
    for e in elements:
        if e.kind != "control" or e.role != "button" or e.tag == "a" or e.submits or e.disabled:
            continue
        own = normalise(e.text or e.name)
        if not CHOOSING_NAME.match(own) and not CHOOSING_NAME.match(normalise((e.name or "").split(":")[0])):
            continue
        heading = (e.name or "").split(":", 1)[1] if ":" in (e.name or "") else ""
        if longer.match(heading):
            continue
        if names_whole(value, f"{e.name} · {e.row}"):
            found.append(e)
    named = [e for e in found if whole.search(e.name) or whole.search(e.row)]
    return named if len(named) == 1 else found


async def _click_for(actor: Actor, handle: ElementHandle, key: str, intent: str) -> bool:
    """One recorded click that enters ``key`` (a choice, not a submit); False when the page refused it. A banner
    that came up since the page was looked at (a late cookie notice over the cards) is dismissed first."""
    try:
        await actor.past_covers(handle, lambda: actor.recorder.click(actor.page, handle, intent=intent,
                                                                     irreversible=False, payload_key=key))
    except PlaywrightError:
        return False
    return True


# How many dropdowns named otherwise are opened to look for a value before the key is called unplaced.
_MAX_LOOKS = 4


def _closed_dropdown(element: SnapshotElement) -> bool:
    return (is_widget(element) and element.role != "combobox" and element.tag != "input"
            and element.haspopup in ("listbox", "true") and element.expanded != "true")


def _names_value(value: str, option: SnapshotElement) -> bool:
    """Whether an option is the value itself, or the value followed by its details ("Admin" over "Can manage
    members and billing"): what settles a list the key does not name, when exactly one option does it."""
    wanted = value.strip().casefold()
    name = (option.name or option.text).strip().casefold()
    return bool(wanted) and (option_score(value, option) == 100.0 or (name.startswith(wanted)
                                                                      and option_score(value, option) >= 90.0))


async def _look_in_dropdowns(
    actor: Actor, key: str, value: str, dropdowns: list[SnapshotElement]
) -> SnapshotElement | None:
    """A dropdown the key does not name ("Permission level" for role) may still list the value: open each, and
    when exactly one of its options is the value itself (or leads its text), choose it (the opening and the choice
    recorded, as a person would make them); otherwise close it again, unrecorded: looking changed nothing."""
    page = actor.page
    for dropdown in dropdowns:
        handle = await element_handle(page, dropdown)
        if handle is None:
            continue
        try:
            await handle.click()
            await actor.wait_for_change(800)
            listed = await take_snapshot(page)
            options = [o for o in listed.elements if o.role == "option" and not o.disabled]
            own = [o for o in options if dropdown.controls and o.owner in dropdown.controls.split()]
            exact = [o for o in own or options if _names_value(value, o)]
            await page.keyboard.press("Escape")
            if await handle.get_attribute("aria-expanded") == "true":
                await handle.click()  # a list Escape does not close: its button toggles it
        except PlaywrightError:
            continue
        if len(exact) != 1:
            continue
        try:
            await actor.recorder.click(page, handle, intent=f"Open the {words_of(key)} list", irreversible=False)
        except PlaywrightError:
            continue
        if await actor.pick_option(key, value, near=dropdown):
            return dropdown
    return None
