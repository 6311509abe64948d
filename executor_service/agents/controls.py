"""Pure matching of controls: which button or link a goal means, and which element a recorded fingerprint was."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from executor_service.agents.matching import normalise, similarity
from executor_service.browser.snapshot import SnapshotElement
from services.gen.rote.v1 import trace_pb2

CONTROL_THRESHOLD = 55.0
LOCATE_THRESHOLD = 75.0
_LOGIN_WORDS = re.compile(r"\b(sign in|signin|log in|login)\b")
# A wizard's step control ("Next", "Continue to payment"), not a calendar's or a gallery's "Next month".
STEP_NAME = re.compile(
    r"^\W*(next|continue|proceed|review|forward)\b(?!\s+(month|year|week|days?|page|slide|image|photo|picture)\b)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"['\"‘“]([^'\"’”]{1,80})['\"’”]")
_GENERIC_SUBMIT = re.compile(
    r"\b(submit|send|save|continue|next|confirm|apply|done|finish|ok|update|create|register|sign up|book|pay|order|"
    r"request|search|add|go|proceed|review|place)\b"
)
_CLICKABLE_ROLES = ("button", "link", "tab", "menuitem")


def named_targets(goal: str) -> list[str]:
    """Control names the goal quotes ("click the 'Archive all' button")."""
    return [m.group(1).strip() for m in _QUOTED.finditer(goal) if m.group(1).strip()]


def control_score(goal: str, element: SnapshotElement, *, login: bool = False, forms: set[int] | None = None) -> float:
    """How well a button or link fits the block's goal: a control the goal names beats generic submit words; the
    submit button of the form just filled is preferred to anything else on the page."""
    if element.kind != "control" or element.disabled or not (element.is_clickable or element.role in _CLICKABLE_ROLES):
        return 0.0
    name = element.name or element.text
    if not name:
        return 0.0
    wanted = normalise(name)
    score = float(fuzz.token_set_ratio(normalise(goal), wanted))
    for target in named_targets(goal):
        if normalise(target) == wanted:
            score = max(score, 200.0)
        elif normalise(target) and normalise(target) in wanted:
            score = max(score, 150.0)
    # "the link in the row of order SO-1": a row (or list item) holding the goal's identifiers singles one out.
    row = element.context[-1] if element.context else ""
    cues = [t for t in re.findall(r"[\w-]*\d[\w-]*", goal) if len(t) >= 3]
    cues += [t for t in named_targets(goal) if normalise(t) != wanted]
    if row and cues and any(c.casefold() in row.casefold() for c in cues):
        score += 40
    in_form = bool(forms) and element.form in (forms or set())
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
    return score


def choose_control(
    goal: str,
    elements: Iterable[SnapshotElement],
    *,
    login: bool = False,
    forms: set[int] | None = None,
    threshold: float = CONTROL_THRESHOLD,
) -> SnapshotElement | None:
    """The control to click for ``goal``, or None when nothing fits well enough."""
    scored = [(control_score(goal, e, login=login, forms=forms), e) for e in elements]
    scored = [pair for pair in scored if pair[0] >= threshold]
    if not scored:
        return None
    return max(scored, key=lambda pair: (pair[0], -pair[1].index))[1]




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
    by_intent = max((fuzz.token_set_ratio(normalise(intent), normalise(d)) for d in described if d), default=0.0)
    score = max(evidence, 0.8 * by_intent)
    if fingerprint.role and element.role and fingerprint.role != element.role:
        score *= 0.6
    if fingerprint.tag and element.tag and fingerprint.tag != element.tag:
        score *= 0.85
    want_type = attrs.get("type", "")
    if want_type and element.type and want_type != element.type:
        score *= 0.8
    return score
