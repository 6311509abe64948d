"""Pure fuzzy matching used by the heuristic agent: payload keys to fields, goals to controls, schemas to tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from executor_service.browser.snapshot import SelectOption, SnapshotElement
from services.gen.rote.v1 import trace_pb2

FIELD_THRESHOLD = 70.0
CONTROL_THRESHOLD = 55.0
COLUMN_THRESHOLD = 70.0
LOCATE_THRESHOLD = 75.0

_TRUE = {"true", "yes", "y", "1", "on", "checked", "x"}
_FALSE = {"false", "no", "n", "0", "off", "unchecked", "none", ""}
_LOGIN_WORDS = re.compile(r"\b(sign in|signin|log in|login|continue|next)\b")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y")


def normalise(text: str) -> str:
    """Lower-case words: camelCase and snake_case split, punctuation dropped ("startDate" -> "start date")."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text or "")
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.casefold().split())


def similarity(a: str, b: str) -> float:
    """0..100: how much two names mean the same thing (word order and extra words cost a little)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    if na.replace(" ", "") == nb.replace(" ", ""):
        return 98.0
    return max(fuzz.ratio(na, nb), 0.9 * fuzz.token_set_ratio(na, nb))


def truthy(value: str) -> bool | None:
    """True/False for the usual spellings of a boolean, None when the value is not one."""
    lowered = value.strip().casefold()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def iso_date(value: str) -> str | None:
    """The value as YYYY-MM-DD (what date inputs accept), or None when it is not a recognisable date."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def best_option(value: str, options: Sequence[SelectOption]) -> SelectOption | None:
    """The option ``value`` names: exactly by value or text first, then case-insensitively, then fuzzily."""
    real = [o for o in options if o.value or o.text]
    for matches in (
        lambda o: value in (o.value, o.text),
        lambda o: value.casefold() in (o.value.casefold(), o.text.casefold()),
    ):
        found = [o for o in real if matches(o)]
        if found:
            return found[0]
    scored = [(max(similarity(value, o.text), similarity(value, o.value)), o) for o in real if o.value]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    return scored[0][1] if scored and scored[0][0] >= FIELD_THRESHOLD else None


# Words forms use for the same thing: a person reading "Town" knows it is the city. Common form vocabulary only.
_SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "email|e mail|mail|email address|e mail address",
        "phone|telephone|tel|mobile|cell|phone number|mobile number|cell phone",
        "city|town|town or city|locality",
        "postal code|postcode|zip|zip code|post code|postal",
        "street|address|address line|street address|address line 1",
        "name|full name|your name",
        "first name|given name|forename",
        "last name|surname|family name",
        "company|organisation|organization|business|employer|company name",
        "message|comment|comments|note|notes|details|description",
        "country|country region|nation",
        "region|state|province|county",
        "username|user name|login|user id",
        "quantity|qty|number of items",
        "job title|position|role|title|job",
        "work phone|office phone|business phone|desk phone|work telephone",
        "mobile phone|cell phone|mobile|cell",
        "work email|business email|company email",
        "amount|sum|how much|total",
        "payee|recipient|beneficiary|pay to|to",
        "card number|card no|credit card number|debit card number|credit or debit card number",
        "cardholder|name on card|card holder|cardholder name",
        "expiry|expiration|expiry date|expiration date|valid thru|valid until",
        "cvc|cvv|security code|card verification code",
        "date of birth|birth date|birthday|dob",
        "check in|arrival|arriving|check in date|arrival date|arrive",
        "origin|from|flying from|departure airport|leaving from|departing from",
        "destination|to|flying to|arrival airport|going to|arriving at",
        "check out|departure|leaving|check out date|departure date|leave",
    )
)


def _concept_score(key: str, name: str) -> float:
    """How surely two names are synonyms of common form vocabulary: 88 when both are a group's words exactly, 75
    when they end or start with them ("work phone" / "phone"), 0 otherwise; plain similarity breaks ties."""
    nk, nn = normalise(key), normalise(name)
    nn = re.sub(r"\s*\b(optional|required)\b", "", nn).strip()
    best = 0.0
    for group in _SYNONYMS:
        if nk in group and nn in group:
            best = max(best, 88.0)
        elif any(nk == g or nk.endswith(" " + g) for g in group) and any(
            nn == g or nn.startswith(g + " ") or nn.endswith(" " + g) for g in group
        ):
            best = max(best, 75.0)
    return best + similarity(key, name) / 100 if best else 0.0


_ABBREVIATIONS = {"no": "number", "num": "number", "nr": "number", "ref": "reference", "qty": "quantity",
                  "tel": "telephone", "addr": "address", "org": "organisation", "dob": "date of birth"}


def _expanded(name: str) -> str:
    """Common abbreviations spelled out and initialisms kept: "poNumber" -> "po number"."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in normalise(name).split())


def _initials_score(key: str, name: str) -> float:
    """80 when the name starts with the key's initials ("purchase_order" / "po_ref"), 0 otherwise."""
    words = normalise(key).split()
    first = normalise(name).split()[:1]
    return 80.0 if len(words) >= 2 and first and first[0] == "".join(w[0] for w in words) else 0.0


def _names(element: SnapshotElement) -> list[tuple[str, float]]:
    # (name, weight): human-facing names count fully; nearby text, ids and form names a little less.
    context = [(text, 0.95 if i == 0 else 0.85) for i, text in enumerate(element.context)]
    return [
        *((label, 1.0) for label in element.labels),
        (element.name, 1.0),
        *context,
        (element.placeholder, 0.9),
        (element.attr_name, 0.9),
        (element.id, 0.85),
    ]


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_WIDGET_ROLES = ("option", "listbox", "menuitem", "tab", "slider")


def is_field(element: SnapshotElement) -> bool:
    """A field a value can be typed or chosen into (not a button, link, list option or file input)."""
    return (
        element.kind == "control"
        and not element.disabled
        and not element.is_clickable
        and element.role not in _WIDGET_ROLES
        and element.type not in ("hidden", "file", "submit", "button", "reset", "image")
    )


def _shape_score(key: str, value: str, element: SnapshotElement) -> float:
    """What the value and the field's type say on their own (an email value and an email input)."""
    kind = element.type
    words = normalise(key)
    if kind == "email" and (_EMAIL.match(value) or "mail" in words):
        return 80.0
    if kind == "tel" and (_PHONE.match(value) and not _NUMBER.match(value.replace(" ", "")) or "phone" in words):
        return 78.0
    if kind == "date" and iso_date(value):
        return 78.0
    if kind == "time" and _TIME.match(value):
        return 78.0
    if kind == "password" and "password" in words:
        return 75.0
    if element.tag == "select" and element.options and any(value.strip().casefold() == o.text.casefold()
                                                           for o in element.options if o.value or o.text):
        return 76.0  # the value is one of its options' text: that is the field, whatever the key is called
    return 0.0


def field_score(key: str, value: str, element: SnapshotElement) -> float:
    """How well a payload key (and its value) fits a form field: every name a person would read, synonyms of
    common form words, the value's shape against the field's type."""
    if not is_field(element):
        return 0.0
    names = [(n, w) for n, w in _names(element) if n]
    score = max((similarity(key, name) * weight for name, weight in names), default=0.0)
    score = max(score, max((_concept_score(key, name) * weight for name, weight in names), default=0.0))
    score = max(score, max((similarity(_expanded(key), _expanded(name)) * weight for name, weight in names),
                           default=0.0))
    score = max(score, max((_initials_score(key, name) * weight for name, weight in names), default=0.0))
    score = max(score, _shape_score(key, value, element))
    is_toggle = element.type in ("checkbox", "radio") or element.role in ("checkbox", "radio", "switch")
    if is_toggle and truthy(value) is None:
        score *= 0.5
    if element.tag == "select" and element.options and best_option(value, element.options) is None:
        score *= 0.6
    if element.type == "date" and iso_date(value) is None:
        score *= 0.6
    if element.type == "email" and not _EMAIL.match(value):
        score *= 0.6
    if element.type == "number" and not _NUMBER.match(value.strip()):
        score *= 0.6
    if element.type == "password" and "password" not in normalise(key) and "pin" not in normalise(key):
        score *= 0.7
    return score


def _hungarian(scores: list[list[float]]) -> list[int]:
    """Row -> column of the maximum-total assignment (rows <= columns); the classic O(n^2 m) method."""
    n, m = len(scores), len(scores[0]) if scores else 0
    if n == 0 or m == 0:
        return [-1] * n
    big = max(max(row) for row in scores) + 1.0
    cost = [[big - x for x in row] for row in scores]
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


class Assignment(list[tuple[str, SnapshotElement]]):
    """(key, field) pairs in page order; ``ambiguous`` names keys left out because two fields fit them equally,
    ``candidates`` the best fields (and scores) of every key, for a reason when something is missing."""

    def __init__(self, pairs: Iterable[tuple[str, SnapshotElement]] = ()) -> None:
        super().__init__(pairs)
        self.ambiguous: dict[str, list[tuple[str, float]]] = {}
        self.candidates: dict[str, list[tuple[str, float]]] = {}


def describe_field(element: SnapshotElement) -> str:
    """A short human name of a field for reasons and logs."""
    name = element.label or element.name or (element.context[0] if element.context else "") or element.placeholder
    return name or element.attr_name or element.id or f"<{element.tag}>"


def assign_fields(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> Assignment:
    """The one-to-one pairing of payload keys with fields of the best total score (each key one field, each field
    one key); a key whose best fields tie is left out and named in ``ambiguous`` rather than guessed."""
    fields = [e for e in elements if is_field(e)]
    keys = list(payload)
    table = [[field_score(k, payload[k], e) for e in fields] for k in keys]
    out = Assignment()
    for k, row in zip(keys, table, strict=True):
        ranked = sorted(zip(row, fields, strict=True), key=lambda pair: -pair[0])[:3]
        out.candidates[k] = [(describe_field(e), round(sc, 1)) for sc, e in ranked if sc > 0]
    if not keys or not fields:
        return out
    # Scores under the threshold count as nothing, so a weak pair never displaces a strong one.
    clipped = [[x if x >= threshold else 0.0 for x in row] for row in table]
    if len(keys) > len(fields):
        # More keys than fields: transpose so rows <= columns.
        cols = _hungarian([[clipped[i][j] for i in range(len(keys))] for j in range(len(fields))])
        match = {cols[j]: j for j in range(len(fields)) if cols[j] >= 0}
    else:
        rows = _hungarian(clipped)
        match = {i: rows[i] for i in range(len(keys)) if rows[i] >= 0}
    taken = set(match.values())
    pairs = []
    for i, j in match.items():
        score = clipped[i][j]
        if score <= 0:
            continue
        # A tie with a field no other key took: either could be meant, so neither is typed into.
        rivals = [
            (describe_field(fields[o]), round(table[i][o], 1))
            for o in range(len(fields))
            if o != j and o not in taken and abs(table[i][o] - score) < 0.5
            and fields[o].form == fields[j].form and fields[o].attr_name != fields[j].attr_name
        ]
        if rivals:
            out.ambiguous[keys[i]] = [(describe_field(fields[j]), round(score, 1)), *rivals]
            continue
        pairs.append((keys[i], fields[j]))
    out.extend(sorted(pairs, key=lambda pair: pair[1].index))
    return out


def _is_radio(element: SnapshotElement) -> bool:
    return element.type == "radio" or element.role == "radio"


def _is_checkbox(element: SnapshotElement) -> bool:
    return element.type == "checkbox" or element.role in ("checkbox", "switch")


def _group_key(element: SnapshotElement) -> str:
    # Native radios share a name; ARIA radios and checkbox lists share their group's legend or label.
    if element.attr_name:
        return "name:" + element.attr_name
    return "group:" + (element.context[-1] if element.context else "")


def choice_groups(elements: Iterable[SnapshotElement]) -> dict[str, list[SnapshotElement]]:
    """Radio groups and checkbox lists (two or more boxes sharing a name or a group), by group key."""
    groups: dict[str, list[SnapshotElement]] = {}
    for element in elements:
        if element.kind == "control" and not element.disabled and (_is_radio(element) or _is_checkbox(element)):
            groups.setdefault(("radio|" if _is_radio(element) else "check|") + _group_key(element), []).append(element)
    return {k: v for k, v in groups.items() if k.startswith("radio|") or len(v) > 1}


def option_names(element: SnapshotElement) -> list[str]:
    """What an option (a radio, a checkbox, a list item) is called on the page."""
    return [n for n in (element.label, element.name, element.text, element.value) if n]


def _option_score(value: str, element: SnapshotElement) -> float:
    wanted = value.strip().casefold()
    names = option_names(element)
    if any(wanted == n.strip().casefold() for n in names):
        return 100.0
    return max((similarity(value, n) for n in names), default=0.0)


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
            import json

            items = json.loads(text)
            if isinstance(items, list):
                return [str(i).strip() for i in items if str(i).strip()]
        except ValueError:
            pass
    return [part.strip() for part in re.split(r"[,;|\n]", text) if part.strip()]


def _best_option_of(value: str, members: list[SnapshotElement]) -> SnapshotElement:
    return max(members, key=lambda m: (_option_score(value, m), -m.index))


def assign_choices(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
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
            by_name = max(by_name, max((_concept_score(key, n) for n in _group_names(members)), default=0.0))
            matched = [max((_option_score(item, m) for m in members), default=0.0) for item in items]
            if not matched or min(matched) < threshold:
                continue  # some value names no option here
            by_value = 80.0 if min(matched) == 100 else 0.0
            scored.append((max(by_name, by_value) + min(matched) / 100, key, gkey))
    scored.sort(key=lambda t: -t[0])
    used_keys: set[str] = set()
    used_groups: set[str] = set()
    chosen: list[tuple[str, SnapshotElement, bool]] = []
    for score, key, gkey in scored:
        if score < threshold or key in used_keys or gkey in used_groups:
            continue
        used_keys.add(key)
        used_groups.add(gkey)
        members = groups[gkey]
        if gkey.startswith("radio|"):
            best = max(members, key=lambda m: (_option_score(payload[key], m), -m.index))
            chosen.append((key, best, True))
            continue
        wanted = {id(_best_option_of(item, members)) for item in split_values(payload[key])}
        for member in members:
            chosen.append((key, member, id(member) in wanted))
    return chosen


def assign_radio_groups(
    payload: Mapping[str, str], elements: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> list[tuple[str, SnapshotElement]]:
    """(key, radio) for payload keys that choose a radio option (see assign_choices)."""
    return [(k, e) for k, e, _ in assign_choices(payload, elements, threshold) if _is_radio(e)]


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
        elif element.tag == "a":
            score -= 20  # a link inside a form ("Terms of service") leaves it; the form's own button sends it
    if login and _LOGIN_WORDS.search(wanted):
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


def _property_names(name: str, schema: Mapping[str, Any]) -> list[str]:
    return [n for n in (name, str(schema.get("title", "")), str(schema.get("description", ""))) if n]


def column_mapping(
    item_properties: Mapping[str, Mapping[str, Any]], headers: Sequence[str], threshold: float = COLUMN_THRESHOLD
) -> tuple[float, dict[str, str]]:
    """(mean score, property -> header) for a table; each header serves one property."""
    mapping: dict[str, str] = {}
    total = 0.0
    for prop, schema in item_properties.items():
        best = max(
            (
                (max(similarity(n, h) for n in _property_names(prop, schema)), h)
                for h in headers
                if h not in mapping.values()
            ),
            default=(0.0, ""),
        )
        if best[0] >= threshold:
            mapping[prop] = best[1]
            total += best[0]
    return (total / len(item_properties) if item_properties else 0.0), mapping


def best_table(
    item_schema: Mapping[str, Any], tables: Iterable[SnapshotElement]
) -> tuple[SnapshotElement, dict[str, str]] | None:
    """The table whose headers cover the item schema's required properties best, with its column mapping."""
    properties = item_schema.get("properties", {})
    required = set(item_schema.get("required", properties))
    best: tuple[float, SnapshotElement, dict[str, str]] | None = None
    for table in tables:
        score, mapping = column_mapping(properties, table.headers)
        if not mapping or not required <= set(mapping):
            continue
        if best is None or score > best[0]:
            best = (score, table, mapping)
    return (best[1], best[2]) if best else None


def best_value(
    prop: str, schema: Mapping[str, Any], values: Iterable[SnapshotElement], threshold: float = FIELD_THRESHOLD
) -> SnapshotElement | None:
    """The labelled value on the page that a scalar schema property names."""
    names = _property_names(prop, schema)
    scored = [
        (max(similarity(n, label) for n in names for label in (*v.labels, v.name, v.id) if label), v)
        for v in values
        if v.labels or v.name or v.id
    ]
    scored = [pair for pair in scored if pair[0] >= threshold]
    return max(scored, key=lambda pair: (pair[0], -pair[1].index))[1] if scored else None


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
