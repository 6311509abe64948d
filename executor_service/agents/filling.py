"""What one block of the heuristic agent has done so far, and entering the payload into what the page offers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from executor_service.agents.acting import Actor, option_score, withheld_keys, words_of
from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.agents.choices import answered_questions
from executor_service.agents.controls import control_key_of, search_term
from executor_service.agents.dependent_lists import choose_parent
from executor_service.agents.line_items import enter_line_items
from executor_service.agents.matching import FIELD_THRESHOLD, is_field, normalise, says_which, shape_refuses, truthy
from executor_service.agents.numbered_fields import enter_listed
from executor_service.agents.page_model import PageModel, read_page
from executor_service.agents.widgets import card_choices, enter_widget, presses_other_sum
from executor_service.browser.box_widths import box_width
from executor_service.browser.list_parts import list_items
from executor_service.browser.name_parts import FAMILY, GIVEN, field_part, intent_for, name_part, whole_name_key
from executor_service.browser.page_events import page_events
from executor_service.browser.snapshot import Snapshot, SnapshotElement, element_handle, take_snapshot
from executor_service.browser.value_checks import names_whole
from executor_service.browser.value_formats import parse_date
from executor_service.runtime.line_items import parse_lines
from services.answers import answer_intent

_TEXT_TYPES = ("text", "email", "tel", "number", "url", "search", "")
_OPTIONAL = re.compile(r"\b(optional|if any)\b", re.I)
_BUSY_JS = "() => !!Array.from(document.querySelectorAll('[aria-busy=true]')).find((e) => e.offsetParent !== null)"


@dataclass
class Progress:
    """What one block has done so far."""

    pending: dict[str, RenderedValue]
    clicked: list[str]  # irreversible clicks made (by replayed code, or by us): never made twice
    entered: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # key -> (value, element index, type)
    searched: set[str] = field(default_factory=set)  # controls not to press again (a search, a promo's "Apply")
    search_typed: bool = False  # the goal's search words went into the search box
    sought: list[str] = field(default_factory=list)  # values typed into a list's search to find the item they name
    after_step: bool = False  # the last click was a wizard's step ("Next", "Continue", "Review")
    forms: set[int] = field(default_factory=set)  # forms (or regions) filled since the last click
    unsent: bool = False  # the replayed code taken over from entered values that no click has sent yet
    retried: set[str] = field(default_factory=set)  # controls whose click failed once and was tried again
    widgets: set[str] = field(default_factory=set)  # dropdown buttons that took a value (never the send control)
    # The words of buttons that chose a value ("Choose this plan"): their siblings on the other cards only choose
    # another value, never send the form.
    choosers: set[str] = field(default_factory=set)
    entered_at: dict[str, str] = field(default_factory=dict)  # key -> identity of the field it went into
    rendered: dict[str, RenderedValue] = field(default_factory=dict)  # key -> its value, once entered
    typed_at: set[int] = field(default_factory=set)  # every field a value went into (each part of a date too)
    typed_ids: set[str] = field(default_factory=set)  # the same fields by identity, for later looks at the page
    # Dropdowns the replayed code taken over from chose a done key's option in (identity -> the option's value).
    kept_lists: dict[str, str] = field(default_factory=dict)
    # Dropdowns this block chose a key's option in (identity -> the option's text as read back).
    chosen_lists: dict[str, str] = field(default_factory=dict)
    openers: set[str] = field(default_factory=set)  # controls that opened a form to fill, before anything was entered
    opened: set[str] = field(default_factory=set)  # collapsed sections opened for a pending key (never closed again)
    late_waits: int = 0
    last: PageModel | None = None
    pressed: str = ""  # the control the last step pressed (its key): pressed again with nothing entered, it is watched
    asked: bool = False  # the last press opened a modal dialog that asks before going on ("Submit the report?")
    broken: str = ""  # why values could not go in (a list's row refused its part): nothing is to be sent then
    answered: set[str] = field(default_factory=set)  # keys that answered a yes/no question (never answered twice)
    cascades: set[str] = field(default_factory=set)  # lists tried for values they might make another list offer

    def typed_into(self, elements: Iterable[SnapshotElement]) -> None:
        """Note the fields a value (or one part of it) just went into."""
        for element in elements:
            self.typed_at.add(element.index)
            self.typed_ids.add(identity(element))


async def fill_page(actor: Actor, task: AgentTask, progress: Progress, *, again: bool = True) -> tuple[set[int], bool]:
    """Enter every pending value the page has a place for: options of radio groups and checkbox lists, dates
    split over several fields, plain fields, then custom widgets; then repeat what a confirm field asks
    again and tick the boxes the goal accepts. Returns the forms acted in and whether anything was done. When a
    button pressed on the way reloaded the page (a postcode's "Find address" answered by the server), values it
    wiped are entered again, once."""
    navigations = page_events(actor.page).navigations
    forms, acted = await _fill_once(actor, task, progress)
    if again and page_events(actor.page).navigations > navigations and await _wiped(actor, progress):
        more, acted_again = await fill_page(actor, task, progress, again=False)
        return forms | more, acted or acted_again
    return forms, acted


async def _wiped(actor: Actor, progress: Progress) -> bool:
    """Put back among the pending keys those whose field the reloaded page shows again, empty: True if any."""
    snapshot = await take_snapshot(actor.page)
    # Typed and chosen values only: a box or radio left unticked may be what was asked.
    shown = {identity(e): e for e in snapshot.elements
             if is_field(e) and e.type not in ("checkbox", "radio") and e.role not in ("checkbox", "radio", "switch")}
    lost = [
        key for key, at in progress.entered_at.items()
        if key in progress.entered and key in progress.rendered and at in shown and not shown[at].value.strip()
    ]
    for key in lost:
        progress.pending[key] = progress.rendered[key]
        del progress.entered[key]
    return bool(lost)


async def _fill_once(actor: Actor, task: AgentTask, progress: Progress) -> tuple[set[int], bool]:
    pending, forms, acted = progress.pending, set[int](), False
    for key in [k for k, v in pending.items() if parse_lines(v.value) is not None]:
        # A list of records, one per line: into the page's repeated rows when it has them (else a text box may take
        # it whole). Tried, it is done either way: a row that refused its part fails the block by its postcondition.
        rows = await enter_line_items(actor, key, pending[key])
        if rows is not None:
            rendered = pending.pop(key)
            progress.entered[key] = (rendered.value, -1, "rows")
            progress.rendered[key] = rendered
            acted = True
            for cell in rows.fields:  # taken by the lines: no other value goes there
                if cell.tag == "select":
                    progress.kept_lists[identity(cell)] = cell.value
                else:
                    progress.typed_ids.add(identity(cell))
            if rows.add is not None:
                progress.searched.add(control_key_of(rows.add))  # adds a row; never the form's send control
            if not rows.action.postcondition.verified:
                progress.broken = f"{rows.action.intent}: {rows.action.postcondition.observed}"
    snapshot = await take_snapshot(actor.page)
    for key in [k for k, v in pending.items() if list_items(v.value)]:
        # A list of several of one thing, one item per numbered field ("Age of traveler 1", ...), the count set first.
        listed = await enter_listed(actor, key, pending[key], snapshot)
        if listed is None:
            continue
        rendered = pending.pop(key)
        progress.entered[key] = (rendered.value, -1, "list")
        progress.rendered[key] = rendered
        progress.typed_ids.update(identity(e) for e in (*listed.fields, *([listed.count] if listed.count else [])))
        forms.update(e.form for e in listed.fields[:1] or ([listed.count] if listed.count else []))
        acted = True
        progress.broken = progress.broken or listed.broken()
        snapshot = await take_snapshot(actor.page)
    # Keys a ticked "same as shipping" box withholds wait for it to be unticked (Heuristic: reveal_withheld): the
    # billing street must not land in the shipping "Address line 2" meanwhile.
    held = withheld_keys(snapshot.elements, pending)
    model = read_page(snapshot, {k: v.value for k, v in pending.items() if k not in held}, task.goal,
                      filled=holding_entered(snapshot, progress),
                      entered=[value for value, _, _ in progress.entered.values()],
                      described={k: v.description for k, v in pending.items() if v.description})
    progress.last = model
    handles = await actor.handles([
        *(e for _, e, _ in model.choices),
        *(e for _, g in model.dates for _, e in g.parts),
        *(e for _, e in model.fields),
        *(e for e, _ in model.goal_choices),
        *(e for _, e, _ in model.named_lists),
    ])

    def took(key: str, element: SnapshotElement) -> None:
        nonlocal acted
        forms.add(element.form)
        acted = True
        rendered = pending.pop(key, None)
        if rendered is not None:
            progress.entered[key] = (rendered.value, element.index, element.type)
            progress.entered_at[key] = identity(element)
            progress.rendered[key] = rendered
            progress.typed_into([element])
        if element.tag == "select" and actor.recorder.actions:
            # An option naming more than the key's value ("37 Orchard Way, Lancaster, LA7 7PB" for the address)
            # gives the other values it names too: the town and postcode need no field of their own.
            shown = actor.recorder.actions[-1].postcondition.observed
            progress.chosen_lists[identity(element)] = shown.strip()
            for other in [k for k, v in pending.items() if says_which(v.value) and names_whole(v.value, shown)]:
                took(other, element)

    chosen: dict[str, bool] = {}
    for key, element, tick in model.choices:
        handle = handles.get(element.index)
        ok = handle is not None and await actor.choose(element, handle, key, tick)
        chosen[key] = chosen.get(key, True) and ok
        if ok:
            forms.add(element.form)
            acted = True
    for key, ok in chosen.items():
        if ok:
            took(key, next(e for k, e, _ in model.choices if k == key))
    for key, element, option in model.named_lists:
        handle = handles.get(element.index)
        intent = f"Choose {option} in {element.label} for the {words_of(key)}"
        if handle is not None and await actor.choose_named(element, handle, option, intent=intent):
            took(key, element)
    for key, group in model.dates:
        if await actor.enter_date_parts(key, pending[key], group, handles):
            took(key, group.parts[0][1])
            progress.typed_into(part for _, part in group.parts)
    for key, element in model.fields:
        pair = name_pair(model, key, pending[key].value)
        if pair:
            if await _enter_name(actor, pair, key, pending[key]):
                took(key, pair[0])
                progress.typed_into(pair)
            continue
        boxes = split_boxes(model, key, pending[key].value) if _width(element) else []
        if boxes:
            if await _enter_split(actor, boxes, key, pending[key]):
                took(key, boxes[0])
            continue
        handle = handles.get(element.index)
        try:
            entered = handle is not None and await actor.enter(element, handle, key, pending[key])
        except PlaywrightError:
            entered = False  # a read-only or covered field: another widget may take the value below
        if entered:
            took(key, element)
            pressed = await actor.press_companion(handle, key) if element.tag == "input" and handle else ""
            if pressed:
                acted = True
                progress.searched.add(pressed.casefold())  # applied once: never the block's own send
    for key in [k for k in model.fields.ambiguous if k in pending]:
        pair = name_pair(model, key, pending[key].value)
        if pair and await _enter_name(actor, pair, key, pending[key]):
            took(key, pair[0])
            progress.typed_into(pair)
            continue
        boxes = split_boxes(model, key, pending[key].value)
        if boxes and await _enter_split(actor, boxes, key, pending[key]):
            took(key, boxes[0])
    unplaced = model.matched_keys() | set(model.fields.ambiguous) | held | progress.answered
    questions = {k: v.value for k, v in pending.items() if k not in unplaced}
    for key, answer, details in answered_questions(questions, model.snapshot.elements):
        # A yes/no question the key names and no field took it: its answer, and the details that answer asks for
        # go into the one box it shows ("Please tell us what they are"); with no such box the key stays pending.
        progress.answered.add(key)
        handle = await element_handle(actor.page, answer)
        said = truthy(answer.label or answer.name)  # a yes/no answer (else "Other")
        # Recorded as the answer it gives, so code replays any value giving the same answer (ctx.answers).
        intent = answer_intent("yes" if said else "no", words_of(key)) if said is not None else ""
        if handle is None or not await actor.choose(answer, handle, key, True, intent=intent):
            continue
        forms.add(answer.form)
        acted = True
        if not details:
            took(key, answer)
            continue
        box = await _details_box(actor, model.snapshot, answer)
        box_handle = await element_handle(actor.page, box) if box is not None else None
        if box is not None and box_handle is not None and await actor.enter(box, box_handle, key, pending[key]):
            took(key, box)
    for key, boxes in unnamed_box_rows(model, {k: v.value for k, v in pending.items() if k not in held}).items():
        if await _enter_split(actor, boxes, key, pending[key]):
            took(key, boxes[0])
    offerable = {k: v for k, v in pending.items() if k not in held and k not in progress.answered and not v.secret}
    if offerable:
        # A value no list offers yet may be offered once the list before another is chosen (a team by its
        # department): the option that makes it appear is chosen, and the value goes in on the next look.
        taken = holding_entered(model.snapshot, progress) | {
            e.index for e in model.snapshot.elements
            if identity(e) in progress.typed_ids or identity(e) in progress.entered_at.values()}
        parent = await choose_parent(actor, model.snapshot, offerable, taken, progress.cascades)
        if parent is not None:
            forms.add(parent.form)
            acted = True
    for element, text in model.goal_choices:
        handle = handles.get(element.index)
        if handle is not None and await actor.choose_named(element, handle, text):
            forms.add(element.form)
            acted = True
    term = search_term(task.goal)
    if term and not progress.search_typed:
        box = search_box(model.snapshot, {e.index for _, e in model.fields})
        if box is not None and box.value.strip().casefold() != term.casefold():
            handle = await element_handle(actor.page, box)
            if handle is not None:
                # The goal's search words: the recorder finds the parameter they came from by value.
                await actor.recorder.fill(actor.page, handle, term, intent=f"Search for {term}")
                forms.add(box.form)
                acted = progress.search_typed = True
                await actor.wait_for_change(1500)  # a live search shows its results as one types
    for key in [k for k in pending if k not in held]:
        pending_value = pending[key].value
        widget = await enter_widget(actor, key, pending[key])
        if widget is not None and presses_other_sum(widget, pending_value):
            # "Other" of a group of sums (£10, £25, Other): the sum goes into the box it shows, or stays pending.
            box = await _details_box(actor, model.snapshot, widget)
            box_handle = await element_handle(actor.page, box) if box is not None else None
            if box is not None and box_handle is not None and await actor.enter(box, box_handle, key, pending[key]):
                took(key, box)
            continue
        if widget is not None:
            took(key, widget)
            if not widget.submits:
                # The list it opened took a value, the switch the value turned, the card's button that chose it: it
                # sends nothing, however well the goal names it ("turn on Product news and tips" names that switch,
                # not the Save button; "Selected: Unlimited Max" is the plan chosen, not the way on).
                progress.widgets.add(identity(widget))
                if widget.role == "button" and card_choices(pending_value, [widget]):
                    progress.choosers.add(normalise(widget.text or widget.name))
    progress.widgets.update(identity(turned) for turned in actor.turned)
    repeated = await actor.confirm_fields(progress.entered, forms)
    if repeated:
        forms |= repeated  # a password typed again fills its form as much as the first time did
        acted = True
    if await actor.tick_named_boxes(task.goal, forms):
        acted = True
    return forms, acted


# A box that asks for the details of an answer ("Please specify", "If yes, give details", "Tell us more").
_DETAILS = re.compile(r"\b(specify|details?|describe|tell us|explain|other)\b", re.IGNORECASE)


async def _details_box(actor: Actor, before: Snapshot, answer: SnapshotElement) -> SnapshotElement | None:
    """The one text box an answer just showed or enabled ("If yes, give details", "Please specify"), else the one
    empty box after it in its form that asks for details all along; None when there is none or several."""
    await actor.wait_for_change(1500)
    after = await take_snapshot(actor.page)
    was_off = {identity(e) for e in before.elements if e.disabled}
    shown = [*revealed_fields(before, after),
             *(e for e in after.elements if identity(e) in was_off and is_field(e) and not e.value)]
    boxes = list({identity(e): e for e in shown if _text_box(e)}.values())
    if not boxes:
        # Indexes count within one look: the answer's own in this one.
        at = next((e.index for e in after.elements if identity(e) == identity(answer)), len(after.elements))
        boxes = [e for e in after.elements
                 if _text_box(e) and is_field(e) and not e.value and e.form == answer.form and e.index > at
                 and _DETAILS.search(" ".join((e.label, e.name, e.placeholder, *e.context[:1])))]
    return boxes[0] if len(boxes) == 1 else None


def _text_box(element: SnapshotElement) -> bool:
    return element.tag == "textarea" or (element.tag == "input" and element.type in _TEXT_TYPES)


def split_boxes(model: PageModel, key: str, value: str) -> list[SnapshotElement]:
    """The row of small boxes one value is split over ("Sort code, first two digits", "…middle…", "…last…"): the
    fields that fit the key, all in the best one's form, whose widths (maxlength, or the count a label says) add up to
    the value's letters and digits. Each box then takes its own share (value_formats.segment_spelling), in the agent
    and in replayed code alike."""
    ranked = model.ranked.get(key, [])
    if not ranked:
        return []
    form = ranked[0][1].form
    boxes = sorted((e for score, e in ranked if score >= FIELD_THRESHOLD and e.form == form), key=lambda e: e.index)
    chars = re.sub(r"[\W_]", "", value)
    widths = [_width(e) for e in boxes]
    if len(boxes) < 2 or parse_date(value) is not None or not all(widths):
        return []
    return boxes if sum(widths) == len(chars) else []


def unnamed_box_rows(model: PageModel, values: dict[str, str]) -> dict[str, list[SnapshotElement]]:
    """Rows of empty one-part boxes no key's name fits ("Digit 1 of 6" … under "What does the meter show?"), each
    taken by the one value still without a field whose letters and digits fill it exactly: a 6-digit reading for six
    one-digit boxes. Never when two such values would fit one row, nor for a date (its parts go by name)."""
    taken = {e.index for _, e in model.fields} | {e.index for _, g in model.dates for _, e in g.parts}
    rows: dict[tuple[int, str], list[SnapshotElement]] = {}
    for element in model.snapshot.elements:
        if (element.kind == "control" and element.tag == "input" and is_field(element) and not element.value.strip()
                and element.type not in ("checkbox", "radio") and element.group and _width(element)
                and element.index not in taken):
            rows.setdefault((element.form, element.group), []).append(element)
    fitted: dict[str, list[SnapshotElement]] = {}
    placed = model.matched_keys() | set(model.fields.ambiguous)
    waiting = {k: v for k, v in values.items() if k not in placed and parse_date(v) is None}
    for row in (r for r in rows.values() if len(r) >= 2):
        size = sum(map(_width, row))
        fits = [k for k, v in waiting.items() if len(re.sub(r"[\W_]", "", v)) == size]
        if len(fits) == 1 and fits[0] not in fitted:
            fitted[fits[0]] = sorted(row, key=lambda e: e.index)
    return fitted


def _width(element: SnapshotElement) -> int:
    # A box without maxlength may say its width ("First two digits"): the page's own read uses the same rule.
    return box_width(element.max_length, (*element.labels, element.name))


def name_pair(model: PageModel, key: str, value: str) -> tuple[SnapshotElement, SnapshotElement] | None:
    """The given-name and family-name fields a whole name is asked in ("First name", "Last name" for full_name):
    both fit the key, in one form; None unless the key holds a whole name of two words or more."""
    if not whole_name_key(key) or name_part(value, GIVEN) is None:
        return None
    fits = [e for score, e in model.ranked.get(key, []) if score >= FIELD_THRESHOLD and e.tag == "input"]
    given = [e for e in fits if field_part(e.label or e.name or e.placeholder) == GIVEN]
    family = [e for e in fits if field_part(e.label or e.name or e.placeholder) == FAMILY]
    if len(given) != 1 or len(family) != 1 or given[0].form != family[0].form:
        return None
    return given[0], family[0]


async def _enter_name(
    actor: Actor, pair: tuple[SnapshotElement, SnapshotElement], key: str, rendered: RenderedValue
) -> bool:
    """Each field its part, recorded with the whole value and its parameter (replay takes its own parts)."""
    handles = await actor.handles(pair)
    for part, element in zip((GIVEN, FAMILY), pair, strict=True):
        handle = handles.get(element.index)
        if handle is None:
            return False
        try:
            await actor.recorder.fill(actor.page, handle, rendered.value, intent=intent_for(part, words_of(key)),
                                      parameter_key=rendered.parameter_key or None, payload_key=key)
        except PlaywrightError:
            return False
    return True


async def _enter_split(actor: Actor, boxes: list[SnapshotElement], key: str, rendered: RenderedValue) -> bool:
    """The whole value into each box in page order: each box keeps (or is retyped with) its own share."""
    handles = await actor.handles(boxes)
    for box in boxes:
        handle = handles.get(box.index)
        try:
            if handle is None or not await actor.enter(box, handle, key, rendered):
                return False
        except PlaywrightError:
            return False
    return True


def identity(element: SnapshotElement) -> str:
    """What names one element across looks at the page whatever its text shows now ("Role: Admin" after "Role:
    Member"): its id, else its css path."""
    css = next((value for kind, value, _ in element.locators if kind == "css"), "")
    return f"{element.tag}#{element.id}" if element.id else f"{element.tag}|{css}"


def holding_entered(snapshot: Snapshot, progress: Progress) -> set[int]:
    """Text fields that hold a value entered for a key already done (in this block, or by the replayed code the
    agent takes over from), or that this block typed into and still hold what went in (the day of a date typed in
    parts), and hold no value of a key still pending: a person does not type over what they just entered. So do
    the dropdowns the replayed code chose in that still show its option (``Progress.kept_lists``), and those this
    block chose in."""
    entered = {value.strip() for value, _, _ in progress.entered.values() if value.strip()}
    pending = {rendered.value.strip() for rendered in progress.pending.values()}
    return {
        e.index for e in snapshot.elements
        if is_field(e) and e.tag in ("input", "textarea") and e.type not in ("checkbox", "radio")
        and e.value.strip() not in pending
        and (e.value.strip() in entered or (bool(e.value.strip()) and identity(e) in progress.typed_ids))
    } | {
        e.index for e in snapshot.elements if e.tag == "select" and progress.kept_lists.get(identity(e)) == e.value
    } | {
        # A list this block chose in, still showing the option it chose (not merely a list in the same place on
        # the next step): another key's value never goes there (a "9" for the no-claims years is no mileage band,
        # and would undo the mileage chosen).
        e.index for e in snapshot.elements
        if e.tag == "select" and e.value.strip() and identity(e) in progress.chosen_lists
        and any(o.selected and o.text.strip() == progress.chosen_lists[identity(e)] for o in e.options)
        and progress.chosen_lists[identity(e)] not in pending
    }


async def last_one_left(
    actor: Actor, snapshot: Snapshot, control: SnapshotElement, progress: Progress, *, final: bool
) -> bool:
    """One value left and one field left (optional ones aside) in the form about to be sent: a person puts the
    one in the other. An empty field; or, before the form's last button, the one text field nothing was typed
    into this block (a value shown there is to be changed). Never when more of either are left (a guess), nor a
    search box: what it holds only filters what the page shows (a session time is no course's name)."""
    if len(progress.pending) != 1:
        return False
    typed = {at for _, at, _ in progress.entered.values()} | progress.typed_at | holding_entered(snapshot, progress)
    fields = [
        e for e in snapshot.elements
        if is_field(e) and e.form == control.form and e.index not in typed and not e.readonly and not is_search_box(e)
        and not _OPTIONAL.search(" ".join((*e.labels, e.placeholder, *e.context)))
    ]
    key, rendered = next(iter(progress.pending.items()))
    # A field whose type or format rules the value out is no spare one (a date box for "Last day").
    fields = [e for e in fields if not shape_refuses(e, rendered.value)]
    spare = [e for e in fields if not e.value and e.type not in ("checkbox", "radio")]
    if not spare and final:
        spare = [e for e in fields if e.tag in ("input", "textarea") and e.type in _TEXT_TYPES]
    if len(spare) != 1:
        return False
    handle = await element_handle(actor.page, spare[0])
    try:
        entered = handle is not None and await actor.enter(spare[0], handle, key, rendered)
    except PlaywrightError:
        entered = False
    if entered:
        progress.pending.pop(key)
        progress.entered[key] = (rendered.value, spare[0].index, spare[0].type)
    return entered


async def fields_coming(page: Page, snapshot: Snapshot, control: SnapshotElement) -> bool:
    """Whether the control's form still has fields that are not ready: disabled, a list with no options yet,
    or a region the page marks busy (content that loads late may take the keys not yet entered)."""
    for element in snapshot.elements:
        if element.kind != "control" or element.is_clickable or element.type in ("hidden", "submit", "button"):
            continue
        if control.form >= 0 and element.form != control.form:
            continue
        if element.disabled or (element.tag == "select" and len([o for o in element.options if o.value]) == 0):
            return True
    try:
        return bool(await page.evaluate(_BUSY_JS))
    except PlaywrightError:
        return False


_SEARCH_NAME = re.compile(r"\b(search|find|query|keywords?|look up)\b", re.I)


def search_box(snapshot: Snapshot, taken: set[int]) -> SnapshotElement | None:
    """The page's search box (the first, when several): marked as one, or named so."""
    for element in snapshot.elements:
        if element.index not in taken and is_field(element) and is_search_box(element):
            return element
    return None


def is_search_box(element: SnapshotElement) -> bool:
    """A text box marked as a search (in a search landmark or form, type=search) or named so ("Search contacts")."""
    if element.tag != "input" or element.type not in ("text", "search", ""):
        return False
    names = " ".join((*element.labels, element.name, element.placeholder, element.attr_name, element.id))
    return element.search or element.type == "search" or bool(_SEARCH_NAME.search(names)) or element.attr_name in (
        "q", "s")


def signature(snapshot: Snapshot) -> tuple[tuple[str, ...], ...]:
    """What a snapshot shows, to tell whether a click changed the page anywhere."""
    return tuple((e.tag, e.type, e.name, e.label, e.value, str(e.disabled)) for e in snapshot.elements)


# A button that commits what its form holds (as opposed to one that searches, shows or moves on).
_COMMITS = re.compile(
    r"\b(submit|send|save|update|change|confirm|pay|order|place|buy|purchase|checkout|book|reserve|register|sign up|"
    r"create|apply|finish|complete|done|delete|remove|invite|post|publish|request|subscribe|join)\b",
    re.IGNORECASE,
)


def exhausted_step(snapshot: Snapshot, control: SnapshotElement, forms: set[int], progress: Progress) -> bool:
    """Whether the form about to be sent is a step on the way to the pending keys: this block filled it, it has no
    empty field nor unanswered radio group left, no pending key is torn between two of its fields, and its button
    commits nothing ("Check availability", "Show rooms"). The keys left have no place in it, so only the page after
    it can ask for them (a search, then the rooms, then the guest's details)."""
    if control.form not in forms or _COMMITS.search(control.name or control.text):
        return False
    last = progress.last
    if last is not None and any(key in last.fields.ambiguous for key in progress.pending):
        return False
    if blank_fields(snapshot, control):
        return False
    radios = [e for e in snapshot.elements if e.form == control.form and e.type == "radio" and is_field(e)]
    groups = {e.attr_name or e.index for e in radios}
    answered = {e.attr_name or e.index for e in radios if e.checked}
    return groups <= answered


def blank_fields(snapshot: Snapshot, control: SnapshotElement) -> list[SnapshotElement]:
    """Empty fields of the control's form: text fields with no value, and lists still at their empty prompt. A search
    box is none of them: a list's filter left empty does not stop a button beside it from opening a form."""
    return [
        e for e in snapshot.elements
        if is_field(e) and e.form == control.form and not e.value and e.type not in ("checkbox", "radio")
        and not is_search_box(e)
    ]


def revealed_choices(before: Snapshot, after: Snapshot, values: list[str]) -> list[SnapshotElement]:
    """Controls ``after`` shows that ``before`` did not and that are a pending value itself, or choose it: the time
    slots a date just picked loaded ("13:30" as "1:30pm"), the options a choice revealed, the plan cards a number
    picked showed ("Choose this plan" on the card "Unlimited Max"). Clicking one enters that value."""
    seen = {identity(e) for e in before.elements}
    return [
        e for e in after.elements
        if e.kind == "control" and not e.disabled and identity(e) not in seen
        and any(option_score(value, e) == 100.0 or card_choices(value, [e]) for value in values if value.strip())
    ]


def revealed_fields(before: Snapshot, after: Snapshot) -> list[SnapshotElement]:
    """Fields ``after`` shows that ``before`` did not (empty ones, or choices), or empty lists whose options changed
    since: what an answer just given revealed of the form ("Your details" once a time slot is picked, "Please
    specify" after "Other", half-day choices once the dates are set, the countries of the region chosen), to be
    looked at before the form is sent."""
    options = {identity(e): e.options for e in before.elements}
    return [
        e for e in after.elements
        if is_field(e) and not is_search_box(e)
        and (e.type in ("checkbox", "radio") or e.role in ("checkbox", "radio", "switch") or not e.value)
        and (identity(e) not in options or (e.tag == "select" and not e.value and e.options != options[identity(e)]))
    ]
