"""What a block's recorded actions show on their own: payload never entered, goal values untouched, wrong choices."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from executor_service.browser.action_kinds import VALUE_ACTIONS
from executor_service.browser.answer_wordings import holds_wording
from executor_service.browser.clock_times import clock_minutes, same_time, same_word
from executor_service.browser.field_roles import wrong_side
from executor_service.browser.form_vocabulary import normalise
from executor_service.browser.number_bands import in_band, number_of
from executor_service.browser.value_checks import canonical, names_whole, value_matches
from executor_service.browser.value_pieces import partly_entered
from executor_service.browser.whole_words import holds_alone, same_number
from services.answers import answer_of, recorded_answer
from services.booleans import CHECKED_WORDS, FALSE_WORDS
from services.gen.rote.v1 import trace_pb2, workflow_pb2

AT = trace_pb2.ActionType


@dataclass
class BlockFacts:
    """What the judge looks at: the block, its actions, and what the page showed around them."""

    block: workflow_pb2.Block
    actions: list[trace_pb2.Action]
    payload: Mapping[str, tuple[str, str]]  # key -> (rendered value, whole parameter key or '')
    start_url: str
    completion: str = ""  # the rendered completion criterion
    termination: str = ""  # the rendered termination criterion
    keys_not_needed: Mapping[str, str] = field(default_factory=dict)
    output_valid: bool = False  # extracted data validated against the block's schema
    downloaded: bool = False
    check_payload: bool = True
    # Parameter values the rendered goal names, and whether the goal quotes them ("Click the 'Export' button"):
    # a quoted one must be the very name of what was acted on, an unquoted one must show in what was touched.
    goal_values: list[tuple[str, bool]] = field(default_factory=list)
    read_table: bool = False  # code mode: the replayed code read a table (agent mode: EXTRACT fields say so)
    named: Mapping[str, str] = field(default_factory=dict)  # the run's parameters, secrets aside (``statements``)



# A value with a word of three letters says which thing it is; a bare number ("2") is found in too many options.
_WORDY = re.compile(r"[^\W\d_]{3}")


def unused_keys(facts: BlockFacts) -> list[str]:
    """Payload keys no verified action entered whole, and for which no reason was reported."""
    missing: list[str] = []
    for key, (value, parameter) in sorted(facts.payload.items()):
        if key in facts.keys_not_needed or not value.strip():
            continue
        used = False
        for action in facts.actions:
            if action.type not in VALUE_ACTIONS and action.type != AT.ACTION_TYPE_CLICK:
                continue
            verified = not action.HasField("postcondition") or action.postcondition.verified
            if not verified:
                continue
            if action.payload_key == key or (parameter and action.parameter_key == parameter):
                used = True
                break
            if parameter and any(b.source == parameter and b.field != "intent" for b in action.bindings):
                # Replayed code chose by the parameter (a radio named by it): the key was entered there.
                used = True
                break
            if action.type in VALUE_ACTIONS and action.value and value_matches(value, action.value):
                used = True
                break
            if action.type == AT.ACTION_TYPE_SELECT_OPTION and _WORDY.search(value) and names_whole(
                value, action.postcondition.observed
            ):
                # The option chosen names it ("37 Orchard Way, Lancaster, LA7 7PB" gives the town): entered there.
                used = True
                break
        if not used or partly_entered(value, parameter, facts.actions, characters=False):
            # Entered in pieces of which some never went in (a date's year chosen, its day and month not): not entered.
            missing.append(key)
    return missing


_TEMPLATE_NAME = re.compile(r"{{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*}}")
_QUOTES = (("'", "'"), ('"', '"'), ("\u2018", "\u2019"), ("\u201c", "\u201d"))
_SPACE = re.compile(r"\s+")
_QUALIFIER = re.compile(r"\s*[(\[\-\u2013\u2014:,|]")


def goal_values(
    template: str, rendered: str, parameters: Mapping[str, str], secret: Iterable[str]
) -> list[tuple[str, bool]]:
    """The parameter values a goal names (secrets, URLs and long texts aside), each with whether it is quoted."""
    hidden = set(secret)
    found: list[tuple[str, bool]] = []
    for name in dict.fromkeys(_TEMPLATE_NAME.findall(template)):
        value = str(parameters.get(name, "")).strip()
        if not value or name in hidden or len(value) > 120 or "://" in value:
            continue
        quoted = any(f"{left}{value}{right}" in rendered for left, right in _QUOTES)
        found.append((value, quoted))
    return found


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _names_match(needle: str, name: str) -> bool:
    """A quoted name matches the element's own name exactly, or followed by a qualifier ("Family room (4)")."""
    name = _norm(name)
    return name == needle or (name.startswith(needle) and bool(_QUALIFIER.match(name[len(needle):])))


def _touched(action: trace_pb2.Action, value: str, quoted: bool) -> bool:
    needle = _norm(value)
    element = action.element
    names = [element.accessible_name, element.text, element.label, action.value]
    if action.type == AT.ACTION_TYPE_SELECT_OPTION and action.postcondition.verified:
        names.append(action.postcondition.observed)
    # Spelled apart only by hyphens or spaces, a name is the value itself ("E-mail" chosen for "Email").
    squeezed = canonical(value)
    if squeezed and any(canonical(n) == squeezed for n in names if n):
        return True
    if any(same_time(value, n) or _words_then_time(value, n) for n in names if n):
        return True  # "13:30" asked, the slot "1:30pm" chosen; "Friday 14:00", the group "Friday 2pm–3pm"
    if quoted:
        return any(_names_match(needle, n) for n in names if n) or any(
            value_matches(value, n) for n in (action.value, action.postcondition.observed) if n
        )
    # A click's row; a ticked radio's context names its fellow options, which were not chosen.
    row = action.postcondition.context if action.type != AT.ACTION_TYPE_CHECK else ""
    haystack = [*names, row, element.attributes.get("value", "")]
    if any(needle in _norm(n) or _holds_bare(value, n) for n in haystack if n):
        return True
    if any(holds_wording(value, n) and not _DENYING.search(n) for n in names if n):
        return True  # "telephone" asked, the option "Phone call" chosen (answer_wordings)
    if _sole_holder(value, [n for n in names[:3] if n], action):
        return True  # "street light not working" asked, "Street lighting fault" ticked, no fellow option like it
    return bool(action.value) and value_matches(value, action.value)


def _bare(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.casefold()) if w not in _ARTICLES]


def _holds_bare(value: str, text: str) -> bool:
    """Articles aside, the value's words in a row in the text: "Tourism or a holiday – passing through" holds
    "Tourism or holiday" (as _names_choice reads a chosen option)."""
    wanted, seen = _bare(value), _bare(text)
    return len(wanted) > 1 and any(seen[i:i + len(wanted)] == wanted for i in range(len(seen) - len(wanted) + 1))


def unused_goal_values(facts: BlockFacts) -> list[tuple[str, str]]:
    """(value, what was acted on) for each goal value no verified action touched."""
    acted = [a for a in facts.actions if a.type != AT.ACTION_TYPE_GOTO
             and (not a.HasField("postcondition") or a.postcondition.verified)]
    clicked = [a for a in acted if a.type == AT.ACTION_TYPE_CLICK]
    seen = clicked[-1] if clicked else (acted[-1] if acted else None)
    shown = ""
    if seen is not None:
        name = seen.element.accessible_name or seen.element.text or seen.element.label
        context = f" in {seen.postcondition.context[:80]!r}" if seen.postcondition.context else ""
        shown = f"{name!r}{context}" if name else "an unnamed element"
    # A key the agent left out on purpose ("No" to what the page never asks) is the report's, not a miss; its value
    # is excused only when no other key holds it too (a second "No" the agent did not leave out must be touched).
    held: dict[str, set[str]] = {}
    for key, (value, _) in facts.payload.items():
        held.setdefault(value.strip(), set()).add(key)
    waived = {value for value, keys in held.items() if keys <= set(facts.keys_not_needed)}
    return [(value, shown) for value, quoted in facts.goal_values
            if value.strip() not in waived and not _value_touched(acted, value, quoted)]


def _value_touched(acted: list[trace_pb2.Action], value: str, quoted: bool) -> bool:
    """Whether the actions touched the value: one of them the whole, or, for a list ("International Calls 300, Roam
    Further" turned on switch by switch), each of its items one."""
    if any(_touched(a, value, quoted) for a in acted):
        return True
    items = [item.strip() for item in value.split(",") if item.strip()]
    return len(items) > 1 and all(any(_touched(a, item, quoted) for a in acted) for item in items)


# Controls whose own name is the choice they make (a radio, a box, a listbox option).
_CHOICE_ROLES = frozenset({"radio", "checkbox", "option", "menuitemradio", "menuitemcheckbox", "switch"})


def wrong_choices(facts: BlockFacts) -> list[tuple[str, str, str]]:
    """(key, value, chosen) for each option ticked or clicked for a payload key whose name is not that value
    (or one of its comma-separated items): "Happy" chosen for "Very happy" is another answer. A yes/no value
    ticks a box whatever it is called; a select's read-back already compared the option with the value."""
    wrong: list[tuple[str, str, str]] = []
    for at, action in enumerate(facts.actions):
        key = action.payload_key
        if key not in facts.payload or action.type == AT.ACTION_TYPE_UNCHECK:
            continue
        if action.HasField("postcondition") and not action.postcondition.verified:
            continue
        choosing = action.type == AT.ACTION_TYPE_CHECK or (
            action.type == AT.ACTION_TYPE_CLICK and action.element.role in _CHOICE_ROLES
        )
        value = facts.payload[key][0]
        if not choosing or not value.strip() or value.strip().casefold() in CHECKED_WORDS | FALSE_WORDS:
            continue
        # A number is one item: "18,000" is not "18" and "000".
        items = [value] if number_of(value) is not None else (
            [item.strip() for item in value.split(",") if item.strip()] or [value])
        element = action.element
        names = [n for n in (element.label, element.accessible_name, element.text) if n]
        if not names:
            continue  # nothing to compare with (a secret value, an unnamed box): the read-back stands
        answer = recorded_answer(action.intent)
        if answer and answer == answer_of(value):
            continue  # a yes/no question answered as the value says ("None" answers "No")
        if any(_OTHER_OPTION.match(n) for n in names) and any(
            later.payload_key == key and later.type in VALUE_ACTIONS for later in facts.actions[at + 1:]
        ):
            continue  # "Other amount" chosen, then the value typed into the box it showed
        if not any(_names_choice(item, name) or _states_key_and_value(key, item, name)
                   for item in items for name in names) and not _sole_holder(value, names, action):
            wrong.append((key, value, names[0]))
    return wrong


# An option that stands for any answer not listed ("Other", "Other amount", "Something else", "Custom amount").
_OTHER_OPTION = re.compile(r"^\W*(?:other|something else|custom|another)\b", re.IGNORECASE)


def _sole_holder(value: str, names: list[str], action: trace_pb2.Action) -> bool:
    """A radio ticked for a value in the resident's words ("street light not working"), whose name holds most of
    them ("Street lighting fault") while none of its fellow options, read when it was ticked, holds any."""
    others = [n for n in action.postcondition.context.split("\n") if n] if action.type == AT.ACTION_TYPE_CHECK else []
    return bool(others) and holds_alone(value, names, others)


def misplaced_values(facts: BlockFacts) -> list[tuple[str, str, str]]:
    """(key, field, the other side it names) for each value typed or chosen, verified, into a field meant for the
    key's counterpart (``field_roles``): the billing city in the shipping address."""
    found: list[tuple[str, str, str]] = []
    for action in facts.actions:
        key = action.payload_key or action.parameter_key
        if action.type not in (AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION) or not key:
            continue
        if action.HasField("postcondition") and not action.postcondition.verified:
            continue
        element = action.element
        attributes = element.attributes
        texts = [element.label, element.accessible_name, *(attributes.get(a, "") for a in _SIDE_ATTRIBUTES)]
        side = wrong_side(key, texts)
        if side:
            named = element.label or element.accessible_name or attributes.get("name", "") or "a field"
            group = attributes.get("group", "")
            found.append((key, f"{named} ({group})" if group else named, side))
    return found


# The attributes (and the recorded group) that say which of two like fields a field is.
_SIDE_ATTRIBUTES = ("name", "id", "placeholder", "autocomplete", "group")


_ARTICLES = frozenset({"a", "an", "the"})
_THEN_TIME = re.compile(r"^(?P<words>\D*?)(?P<time>\d.*)$")


def _words_then_time(value: str, name: str) -> bool:
    """The value's words (a day's name whole or short), then its time of day in another spelling: "Friday 2pm–3pm ·
    Room Lab2" or "Fri 14:00–15:00" for "Friday 14:00" (not "Friday 3pm–4pm", not "Thursday 2pm–3pm")."""
    timed = _THEN_TIME.match(value.strip())
    if not timed or clock_minutes(timed["time"]) is None:
        return False
    words, shown = re.findall(r"[^\W\d_]+", timed["words"]), name.strip()
    # The option's first words, one by one: the same, or the same day written short ("Fri" for "Friday").
    lead = re.match(r"^" + r"[\s,]*".join([r"([^\W\d_]+)\.?"] * len(words)), shown) if words else None
    return lead is not None and all(map(same_word, words, lead.groups())) and same_time(
        timed["time"], shown[lead.end():].strip(" ,"), leading=True
    )


_ACTING_VERBS = frozenset("pay choose select pick use get send ship deliver collect bill".split())
# An option that refuses what it names ("No phone calls", "Not by post") is not that answer.
_DENYING = re.compile(r"\b(?:no|not|never|don't|do not|without)\b", re.IGNORECASE)


def _names_choice(value: str, name: str) -> bool:
    """An option names a value when it is that value, with a qualifier, or begins with its words ("Standard" and
    "Standard delivery"), or holds another wording of the same answer ("Phone call" for "telephone");
    "Very happy" does not name "Happy", nor "Happy" "Very happy"."""
    if _names_match(_norm(value), name) or value_matches(value, name):
        return True
    wanted, seen = re.findall(r"\w+", value.casefold()), re.findall(r"\w+", name.casefold())
    if bool(wanted) and len(seen) >= len(wanted) and all(map(same_number, wanted, seen[: len(wanted)])):
        return True  # its words first, one perhaps in the other number ("Potholes and damaged road" for "pothole")
    if _words_then_time(value, name):
        return True
    if in_band(value, name):
        return True  # a number in the range the option names: "4,500" for "Up to 5,000 miles"
    # An option worded as what to do with the value: "Pay annually" is the answer "annually" (not "Very happy" for
    # "Happy": a qualifier makes another answer, a verb of paying or sending does not).
    verb, _, rest = name.strip().partition(" ")
    if verb.casefold() in _ACTING_VERBS and rest and _names_choice(value, rest):
        return True
    # Articles aside, the same words: "Tourism or a holiday" is the option the value "Tourism or holiday" means.
    bare = _bare(value)
    if bare and bare == _bare(name):
        return True
    if holds_wording(value, name) and not _DENYING.search(name):
        return True  # the same answer in the page's words: "Phone call" for "telephone", "Letter by post" for "Post"
    # A person's initials drawn as an avatar before their name ("IN Ines Novak", or run on: "INInes Novak").
    initials = "".join(word[0] for word in wanted)
    rest = name.strip()[len(initials):]
    return len(wanted) >= 2 and name.strip().casefold().startswith(initials) and _names_choice(value, rest.lstrip())


# Words that join a key to its value in an option's sentence ("Half day on the last day").
_JOINING = frozenset("on the of for a an in at to my".split())
_BRACKETED = re.compile(r"\([^)]*\)")


def _states_key_and_value(key: str, value: str, name: str) -> bool:
    """An option that says the key and the value together, nothing else but joining words and an explanation in
    brackets: "Half day on the last day (I'll work in the afternoon)" for half_day "Last day". "Very happy" is still
    not "Happy" for satisfaction: "very" is neither."""
    words = set(re.findall(r"\w+", _BRACKETED.sub(" ", name).casefold())) - _JOINING
    mine = set(re.findall(r"\w+", value.casefold())) - _JOINING
    theirs = set(normalise(key).split()) - _JOINING
    return bool(mine) and bool(theirs - mine) and words == mine | theirs


def holds_data(value: object) -> bool:
    """Whether extracted data holds anything: an object whose every value is empty ({} or {"rows": []}) is no
    evidence that the block read what it was asked for, even when the schema accepts it."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return any(holds_data(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(holds_data(v) for v in value)
    return True  # a number or a boolean was read


def failed_actions(actions: Iterable[trace_pb2.Action]) -> list[trace_pb2.Action]:
    return [a for a in actions if a.type in VALUE_ACTIONS and a.HasField("postcondition")
            and not a.postcondition.verified]
