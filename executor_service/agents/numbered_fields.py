"""A value listing several of one thing ("39, 13, 47" for traveler_ages) entered one item per numbered field ("Age of
traveler 1", "Age of traveler 2", ...); when the page shows fewer such fields than items, its count ("How many people
are traveling?", "Number of children") is set first, as a person would, and the fields it makes are filled.

Every action keeps the whole value and its parameter, its intent naming the part (``browser/list_parts``), so
replayed code sets its own value's count and types its own items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.async_api import ElementHandle

from executor_service.agents.acting import Actor, words_of
from executor_service.agents.base import RenderedValue
from executor_service.agents.matching import best_option, is_field, words_score
from executor_service.browser.form_vocabulary import normalise
from executor_service.browser.list_parts import count_intent, item_intent, list_items
from executor_service.browser.snapshot import Snapshot, SnapshotElement, element_handle, take_snapshot
from services.gen.rote.v1 import trace_pb2

_NUMBER = re.compile(r"(?<![\w.])(\d{1,2})(?![\w.])")
_BRACKETED = re.compile(r"\([^)]*\)")
# Words by which a field asks how many there are.
_COUNT_WORDS = re.compile(r"\b(how many|number of|no\.? of|count of)\b", re.IGNORECASE)
_STOP = frozenset("how many number of no count the a an are is you your will be in on for who with".split())


@dataclass
class Listed:
    """What went in: the numbered fields used, the count control set (if any) and the actions recorded."""

    fields: list[SnapshotElement]
    count: SnapshotElement | None = None
    actions: list[trace_pb2.Action] = field(default_factory=list)
    missing: str = ""  # why not every item went in ("3 items, 2 fields for them")

    def broken(self) -> str:
        """Why the list is not in as asked ('' when it is): an item left out, or a value the page did not take."""
        wrong = next((a for a in self.actions if not a.postcondition.verified), None)
        return self.missing or (f"{wrong.intent}: {wrong.postcondition.observed}" if wrong is not None else "")


def _template(name: str) -> tuple[str, int] | None:
    """A field name with its one number taken out ("Age of traveler 2 (you)" -> ("age of traveler", 2); "Age
    (traveler 2)" -> ("age traveler", 2)): words in brackets are dropped unless the number is among them."""
    plain = _BRACKETED.sub(lambda m: m.group(0)[1:-1] if _NUMBER.search(m.group(0)) else " ", name)
    numbers = _NUMBER.findall(plain)
    if len(numbers) != 1:
        return None
    return normalise(_NUMBER.sub(" ", plain)), int(numbers[0])


def numbered_fields(snapshot: Snapshot, key: str) -> list[SnapshotElement]:
    """The fields numbered 1, 2, ... whose name, number aside, is all about the key ("Age of traveler 1" for
    traveler_ages): the longest such run in one form, in number order; [] when there is none."""
    groups: dict[tuple[int, str], dict[int, SnapshotElement]] = {}
    for element in snapshot.elements:
        if not is_field(element) or element.tag not in ("input", "select") or element.type in ("checkbox", "radio"):
            continue
        for name in (*element.labels, element.name, element.placeholder):
            found = _template(name) if name else None
            if found and words_score(key, found[0]):
                groups.setdefault((element.form, found[0]), {}).setdefault(found[1], element)
                break
    best: list[SnapshotElement] = []
    for numbered in groups.values():
        run: list[SnapshotElement] = []
        while len(run) + 1 in numbered:
            run.append(numbered[len(run) + 1])
        if len(run) > len(best):
            best = run
    return best


def _words(text: str) -> set[str]:
    return {w[:5] for w in normalise(_BRACKETED.sub(" ", text)).split() if w not in _STOP and not w.isdigit()}


def count_control(snapshot: Snapshot, key: str, fields: list[SnapshotElement], count: int) -> SnapshotElement | None:
    """The field that says how many there are, before the numbered ones and in their form when some show: a
    dropdown offering ``count`` or a number box, asking "how many" / "number of" about what the key or the fields
    name ("How many people are traveling?" beside "Age of traveler 1"), or named by those words alone ("Children"
    for children_ages, before any child's age is asked)."""
    about = _words(words_of(key)) | (_words(fields[0].label or fields[0].name) if fields else set())
    found = None
    for element in snapshot.elements:
        if fields and (element.index >= fields[0].index or element.form != fields[0].form):
            continue
        if not is_field(element):
            continue
        if element.tag == "select":
            if best_option(str(count), element.options) is None:
                continue
        elif not (element.tag == "input" and (element.type == "number" or element.input_mode == "numeric")):
            continue
        name = element.label or element.name
        mine = _words(name)
        if mine & about and (_COUNT_WORDS.search(name) or mine <= about):
            found = element  # the last before the fields: the nearest
    return found


def _counts(control: SnapshotElement, count: int) -> bool:
    """Whether a count field says ``count`` already."""
    if control.tag != "select":
        return control.value.strip() == str(count)
    option = best_option(str(count), control.options)
    return option is not None and option.value == control.value


async def enter_listed(actor: Actor, key: str, rendered: RenderedValue, snapshot: Snapshot) -> Listed | None:
    """Each item into its numbered field, the count set first when it says another number (or fewer fields show
    than there are items and a count makes them). None
    when the value is no list or the page has neither numbered fields nor a count for it (nothing done then); an
    item left without a field is said in ``missing`` (the values are not in as asked: nothing is to be sent)."""
    items = list_items(rendered.value)
    fields = numbered_fields(snapshot, key) if items else []
    if not items:
        return None
    what, page = words_of(key), actor.page

    async def put(box: SnapshotElement, handle: ElementHandle, wanted: str, intent: str) -> trace_pb2.Action | None:
        """``wanted`` (the count, or an item) into one field, recorded with the whole value and its parameter."""
        parameter = rendered.parameter_key or None
        if box.tag != "select":
            return await actor.recorder.fill(page, handle, rendered.value, intent=intent, parameter_key=parameter,
                                             payload_key=key)
        option = best_option(wanted, box.options)
        if option is None:
            return None
        return await actor.recorder.select(page, handle, rendered.value, intent=intent, option=option.value,
                                           parameter_key=parameter, payload_key=key)

    listed = Listed(fields=[])
    control = count_control(snapshot, key, fields, len(items))
    if len(fields) < len(items) or (control is not None and not _counts(control, len(items))):
        # Fewer fields than items, or a count saying another number (three travellers' fields for two ages).
        handle = await element_handle(page, control) if control is not None else None
        action = await put(control, handle, str(len(items)), count_intent(what)) if control and handle else None
        if action is not None:
            listed.count, listed.actions = control, [action]
            await actor.wait_for_change(1500)
            snapshot = await take_snapshot(page)
            fields = numbered_fields(snapshot, key)
    if not listed.actions and not fields:
        return None  # no place for the items, nothing done: the value may fit one field whole
    listed.fields = fields[: len(items)]
    handles = await actor.handles(listed.fields)
    for number, (box, item) in enumerate(zip(listed.fields, items, strict=False), start=1):
        handle = handles.get(box.index)
        intent = item_intent(number, what, last=number == len(items))
        action = await put(box, handle, item, intent) if handle is not None else None
        if action is None:
            break
        listed.actions.append(action)
    entered = len(listed.actions) - (listed.count is not None)
    if entered < len(items):
        listed.missing = f"{what}: {len(items)} items, {entered} entered ({len(fields)} fields for them on the page)"
    return listed
