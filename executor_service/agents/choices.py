"""Pure matching of choices: radio groups and checkbox lists a payload value picks in, options a goal names."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence

from executor_service.agents.matching import (
    FIELD_THRESHOLD,
    adds_words,
    asked_about,
    concept_score,
    described_score,
    describes,
    is_field,
    names_key,
    normalise,
    says_which,
    similarity,
    truthy,
)
from executor_service.browser.answer_wordings import holds_wording
from executor_service.browser.clock_times import day_and_time, same_time
from executor_service.browser.number_bands import band_holding, number_of, numbers_clash
from executor_service.browser.snapshot import SnapshotElement
from executor_service.browser.value_checks import canonical
from executor_service.browser.whole_words import holds_alone, same_number, whole_words


def _is_radio(element: SnapshotElement) -> bool:
    return element.type == "radio" or element.role == "radio"


def _is_checkbox(element: SnapshotElement) -> bool:
    return element.type == "checkbox" or element.role in ("checkbox", "switch")


def _group_key(element: SnapshotElement) -> str:
    # Native radios share a name; ARIA radios and checkbox lists share their group's legend or label.
    if element.attr_name:
        return "name:" + element.attr_name
    return "group:" + (element.context[-1] if element.context else "")


# A key that asks for toggles to be off ("turn_off", "disable", "mute_channels"); any other names those to turn on.
OFF_KEY = re.compile(r"(?:^|_|\b)(off|disable|disabled|unsubscribe|mute|stop|remove|untick|uncheck|opt_out)(?:_|\b|$)",
                     re.I)


def choice_groups(elements: Iterable[SnapshotElement]) -> dict[str, list[SnapshotElement]]:
    """Radio groups and checkbox lists (two or more boxes sharing a name or a group), by group key. Switches are
    no list: each is a setting of its own, set by the value that names it (widgets._set_named_toggles), the others
    left as they are."""
    groups: dict[str, list[SnapshotElement]] = {}
    for element in elements:
        if element.role == "switch":
            continue
        if element.kind == "control" and not element.disabled and (_is_radio(element) or _is_checkbox(element)):
            groups.setdefault(("radio|" if _is_radio(element) else "check|") + _group_key(element), []).append(element)
    return {k: v for k, v in groups.items() if k.startswith("radio|") or len(v) > 1}


def option_names(element: SnapshotElement) -> list[str]:
    """What an option (a radio, a checkbox, a list item) is called on the page."""
    return [n for n in (element.label, element.name, element.text, element.column, element.value) if n]


def _option_score(value: str, element: SnapshotElement, context: Sequence[str] = ()) -> float:
    """How surely the option is the one ``value`` names (``context``: the key and the group's names, whose words a
    value may repeat: "Economy class" under "Cabin class")."""
    wanted = value.strip().casefold()
    names = option_names(element)
    if any(wanted == n.strip().casefold() or same_time(value, n) for n in names):
        return 100.0
    if any(day_and_time(value, n) for n in names[:2]):
        return 96.0
    # Alike in letters is no match when their numbers differ: "£35" never chooses "£350", nor "£1,000" "£100".
    # A value with a word of its own the option lacks is another option ("Premium Plus" is not "Premium").
    best = max((similarity(value, n) for n in names if not _answer_inside(value, n) and not numbers_clash(value, n)
                and not adds_words(value, n, context)), default=0.0)
    if best < 88.0 and says_which(value) and any(_holds_in_a_form(value, n) for n in names[:2]):
        return 88.0  # "pothole" for "Potholes and damaged road surface": the value's words, one in plural
    if best < 86.0 and any(holds_wording(value, n) for n in names[:2]):
        return 86.0  # "telephone" for "Phone call": the same answer in the page's words (answer_wordings)
    return best


def _answer_inside(value: str, name: str) -> bool:
    """Whether ``name`` is a yes/no answer ("No") that the value merely holds among words of its own ("Vegetarian,
    no nuts please"): those words are the answer's details, never the answer itself ("No thanks" still says no)."""
    if truthy(name) is None or truthy(value) is not None:
        return False
    mine, theirs = set(normalise(value).split()), set(normalise(name).split())
    return len(mine - theirs) >= 2


def _holds_in_a_form(value: str, name: str) -> bool:
    """Whether every word of ``value`` is a word of ``name`` as it is or in its other number ("pothole" and
    "Potholes", "boxes" and "box")."""
    shown = normalise(name).split()
    return all(any(same_number(word, other) for other in shown) for word in normalise(value).split())


def _group_names(members: list[SnapshotElement]) -> list[str]:
    shared = set(members[0].context)
    for member in members[1:]:
        shared &= set(member.context)
    return [n for n in (members[0].attr_name, *sorted(shared)) if n]


def split_values(value: str) -> list[str]:
    """The items of a list value ("a, b; c" or a JSON list)."""
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            items = json.loads(text)
            if isinstance(items, list):
                return [str(i).strip() for i in items if str(i).strip()]
        except ValueError:
            pass
    return [part.strip() for part in re.split(r"[,;|\n]", text) if part.strip()]


def _one_holds(value: str, members: list[SnapshotElement]) -> bool:
    """Whether exactly one option's own name holds the value as whole words ("pothole" in "Pothole or road
    defect"): the value names that option even where the group's question does not name the key. A value with no
    word of three letters nor identifier (a number, an initial) says too little to pick a group by."""
    if sum(any(day_and_time(value, n) for n in option_names(m)[:2]) for m in members) == 1:
        return True
    if not says_which(value):
        return False
    wanted = whole_words(value)
    if sum(any(wanted.search(n) for n in option_names(m)[:2]) for m in members) == 1:
        return True
    if sum(any(holds_wording(value, n) for n in option_names(m)[:2]) for m in members) == 1:
        return True
    if sum(any(_holds_in_a_form(value, n) for n in option_names(m)[:2]) for m in members) == 1:
        return True
    return _sole_sharer(value, members) is not None


def _best_option_of(value: str, members: list[SnapshotElement], context: Sequence[str] = ()) -> SnapshotElement:
    return max(members, key=lambda m: (_option_score(value, m, context), -m.index))


def _scored_options(value: str, members: list[SnapshotElement], context: Sequence[str] = ()) -> list[float]:
    """How well ``value`` names each option; a number names the one option of a list of ranges that holds it
    ("4,500" for "Up to 5,000 miles") almost as surely as its text would."""
    scores = [_option_score(value, m, context) for m in members]
    if max(scores, default=0.0) < 100.0:
        held = band_holding(value, [(option_names(m) or [""])[0] for m in members])
        if held is not None:
            scores[held] = 97.0
    if max(scores, default=0.0) < 85.0:
        sole = _sole_sharer(value, members)
        if sole is not None:
            scores[sole] = 85.0
    return scores


def _sole_sharer(value: str, members: list[SnapshotElement]) -> int | None:
    """The one option that holds most of the value's words in some form while no other option holds any ("street
    light not working" for "Street lighting fault" beside "Pothole", "Graffiti"): at least two of them, and at
    least half. None when another option shares a word, or the value's words are too few to tell."""
    names = [option_names(m)[:2] for m in members]
    return next((i for i, own in enumerate(names)
                 if holds_alone(value, own, [n for j, theirs in enumerate(names) if j != i for n in theirs])), None)


def assign_choices(
    payload: Mapping[str, str],
    elements: Iterable[SnapshotElement],
    threshold: float = FIELD_THRESHOLD,
    described: Mapping[str, str] | None = None,
) -> list[tuple[str, SnapshotElement, bool]]:
    """(key, option, tick) for keys that choose in a radio group or a checkbox list: the group is named by the key
    or holds an option whose text is the value; the option is the one the value names. For a checkbox list every
    named option is ticked and every other one unticked."""
    groups = choice_groups(elements)
    scored: list[tuple[float, str, str]] = []
    for key, value in payload.items():
        if truthy(value) is not None and not any(
            _option_score(value, m) == 100 for ms in groups.values() for m in ms
        ):
            continue  # a yes/no value ticks one box (assign_fields), unless an option is literally called that
        for gkey, members in groups.items():
            items = split_values(value) if gkey.startswith("check|") else [value]
            by_name = max((similarity(key, n) for n in _group_names(members)), default=0.0)
            by_name = max(by_name, max((concept_score(key, n) for n in _group_names(members)), default=0.0))
            description = (described or {}).get(key, "")
            if description:
                by_name = max(by_name, max((described_score(description, n) for n in _group_names(members)),
                                           default=0.0))
            context = (key, *_group_names(members))
            matched = [max(_scored_options(item, members, context), default=0.0) for item in items]
            if not matched or min(matched) < threshold:
                continue  # some value names no option here
            by_value = 80.0 if min(matched) >= 97 else 75.0 if all(_one_holds(i, members) for i in items) else 0.0
            scored.append((max(by_name, by_value) + min(matched) / 100, key, gkey))
    scored.sort(key=lambda t: -t[0])
    # A list of boxes is the whole of one key's value ("toppings": these ticked, the others not) only when no other
    # key names its boxes too ("turn_on" and "turn_off" the same switches) and the key does not ask to turn them
    # off: then each box is set by itself, and the others are left as they are (widgets._set_named_toggles).
    claims: dict[str, set[str]] = {}
    for score, key, gkey in scored:
        if score >= threshold:
            claims.setdefault(gkey, set()).add(key)
    shared = {gkey for gkey, keys in claims.items() if gkey.startswith("check|") and len(keys) > 1}
    used_keys: set[str] = set()
    used_groups: set[str] = set()
    chosen: list[tuple[str, SnapshotElement, bool]] = []
    for score, key, gkey in scored:
        if score < threshold or key in used_keys or gkey in used_groups:
            continue
        if gkey in shared or (gkey.startswith("check|") and OFF_KEY.search(key)):
            continue
        used_keys.add(key)
        used_groups.add(gkey)
        members = groups[gkey]
        if gkey.startswith("radio|"):
            scores = _scored_options(payload[key], members, (key, *_group_names(members)))
            best = max(zip(scores, members, strict=True), key=lambda pair: (pair[0], -pair[1].index))[1]
            chosen.append((key, best, True))
            continue
        context = (key, *_group_names(members))
        wanted = {id(_best_option_of(item, members, context)) for item in split_values(payload[key])}
        for member in members:
            chosen.append((key, member, id(member) in wanted))
    return chosen


def _yes_no(members: list[SnapshotElement]) -> dict[bool, SnapshotElement] | None:
    """The two radios of a yes/no question by the answer each gives ({True: "Yes", False: "No"}), or None."""
    if len(members) != 2 or not all(_is_radio(m) for m in members):
        return None
    answers = {_answer_given((option_names(m) or [""])[0]): m for m in members}
    return {k: m for k, m in answers.items() if k is not None} if set(answers) == {True, False} else None


# An answer said with manners or a reason after it: "Yes, please", "No thanks", "No, I do not want offers".
_SAID_ANSWER = re.compile(r"^\W*(yes|no)\b[\s,.!:;-]", re.IGNORECASE)


def _answer_given(name: str) -> bool | None:
    """The yes or no a radio of a two-answer question gives by its first word, or None."""
    flag = truthy(name)
    if flag is not None:
        return flag
    said = _SAID_ANSWER.match(name + " ")
    return None if said is None else said.group(1).casefold() == "yes"


# The option that stands for any answer not listed ("Other", "Other (please specify)", "Something else").
_OTHER = re.compile(r"^(?:other|something else|none of (?:these|the above)|another)\b", re.IGNORECASE)


def _other(members: list[SnapshotElement]) -> SnapshotElement | None:
    """The radio that stands for an answer not listed, the group's other options being answers of their own."""
    found = [m for m in members if _is_radio(m) and _OTHER.match((option_names(m) or [""])[0])]
    return found[0] if len(found) == 1 and len(members) >= 2 else None


def _all_numbers(members: list[SnapshotElement], other: SnapshotElement) -> bool:
    """Whether every option of the group but its "Other" is one number ("£10", "25 kg")."""
    return all(number_of((option_names(m) or [""])[0]) is not None for m in members if m is not other)


def answered_questions(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> list[tuple[str, SnapshotElement, bool]]:
    """(key, the answer to choose, whether the value is the details that answer asks for) for questions a key
    names whose options do not hold its value: a yes/no question ("Do you have any dietary requirements?" for
    dietary_requirements) is answered by a yes/no value ("None", "false"), and by yes for a value of words
    ("Vegetarian, no nuts"), which then goes where that answer asks for it; a question with an "Other" option
    ("How did you hear about us?") is answered "Other" for a value none of its options names ("A podcast"), which
    goes into the box that asks to specify. Each question and each key once, the best named first."""
    scored: list[tuple[float, str, str, SnapshotElement, bool]] = []
    for group, members in choice_groups(elements).items():
        answers, other = _yes_no(members), _other(members)
        if answers is None and other is None:
            continue
        names = _group_names(members)
        amounts = other is not None and _all_numbers(members, other)
        for key, value in payload.items():
            flag = truthy(value)
            # A sum no option offers answers a list of sums "Other amount" ("£35" among £10, £25, £50).
            priced = amounts and number_of(value) is not None
            if flag is None and not describes(value) and not priced:
                continue  # a bare number, an email or a date answers nothing: it is a datum for a field
            named = max((max(similarity(key, n), 75.0 if names_key(key, n) or asked_about(key, n) else 0.0)
                         for n in names), default=0.0)
            if named < threshold:
                continue
            if answers is not None:
                scored.append((named, key, group, answers[flag is not False], flag is None))
            elif other is not None and flag is None and max(_scored_options(value, members, (key, *names))) < threshold:
                scored.append((named, key, group, other, True))
    chosen: list[tuple[str, SnapshotElement, bool]] = []
    keys, groups = set[str](), set[str]()
    for _, key, group, answer, details in sorted(scored, key=lambda t: -t[0]):
        if key not in keys and group not in groups:
            keys.add(key)
            groups.add(group)
            chosen.append((key, answer, details))
    return chosen


def assign_radio_groups(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> list[tuple[str, SnapshotElement]]:
    """(key, radio) for payload keys that choose a radio option (see assign_choices)."""
    return [(k, e) for k, e, _ in assign_choices(payload, elements, threshold) if _is_radio(e)]


def _named_in(goal: str, text: str) -> bool:
    words = normalise(text)
    return len(words) >= 3 and any(c.isalpha() for c in words) and truthy(text) is None and (
        f" {words} " in f" {normalise(goal)} "
    )


def goal_options(
    goal: str, elements: Iterable[SnapshotElement], taken: set[int], chosen: Iterable[str] = ()
) -> list[tuple[SnapshotElement, str]]:
    """Choices the goal names by their own text ("Choose the GLS Business delivery"): (select, option text) when
    exactly one option of a select no key took is named, (radio, its name) for the one named option of a radio
    group. Only choices not made yet."""
    everything = list(elements)
    found: list[tuple[SnapshotElement, str]] = []
    for element in everything:
        if element.tag != "select" or not is_field(element) or element.index in taken:
            continue
        named = _longest([o.text for o in element.options if o.value and _named_in(goal, o.text)])
        if len(named) == 1 and not any(o.selected and o.text == named[0] for o in element.options):
            found.append((element, named[0]))
    # A group whose checked option shows a value a key entered earlier in the block is that key's, too.
    entered = [whole_words(v) for v in chosen if re.search(r"[^\W\d_]{3}", v)]
    # Spelled apart only by hyphens or spaces ("Email" entered, "E-mail" checked) is the same word.
    squeezed = {canonical(v) for v in chosen if re.search(r"[^\W\d_]{3}", v)}
    for members in choice_groups(everything).values():
        if not _is_radio(members[0]) or any(m.index in taken for m in members):
            continue  # a group a payload key chose in is that key's
        if any(m.checked and any(any(w.search(n) for w in entered) or canonical(n) in squeezed
                                 for n in option_names(m)[:2]) for m in members):
            continue
        texts = _longest([n for m in members for n in option_names(m)[:1] if _named_in(goal, n)])
        named_radios = [m for m in members if option_names(m)[:1] == texts[:1]] if len(texts) == 1 else []
        if len(named_radios) == 1 and not named_radios[0].checked:
            found.append((named_radios[0], texts[0]))
    return found


def _longest(texts: list[str]) -> list[str]:
    """The named texts that are not part of a longer one ("Very good" named, so "Good" is not)."""
    return [t for t in texts if not any(o != t and normalise(t) in normalise(o) for o in texts)]
