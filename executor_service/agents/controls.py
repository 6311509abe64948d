"""Pure matching of controls: which button or link a goal means, and which element a recorded fingerprint was."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from executor_service.agents.matching import is_field, normalise, similarity
from executor_service.browser.snapshot import SnapshotElement
from executor_service.browser.whole_words import whole_words
from services.gen.rote.v1 import trace_pb2

# A card's or an item's own choosing button: "Select", "Choose this plan", "Switch to this plan", "Pick".
CHOOSING_NAME = re.compile(r"^(?:select|choose|pick|switch to)(?: (?:this|that|the)(?: \w+)?)?$", re.I)

CONTROL_THRESHOLD = 55.0
LOCATE_THRESHOLD = 75.0
_LOGIN_WORDS = re.compile(r"\b(sign in|signin|log in|login)\b")
# A wizard's step control ("Next", "Continue to payment"), not a calendar's or a gallery's "Next month".
STEP_NAME = re.compile(
    r"^\W*(?:save\s+and\s+|save\s*&\s*)?(next|continue|proceed|review|forward)\b"
    r"(?!\s+(month|year|week|days?|page|slide|image|photo|picture)\b)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"['\"‘“]([^'\"’”]{1,80})['\"’”]")
_GENERIC_SUBMIT = re.compile(
    r"\b(submit|send|save|continue|next|confirm|apply|done|finish|ok|update|create|register|sign up|book|pay|order|"
    r"request|search|add|go|proceed|review|place)\b"
)
_CLICKABLE_ROLES = ("button", "link", "tab", "menuitem")
# Controls that go back or away from the goal ("Close" on the dialog a seminar was just chosen in abandons it).
_BACKWARD = re.compile(
    r"^(edit|back|go back|cancel|change|previous|prev|reset|clear|undo|modify|discard|close|dismiss)\b"
)
# A control that opens an item's editor ("Edit", "Modify", "Change plan"): backward on a review step, the way on
# when the goal changes something the page has no field for yet ("change their plan to Pro" on a customer list).
_EDIT_VERB = re.compile(r"^(edit|modify|change|update|manage)\b")
_GOAL_CHANGES = re.compile(r"\b(change|update|edit|modify|amend|correct)\b", re.IGNORECASE)
# Such an editor outranks a control that only shares a noun with the goal ("Copy customer ID" in the same menu).
_EDITOR_SCORE = 75.0


def control_key_of(element: SnapshotElement) -> str:
    """A control's key across looks: its name (or text, or label), case aside."""
    return (element.name or element.text or element.label).casefold()


def named_targets(goal: str) -> list[str]:
    """Control names the goal quotes ("click the 'Archive all' button")."""
    return [m.group(1).strip() for m in _QUOTED.finditer(goal) if m.group(1).strip()]


def goal_cues(goal: str) -> list[str]:
    """What in a goal singles out one row: identifiers with digits, quoted names, capitalised names."""
    cues = [t for t in re.findall(r"[\w-]*\d[\w-]*", goal) if len(t) >= 3]
    cues += named_targets(goal)
    unquoted = _QUOTED.sub(" ; ", goal)
    for match in _PROPER.finditer(unquoted):
        words = match.group(0).split()
        if match.start() == 0 or unquoted[: match.start()].rstrip().endswith((".", "!", "?", ";")):
            words = words[1:]  # the first word of a sentence is capitalised anyway
        phrase = " ".join(words).strip()
        if len(phrase) >= 3 and phrase not in cues:
            cues.append(phrase)
    return cues


def row_score(goal: str, row: str, control_name: str) -> float:
    """What a row's text adds to a control in it: 25 per goal cue the row holds (up to three), and up to 10 more
    the closer the row's own words are to the cues alone (the plain item, not its bundle or refurbished twin)."""
    folded = f" {normalise(row)} "
    found = [c for c in goal_cues(goal) if normalise(c) and f" {normalise(c)} " in folded]
    if not found:
        return 0.0
    rest = normalise(re.sub(r"[€$£¥]?\d[\d.,]*", " ", row.replace(control_name, " ")))
    return 25.0 * min(len(found), 3) + fuzz.ratio(normalise(" ".join(found)), rest) / 10


_PARTICLES = r"(?:de|del|da|di|van|von|der|le|la)"
_PROPER = re.compile(rf"\b[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|{_PARTICLES}(?:\s+{_PARTICLES})*\b(?=\s+[A-Z])))*")
_SEARCH_TERM = re.compile(
    r"\b(?:search(?:\s+\w+){0,3}?\s+for|search|find|look\s+up|look\s+for)\s+(?P<rest>.+)", re.IGNORECASE
)


def search_term(goal: str) -> str:
    """What the goal asks to search for: the quoted text or the name right after "search for" / "find"."""
    match = _SEARCH_TERM.search(goal)
    if not match:
        return ""
    rest = match["rest"].strip()
    quoted = _QUOTED.match(rest)
    if quoted:
        return quoted.group(1).strip()
    proper = _PROPER.match(rest)
    return proper.group(0).strip() if proper and len(proper.group(0)) >= 3 else ""


def shares_stem(goal: str, name: str) -> bool:
    """Whether a word of the control's name and a word of the goal are one word in two forms (pay / payments)."""
    words = [w for w in normalise(goal).split() if len(w) >= 3]
    for mine in (w for w in name.split() if len(w) >= 3):
        for theirs in words:
            short, long_ = sorted((mine, theirs), key=len)
            if long_.startswith(short) and len(long_) - len(short) <= 5 and short not in _STEM_STOP:
                return True
    return False


_STEM_STOP = frozenset("the and for with you your our then from into this that".split())


def opens_editor(goal: str, element: SnapshotElement, items: Sequence[str] = ()) -> bool:
    """Whether the control opens the editor of the item the goal changes: an edit verb, a goal asking for a
    change, and, for a control in a list item, that item holding one of the names ``items`` the item goes by (the
    value typed into the list's search, the goal's names that are no value to set): the Edit of another person's
    row, even one already on the new team, edits the wrong person."""
    if not (_EDIT_VERB.match(normalise(element.name or element.text)) and _GOAL_CHANGES.search(goal)):
        return False
    return not element.row or _holds_any(element.row, items)


def opens_item_menu(goal: str, element: SnapshotElement, items: Sequence[str] = ()) -> bool:
    """Whether the control opens the actions menu ("⋯", "Actions for Priya Raman") of the item the goal changes,
    where its Edit is: a menu button named for that item or in its row."""
    if element.haspopup not in ("menu", "true") or not _GOAL_CHANGES.search(goal):
        return False
    return _holds_any(element.name or element.text, items) or (bool(element.row) and _holds_any(element.row, items))


def item_names(goal: str, sought: Sequence[str], pending: Sequence[str]) -> list[str]:
    """The names the item a goal changes goes by: values typed to find it, and the goal's names ("Bramble & Co")
    other than the values still to set ("Enterprise", which other customers' rows show too)."""
    setting = [normalise(v) for v in pending if normalise(v)]
    cues = [c for c in goal_cues(goal) if not any(normalise(c) in v or v in normalise(c) for v in setting)]
    return [*sought, *cues]


def _holds_any(text: str, names: Sequence[str]) -> bool:
    return any(whole_words(name).search(text) for name in names if name.strip())


def control_score(
    goal: str, element: SnapshotElement, *, login: bool = False, forms: set[int] | None = None, editing: bool = False,
    items: Sequence[str] = (),
) -> float:
    """How well a button or link fits the block's goal: a control the goal names beats generic submit words; the
    submit button of the form just filled is preferred to anything else on the page. ``editing``: values remain to
    enter and nothing here takes them, so the editor of the item the goal changes (``opens_editor``, the item going
    by the names ``items``) is the way on."""
    if element.kind != "control" or element.disabled or not (element.is_clickable or element.role in _CLICKABLE_ROLES):
        return 0.0
    name = element.name or element.text
    if not name:
        return 0.0
    wanted = normalise(name)
    score = float(fuzz.token_set_ratio(normalise(goal), wanted))
    editor = editing and opens_editor(goal, element, items)
    if editor:
        score = max(score, _EDITOR_SCORE)
    elif editing and opens_item_menu(goal, element, items):
        score = max(score, _EDITOR_SCORE - 10)  # the item's own Edit, when shown, comes first
    if shares_stem(goal, wanted):
        score = max(score, 60.0)  # "Payments" for "Pay ...", "Tickets" for "a new ticket": the same word
    for target in named_targets(goal):
        if normalise(target) == wanted:
            score = max(score, 200.0)
        elif normalise(target) and normalise(target) in wanted:
            score = max(score, 150.0)
    # "the link in the row of order SO-1", "Ana Diaz from Finance": the row (or list item) holding the goal's
    # identifiers and names singles one out; the more of them, and the less else, the surer.
    row = element.context[-1] if element.context else ""
    if row:
        score += row_score(goal, row, name)
    in_form = bool(forms) and element.form in (forms or set())
    if forms and not in_form and score < 150 and fuzz.ratio(normalise(goal), wanted) < 90:
        # Another form's or region's control (the app's navigation) does not send what was filled, unless the
        # goal is that very control's name.
        score -= 30
    if element.submits:
        score += 15
    if in_form:
        score += 15
        if element.submits or _GENERIC_SUBMIT.search(wanted):
            score = max(score, 60.0) + 15
        elif element.tag == "a" and score < 150:
            # A link inside a form ("Terms of service") leaves it; the form's own button sends it.
            score = min(score - 20, CONTROL_THRESHOLD + 4)
    if login and (_LOGIN_WORDS.search(wanted) or STEP_NAME.match(name)):
        score += 20
    if element.tag == "a" and not element.submits:
        score -= 10
    toggle = element.role in ("switch", "checkbox", "radio") or element.type in ("checkbox", "radio")
    if forms and toggle and wanted not in normalise(goal):
        # Once values are entered, a switch or box the goal does not name only changes another setting, however
        # close its row sits to one the goal names: it never sends what was entered.
        score = min(score, CONTROL_THRESHOLD - 1)
    backward = _BACKWARD.match(wanted)
    if backward and not editor and backward.group(1) not in normalise(goal).split() and score < 150:
        score -= 40  # "Edit", "Back", "Cancel", "Close" undo the way to the goal unless the goal says them
    return score


# A quoted name said to be a control ("click 'Archive'", "the 'Archive' button"), not a searched title or a value.
_CONTROL_QUOTE = re.compile(
    r"\b(?:click|clicking|press|pressing|tap|hit|push)\s+(?:on\s+)?(?:the\s+)?['\"‘“](?P<before>[^'\"’”]{1,80})['\"’”]"
    r"|['\"‘“](?P<after>[^'\"’”]{1,80})['\"’”]\s+(?:button|link|tab|menu item|icon|control)\b",
    re.IGNORECASE,
)


def quoted_controls(goal: str) -> list[str]:
    """Control names the goal quotes as something to click (not a title to search for or a value to type)."""
    return [n.strip() for m in _CONTROL_QUOTE.finditer(goal) if (n := m["before"] or m["after"]) and n.strip()]


def _bears(element: SnapshotElement, target: str) -> bool:
    """Whether a control is called by the quoted name, or bears it within its own ("Archive all" for 'Archive')."""
    name, want = f" {normalise(element.name or element.text)} ", f" {normalise(target)} "
    return bool(want.strip()) and want in name


def fits_as_styled(goal: str, element: SnapshotElement) -> bool:
    """Whether an element only styled as a button (``SnapshotElement.pointer``) may be pressed for ``goal``: its
    words say a send ("Submit", "Sign up") or one of the goal's own ("Subscribe" for "Subscribe to the newsletter").
    Its place beside the fields is no reason: a "Learn more" there sends nothing."""
    wanted = normalise(element.name or element.text)
    if not wanted or _BACKWARD.match(wanted):
        return False
    return bool(_GENERIC_SUBMIT.search(wanted)) or shares_stem(goal, wanted)


def _sends(element: SnapshotElement) -> bool:
    """A control that sends or finishes (a submit, "Save draft"), as opposed to one that moves on to a next step."""
    name = element.name or element.text
    return (element.submits or bool(_GENERIC_SUBMIT.search(normalise(name)))) and not STEP_NAME.match(name)


def _named(scored: Iterable[tuple[float, SnapshotElement]]) -> str:
    return ", ".join(f"{(e.name or e.text)!r} {round(score, 1)}" for score, e in scored)


def pick_control(
    goal: str,
    elements: Iterable[SnapshotElement],
    *,
    login: bool = False,
    forms: set[int] | None = None,
    threshold: float = CONTROL_THRESHOLD,
    editing: bool = False,
    items: Sequence[str] = (),
) -> tuple[SnapshotElement | None, str]:
    """(the control to click for ``goal``, '') or (None, why not): nothing fits well enough, the control the goal
    quotes is not on the page (another submit in its place would do what nobody asked), or two different
    submit controls fit equally well (the first on the page is no likelier the one meant)."""
    elements = list(elements)
    # A link to a field of this page (an error summary's "Enter your email" links to that field) only moves the
    # focus there: it never sends or completes anything, however well its words repeat the goal's.
    to_fields = {f"#{e.id}" for e in elements if e.id and is_field(e)}
    scored = sorted(
        (
            (min(score, threshold - 1) if e.tag == "a" and e.href in to_fields and score < 150 else score, e)
            for e, score in (
                (e, control_score(goal, e, login=login, forms=forms, editing=editing, items=items)) for e in elements
            )
        ),
        key=lambda pair: (-pair[0], pair[1].index),
    )
    good = [pair for pair in scored if pair[0] >= threshold]
    controls = [e for e in elements if e.kind == "control"]
    absent = [t for t in quoted_controls(goal) if not any(_bears(e, t) for e in controls)]
    if absent:
        # Only a step onward ("Next") or a way elsewhere may still lead to the quoted control; sending is a guess.
        good = [pair for pair in good if not _sends(pair[1])]
        if not good:
            quoted = ", ".join(repr(t) for t in absent)
            best = _named(pair for pair in scored[:3] if pair[0] > 0) or "none"
            return None, f"the goal names {quoted}, which no control on the page bears (best: {best})"
    if not good:
        return None, ""
    if len(good) > 1 and good[0][0] == good[1][0] and _sends(good[0][1]) and _sends(good[1][1]):
        first, second = good[0][1], good[1][1]
        if normalise(first.name or first.text) != normalise(second.name or second.text):
            return None, f"two controls fit the goal equally well: {_named(good[:2])}"
    if forms:
        # The same words twice ("+ Invite" opening the panel in the header, "Invite" under the panel's fields):
        # once values went in, the later one, below them, is the one that sends them.
        top = [e for score, e in good if score == good[0][0]]
        same = [e for e in top if normalise(e.name or e.text) == normalise(top[0].name or top[0].text)]
        return max(same, key=lambda e: e.index), ""
    return good[0][1], ""


def choose_control(
    goal: str,
    elements: Iterable[SnapshotElement],
    *,
    login: bool = False,
    forms: set[int] | None = None,
    threshold: float = CONTROL_THRESHOLD,
) -> SnapshotElement | None:
    """The control to click for ``goal``, or None when nothing fits well enough or the choice would be a guess."""
    return pick_control(goal, elements, login=login, forms=forms, threshold=threshold)[0]




def bearing_choice(fingerprint: trace_pb2.ElementFingerprint, pool: list[SnapshotElement]) -> list[SnapshotElement]:
    """The elements that can be the one a run's input chose: those whose own words hold the input as whole words
    (the fingerprint's "choice"); the whole pool when nothing chose the element. The recorded element's id and
    position name the recording's choice, so they must not win over the value this run asks for."""
    choice = fingerprint.attributes.get("choice", "")
    if not choice:
        return pool
    wanted = [whole_words(value) for value in choice.split("\n") if value.strip()]
    return [e for e in pool if all(any(w.search(d) for d in (*e.labels, e.name, e.text) if d) for w in wanted)]


def locate_score(intent: str, fingerprint: trace_pb2.ElementFingerprint, element: SnapshotElement) -> float:
    """How likely ``element`` is the one a recorded action touched, from its fingerprint and intent."""
    attrs = fingerprint.attributes
    pairs = [
        (fingerprint.label, [*element.labels, element.name]),
        (fingerprint.accessible_name, [element.name, *element.labels, element.text]),
        (fingerprint.text, [element.text, element.name]),
        (attrs.get("placeholder", ""), [element.placeholder]),
        (attrs.get("name", ""), [element.attr_name]),
        (attrs.get("id", ""), [element.id]),
    ]
    evidence = max((similarity(want, have) for want, haves in pairs if want for have in haves if have), default=0.0)
    described = [*element.labels, element.name, element.text, element.placeholder]
    # An intent that quotes its target ("Click 'Add to cart' to search the shop for ...") is matched by that name:
    # the rest is the goal, whose words ("search") may name another control entirely.
    quoted = _QUOTED.search(intent)
    wanted = quoted.group(1) if quoted else intent
    by_intent = max((fuzz.token_set_ratio(normalise(wanted), normalise(d)) for d in described if d), default=0.0)
    score = max(evidence, 0.8 * by_intent)
    if fingerprint.role and element.role and fingerprint.role != element.role:
        score *= 0.6
    if fingerprint.tag and element.tag and fingerprint.tag != element.tag:
        score *= 0.85
    want_type = attrs.get("type", "")
    if want_type and element.type and want_type != element.type:
        score *= 0.8
    return score


# The control of a start page ("Start now" on a service's first page, "Get started", "Apply now"): the way into the
# form when the page asks for nothing itself.
_START = re.compile(
    r"^\W*(start( now)?|begin|get started|apply( now| online)?|start (your |an? |the |my )?"
    r"(application|request|claim|form|booking|quote|registration))\W*$",
    re.IGNORECASE,
)


# The control that opens a form for a new item in an app ("Add member", "+ New ticket", "Create project", "Invite"),
# in a few words and not an action on something shown ("Add to basket").
_OPENS_FORM = re.compile(r"^\W*(?:add|new|create|invite|compose)\b(?!\s+to\b)(?:\W+\w+){0,3}\W*$", re.IGNORECASE)


def start_control(elements: Iterable[SnapshotElement]) -> SnapshotElement | None:
    """The one visible start control of a page that asks for nothing (none when there are several: a guess); else
    the one control that opens a form for a new item, the values being for that form."""
    controls = [e for e in elements
                if e.kind == "control" and not e.disabled and (e.is_clickable or e.role in _CLICKABLE_ROLES)]
    for pattern in (_START, _OPENS_FORM):
        found = [e for e in controls if pattern.match(e.name or e.text or "")]
        names = {normalise(e.name or e.text) for e in found}
        if names:
            return found[0] if len(names) == 1 else None
    return None
