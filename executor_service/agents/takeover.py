"""What the replayed code the agent takes over from already did, read as the agent reads its own progress: the keys it
entered, the fields and lists it filled, its searches, choices and lists' buttons, and its last step finished."""

from __future__ import annotations

import itertools
import re

from executor_service.agents.acting import Actor
from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.agents.choices import split_values
from executor_service.agents.controls import STEP_NAME, control_key_of, search_term
from executor_service.agents.filling import identity, is_search_box
from executor_service.agents.matching import is_field, normalise, says_which, similarity, truthy
from executor_service.browser.action_kinds import VALUE_ACTIONS
from executor_service.browser.named_options import extends
from executor_service.browser.snapshot import Snapshot, SnapshotElement, take_snapshot
from executor_service.browser.value_checks import canonical, names_whole
from executor_service.browser.value_pieces import partly_entered
from services.gen.rote.v1 import trace_pb2

AT = trace_pb2.ActionType
# A search control's words (as the agent reads its own clicks).
SEARCH_WORDS = re.compile(r"\b(search|find|look up|filter)\b", re.I)


def control_key(fingerprint: trace_pb2.ElementFingerprint) -> str:
    return (fingerprint.accessible_name or fingerprint.text or fingerprint.label).casefold()


def _done_actions(task: AgentTask, done: set[str], kind: int) -> list[trace_pb2.Action]:
    """The replayed code's actions of one kind that entered a done key (by its payload key or its parameter)."""
    parameters = {task.payload[key].parameter_key for key in done if task.payload[key].parameter_key}
    return [a for a in task.actions_done
            if a.type == kind and (a.payload_key in done or a.parameter_key in parameters)]


def _same_element(element: SnapshotElement, action: trace_pb2.Action) -> bool:
    """Whether a page element is the one the action was on: at its recorded place, or by its name."""
    places = {locator.value for locator in action.element.locators if locator.kind in _POSITIONS}
    return at_place(element, places) or control_key_of(element) == control_key(action.element)


def fields_code_typed(snapshot: Snapshot, task: AgentTask, done: set[str]) -> set[str]:
    """The fields the replayed code typed a value it entered whole into (``done``), that still hold what it typed, as
    ``Progress.typed_ids`` holds the agent's own: a date's day holding "16" is the date of birth's, never the empty
    "Day" of the passport's expiry. A value typed in part is entered again, in all its boxes."""
    found: set[str] = set()
    for action in _done_actions(task, done, AT.ACTION_TYPE_TYPE):
        shown = canonical(action.postcondition.typed_format or action.value)
        if shown:
            found |= {identity(e) for e in snapshot.elements
                      if is_field(e) and canonical(e.value) == shown and _same_element(e, action)}
    return found


def lists_code_chose(snapshot: Snapshot, task: AgentTask, done: set[str]) -> dict[str, str]:
    """The dropdowns the replayed code chose a done key's option in, with the option they still show, as
    ``Progress.kept_lists`` holds them: the mileage list keeps its "12,000", never another key's "8" (no claims years
    asked on the next step)."""
    found: dict[str, str] = {}
    for action in _done_actions(task, done, AT.ACTION_TYPE_SELECT_OPTION):
        chose = canonical(action.postcondition.observed or action.value)
        # Its place alone may be another list's on a changed layout: the list must show the option the code chose.
        if chose:
            found |= {identity(e): e.value for e in snapshot.elements
                      if e.tag == "select" and is_field(e) and e.value.strip()
                      and any(o.selected and chose in (canonical(o.text), canonical(o.value)) for o in e.options)
                      and _same_element(e, action)}
    return found


async def finish_code_step(actor: Actor, task: AgentTask) -> None:
    """Taking over, the last step of the replayed code is finished as the agent finishes its own: a value typed
    into a field whose own button applies it, and that button not pressed since (a postcode and its "Look up
    address"), is applied; a button the code pressed and the page greyed out while it works is waited for (the
    addresses it looks up are not there yet)."""
    last = task.actions_done[-1]
    if last.type not in (AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_CLICK) or not control_key(last.element):
        return
    snapshot = await take_snapshot(actor.page)
    # By its name, or by its place when the page renamed it while it works ("Look up" became "Looking up…").
    places = {locator.value for locator in last.element.locators if locator.kind in _POSITIONS}
    same = [e for e in snapshot.elements if control_key_of(e) == control_key(last.element) or at_place(e, places)]
    if last.type == AT.ACTION_TYPE_CLICK:
        busy = [e for e in same if e.disabled] if last.postcondition.observed == "disabled" else []
        handle = (await actor.handles(busy[:1])).get(busy[0].index) if busy else None
        if handle is not None:
            await actor.wait_while_disabled(handle)
        return
    typed = [e for e in same if e.tag == "input" and is_field(e) and canonical(e.value) == canonical(last.value)]
    handle = (await actor.handles(typed[:1])).get(typed[0].index) if len(typed) == 1 else None
    if handle is not None:
        await actor.press_companion(handle, last.payload_key or last.parameter_key or "value")


def search_code_typed(snapshot: Snapshot, task: AgentTask) -> tuple[bool, set[int]]:
    """Whether the replayed code typed the goal's search words ("Find Hana Dubois …"), as the agent types them
    itself (``Progress.search_typed``); and, when nothing was clicked since, the form of the search box still
    holding them, filled as after the agent's own typing: its button ("Search") runs the search the code began."""
    term = canonical(search_term(task.goal))
    typed = [i for i, a in enumerate(task.actions_done)
             if term and a.type == AT.ACTION_TYPE_TYPE and canonical(a.value) == term]
    if not typed:
        return False, set()
    if any(a.type == AT.ACTION_TYPE_CLICK for a in task.actions_done[typed[-1] + 1:]):
        return True, set()
    return True, {e.form for e in snapshot.elements if is_search_box(e) and canonical(e.value) == term}


def unsent(task: AgentTask) -> bool:
    """Whether the replayed code the agent takes over from entered values and nothing sent them since (a term typed
    into a list's search box filters the list: nothing waits to be sent there). A search pressed after them ("Find
    modules") took them, as when the agent presses it: the results it shows are the next step."""
    values = [i for i, a in enumerate(task.actions_done) if (a.type in VALUE_ACTIONS and not _typed_to_search(a)) or (
        a.type == AT.ACTION_TYPE_CLICK and a.payload_key and not a.irreversible)]  # a value chosen by its button
    return bool(values) and not any(a.irreversible or (
        a.type == AT.ACTION_TYPE_CLICK and SEARCH_WORDS.search(control_key(a.element)))
        for a in task.actions_done[values[-1] + 1:])


def searched_before(task: AgentTask) -> set[str]:
    """The search controls the replayed code the agent takes over from already pressed, as if the agent had: once
    the results are shown, pressing search again only shows them again, never sends what is filled after it."""
    clicked = (control_key(a.element) for a in task.actions_done if a.type == AT.ACTION_TYPE_CLICK)
    return {key for key in clicked if key and SEARCH_WORDS.search(key)}


def sought_before(task: AgentTask) -> list[str]:
    """The values the replayed code typed into a list's search box, as if the agent had (``Progress.sought``): the
    item the goal changes goes by them, so the plain "Edit" of its row opens its editor."""
    return [rendered.value for action in task.actions_done if _typed_to_search(action)
            for key, rendered in task.payload.items() if not rendered.secret and (
                action.payload_key == key
                or (rendered.parameter_key and action.parameter_key == rendered.parameter_key))]


def stepped_last(task: AgentTask) -> bool:
    """Whether the replayed code's last click was a wizard's step ("Next") and nothing was entered since: the step it
    opened (a check-your-answers page) carries the goal on with its own controls, as when the agent pressed it."""
    clicks = [i for i, a in enumerate(task.actions_done) if a.type == AT.ACTION_TYPE_CLICK]
    return bool(clicks) and bool(STEP_NAME.match(control_key(task.actions_done[clicks[-1]].element))) and not any(
        a.type in VALUE_ACTIONS for a in task.actions_done[clicks[-1] + 1:])


# What a list opened by a button offers: a choice among them was made in that list, not on the page.
_LIST_ITEMS = frozenset({"option", "menuitem", "menuitemradio", "treeitem"})


def lists_code_opened(snapshot: Snapshot, task: AgentTask) -> set[str]:
    """The controls the replayed code clicked to open a list it then chose from ("Role: Member" before "Admin"), as
    ``Progress.widgets`` holds the agent's own: the list's button, now showing the choice ("Role: Admin"), only
    opens the list again, never sends the form. Found by their place, else by their name."""
    actions = task.actions_done
    openers = [a for a, b in itertools.pairwise(actions)
               if a.type == AT.ACTION_TYPE_CLICK and not a.payload_key and not a.irreversible
               and b.type == AT.ACTION_TYPE_CLICK and b.payload_key and b.element.role in _LIST_ITEMS]
    found: set[str] = set()
    for opener in openers:
        places = {locator.value for locator in opener.element.locators if locator.kind in _POSITIONS}
        named = set(normalise(control_key(opener.element)).split())
        # By its place only when what sits there is still a list's button (it opens one, or keeps a word of its
        # old name, "Role"): on a changed layout the place may hold the form's own "Send invite".
        found |= {identity(e) for e in snapshot.elements if (named and control_key_of(e) == control_key(
            opener.element)) or (at_place(e, places) and (e.haspopup or named & set(normalise(control_key_of(
                e)).split())))}
    return found


def chosen_before(task: AgentTask) -> set[str]:
    """The words of buttons the replayed code pressed to choose a value (a time slot "15:50"), as
    ``Progress.choosers`` holds the agent's own: a choice made, never the control that sends the form."""
    return {normalise(control_key(a.element)) for a in task.actions_done
            if a.type == AT.ACTION_TYPE_CLICK and a.payload_key and not a.irreversible}


_TOGGLES = frozenset({"switch", "checkbox", "radio"})


def toggle_key(role: str, name: str) -> tuple[str, str] | None:
    return (role, normalise(name)) if role in _TOGGLES and name else None


def toggled_by_code(task: AgentTask) -> set[tuple[str, str] | None]:
    """The switches, boxes and radios the replayed code the agent takes over from already set, by role and name:
    each is a setting made (the agent's own are in ``Progress.widgets``), never the button that sends them, however
    well the goal names it ("turn on Due date reminders")."""
    return {toggle_key(a.element.role, a.element.accessible_name or a.element.label or a.element.text)
            for a in task.actions_done if a.type in (*_TICKING, AT.ACTION_TYPE_CLICK)
            and (not a.HasField("postcondition") or a.postcondition.verified)} - {None}


def _typed_to_search(action: trace_pb2.Action) -> bool:
    """A term typed into a search box (by its role, or a name that says it searches)."""
    element = action.element
    return action.type == AT.ACTION_TYPE_TYPE and (
        element.role == "searchbox" or bool(SEARCH_WORDS.search(element.accessible_name or element.label or "")))


# Where an element is, whatever it is called now: its id or its position.
_POSITIONS = frozenset({trace_pb2.LOCATOR_KIND_ID, trace_pb2.LOCATOR_KIND_CSS, trace_pb2.LOCATOR_KIND_XPATH})


def searched_at(task: AgentTask, url: str) -> set[str]:
    """Where on the page at ``url`` the replayed code pressed a search control (its id, css and xpath): the code finds
    a renamed button by its place ("Find a table" where "Search" was recorded), and it is that button all the same."""
    return {
        locator.value for a in task.actions_done
        if a.type == AT.ACTION_TYPE_CLICK and a.url == url and SEARCH_WORDS.search(control_key(a.element))
        for locator in a.element.locators if locator.kind in _POSITIONS
    }


def at_place(element: SnapshotElement, places: set[str]) -> bool:
    """Whether the element sits at one of ``places`` (id, css or xpath values)."""
    return any(kind in ("id", "css", "xpath") and value in places for kind, value, _ in element.locators)


def entered_before(task: AgentTask, done: set[str]) -> dict[str, tuple[str, int, str]]:
    """Values an earlier run (the replayed code the agent takes over from) already typed, as ``Progress.entered``
    holds them: a "repeat the password" field left empty is filled with the value typed last before it. Their
    indexes are negative (before any field of this page), in the order they were typed; a secret typed by code is
    taken for a password (replayed code records no field's type)."""
    entered: dict[str, tuple[str, int, str]] = {}
    actions = list(task.actions_done)
    for key in done:
        rendered = task.payload.get(key)
        if rendered is None:
            continue
        typed = [i for i, a in enumerate(actions) if a.type in VALUE_ACTIONS and (a.payload_key == key or (
            rendered.parameter_key and a.parameter_key == rendered.parameter_key))]
        kind = actions[typed[-1]].element.attributes.get("type", "") if typed else ""
        entered[key] = (rendered.value, (typed[-1] if typed else -1) - len(actions) - 1,
                        kind or ("password" if rendered.secret and typed else ""))
    return entered


def _typed_only(action: trace_pb2.Action, later: list[trace_pb2.Action]) -> bool:
    """Text typed into a combobox with no option chosen after it for the same key."""
    if action.type != AT.ACTION_TYPE_TYPE or action.element.role != "combobox":
        return False
    return not any(
        a.type == AT.ACTION_TYPE_CLICK
        and ((action.payload_key and a.payload_key == action.payload_key) or a.element.role == "option")
        for a in later
    )


# Actions that choose an element by the words of a value (the option, radio or card it names).
_CHOOSING = frozenset({AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_SELECT_OPTION})
# The binding fields that name the element chosen (a list's "member" and "each" boxes are one item of several).
_NAMING_FIELDS = frozenset({"name", "text", "label", "option"})


def _chosen_by(action: trace_pb2.Action, parameter: str) -> bool:
    """Whether the element ``action`` chose was named by the whole of ``parameter``'s value."""
    return any(b.source == parameter and b.whole and b.field in _NAMING_FIELDS for b in action.bindings)


def _chosen_for(action: trace_pb2.Action, payload: dict[str, RenderedValue]) -> set[str]:
    """The keys whose value alone chose the element replay acted on: the runtime notes it as the target's ``choice``
    (the button of the card a plan heads, "Switch to this plan", found by the card's "Unlimited Max")."""
    choice = canonical(action.element.attributes.get("choice", ""))
    if not choice or "\n" in action.element.attributes["choice"]:
        return set()  # several values chose it together (a row by a name and a team): none of them alone
    return {key for key, rendered in payload.items() if not rendered.secret and canonical(rendered.value) == choice}


# Actions that set a box: they enter a yes or a no, never a text.
_TICKING = frozenset({AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_UNCHECK})


def keys_done(task: AgentTask) -> set[str]:
    """Payload keys an earlier action already entered (matched by parameter, else by the field's label). A value
    only typed into a combobox whose option was then not chosen (replayed code stopped there: "the next option was
    chosen for another assignee") is not entered: the app keeps no typed text, only a chosen option."""
    actions = list(task.actions_done)
    done = [a for i, a in enumerate(actions) if a.type in VALUE_ACTIONS and not _typed_only(a, actions[i + 1:])]
    keys: set[str] = set()
    for i, action in enumerate(actions):
        if _typed_only(action, actions[i + 1:]):
            continue
        # A custom widget's option is chosen by a click that names the key it entered.
        verified = not action.HasField("postcondition") or action.postcondition.verified
        if action.payload_key in task.payload and verified:
            keys.add(action.payload_key)
        if verified and action.type in _CHOOSING:
            # Replayed code records a choice by the parameter that named the element (a radio "20:30" bound to
            # ``time``), not by the payload key the agent records: that value was chosen as much.
            keys |= {k for k, v in task.payload.items() if v.parameter_key and _chosen_by(action, v.parameter_key)}
            keys |= _chosen_for(action, task.payload)
    for key, rendered in task.payload.items():
        for action in done:
            by_param = bool(rendered.parameter_key) and action.parameter_key == rendered.parameter_key
            if not by_param and action.type in _TICKING and truthy(rendered.value) is None:
                continue  # a box ticked whose label names the key ("I am the account holder") enters no name
            labels = (action.element.label, action.element.accessible_name)
            # The label speaks for unbound actions only: "Email address" took the email, not the address.
            named = not _bound_elsewhere(action, key, rendered, task.payload) and any(
                label and similarity(key, label) >= 90 for label in labels)
            if by_param or named:
                keys.add(key)
            observed = action.postcondition.observed
            if action.type == AT.ACTION_TYPE_SELECT_OPTION and says_which(rendered.value) and names_whole(
                    rendered.value, observed) and not extends(rendered.value, observed):
                # An option naming more than its key's value ("120 Holly Bank, Durham") gave this one; a longer
                # name made of it ("Australia and the Pacific", a region, for the country "Australia") did not.
                keys.add(key)
    # A value the code typed only in part (a sort code's first two boxes) is not entered, nor is a list of which it set
    # some items only (one of two switches to turn on): the agent enters them again.
    return {key for key in keys if not _partly_typed(task.payload[key], done)
            and not _partly_chosen(key, task.payload[key], actions)}


def _bound_elsewhere(action: trace_pb2.Action, key: str, rendered: RenderedValue,
                     payload: dict[str, RenderedValue]) -> bool:
    """Whether the action entered another key's value, not this one's: bound to another parameter or payload key,
    and what it entered is not this key's value too. Its field's label may still name this key ("Email address"
    for ``address``, the shipping "City" for ``billing_city``); the label speaks only for unbound actions."""
    other_parameter = bool(action.parameter_key) and action.parameter_key != rendered.parameter_key
    other_key = action.payload_key in payload and action.payload_key != key
    if not (other_parameter or other_key):
        return False
    return canonical(action.value) != canonical(rendered.value) or not rendered.value.strip()


def _partly_chosen(key: str, rendered: RenderedValue, actions: list[trace_pb2.Action]) -> bool:
    """Whether the value is a list ("Due date reminders, New comments") set box by box or switch by switch, of which
    the actions for the key set only some: each item is named by a box or switch one of them set. (A value with a
    comma chosen whole, as an option or a radio, is no such list: "Flat 2, 120 Holly Bank".)"""
    items = [normalise(item) for item in split_values(rendered.value)]
    if len(items) < 2:
        return False
    names = [normalise(a.element.accessible_name or a.element.label or a.element.text) for a in actions
             if a.element.role in ("switch", "checkbox") and (a.type in _TICKING or a.type == AT.ACTION_TYPE_CLICK)
             if a.payload_key == key or (rendered.parameter_key and a.parameter_key == rendered.parameter_key)]
    return bool(names) and not all(any(item == name or item in name for name in names) for item in items)


def _partly_typed(rendered: RenderedValue, done: list[trace_pb2.Action]) -> bool:
    """Whether the replayed actions entered only some pieces of the value (see ``value_pieces``)."""
    return partly_entered(rendered.value, rendered.parameter_key or "", done)
