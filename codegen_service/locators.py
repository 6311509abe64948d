"""ElementFingerprint -> Target arguments: one locator per strategy, ranked, generated-looking ones dropped."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from services.gen.rote.v1 import trace_pb2

LK = trace_pb2.LocatorKind
# Plain ints: every LK.X lookup goes through protobuf's enum wrapper, and ranking does thousands per request.
KIND_CSS = LK.LOCATOR_KIND_CSS
KIND_ID = LK.LOCATOR_KIND_ID
KIND_LABEL = LK.LOCATOR_KIND_LABEL
KIND_PLACEHOLDER = LK.LOCATOR_KIND_PLACEHOLDER
KIND_ROLE = LK.LOCATOR_KIND_ROLE
KIND_TEST_ID = LK.LOCATOR_KIND_TEST_ID
KIND_TEXT = LK.LOCATOR_KIND_TEXT
KIND_XPATH = LK.LOCATOR_KIND_XPATH
# The runtime tries Target's keywords in this fixed order; we emit them in the same order for readability.
RANK: tuple[tuple[int, str], ...] = (
    (KIND_TEST_ID, "test_id"),
    (KIND_ROLE, "role"),
    (KIND_LABEL, "label"),
    (KIND_PLACEHOLDER, "placeholder"),
    (KIND_TEXT, "text"),
    (KIND_ID, "id"),
    (KIND_CSS, "css"),
    (KIND_XPATH, "xpath"),
)
_KEYWORDS = dict(RANK)
# Exact-text matching on long text is brittle (the trace truncates it, whitespace changes).
MAX_TEXT_LENGTH = 80
_LONG_DIGITS = re.compile(r"\d{4,}")
_HEX_HASH = re.compile(r"^(?=[a-z]*\d)[0-9a-f]{6,}$")
_FRAMEWORK = re.compile(r"^(ember\d+|css-[a-z0-9]*\d[a-z0-9]*|sc-[a-z]{5,}|jsx-\d+|mui-\d+|react-select-\d+.*)$", re.I)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_CSS_NAMES = re.compile(r"[#.]((?:\\.|[\w-])+)")
_XPATH_ATTRS = re.compile(r"@(?:id|class)\s*=\s*[\"']([^\"']*)[\"']")


@functools.lru_cache(maxsize=4096)
def looks_generated(value: str) -> bool:
    """Whether an id or class looks machine-made (hashes, counters, framework ids) and so will change."""
    if not value or _LONG_DIGITS.search(value) or _UUID.search(value) or value.startswith(":"):
        return True
    for token in re.split(r"[-_:.\s]+", value):
        if not token:
            continue
        digits = sum(char.isdigit() for char in token)
        if _HEX_HASH.match(token.lower()) or (digits >= 3 and digits < len(token)):
            return True
    return _FRAMEWORK.match(value) is not None


def _selector_is_stable(selector: str, pattern: re.Pattern[str]) -> bool:
    return not any(
        looks_generated(name) for match in pattern.finditer(selector) for name in match.group(1).split()
    )


@dataclass(frozen=True)
class TargetSpec:
    """The keyword arguments of one ``Target(...)``, already ranked and filtered."""

    arguments: tuple[tuple[str, str], ...]

    def __bool__(self) -> bool:
        return bool(self.arguments)


class _Implied(NamedTuple):
    """A locator implied by a fingerprint's own fields: what ranking reads of a trace_pb2.Locator, without building
    one (a protobuf message per field and element adds up over every action of a request)."""

    value: str
    name: str = ""


_Located = trace_pb2.Locator | _Implied


def _usable(kind: int, locator: _Located) -> bool:
    value = locator.value.strip()
    if not value:
        return False
    if kind == KIND_ID:
        return not looks_generated(value)
    if kind == KIND_CSS:
        return _selector_is_stable(value, _CSS_NAMES)
    if kind == KIND_XPATH:
        return _selector_is_stable(value, _XPATH_ATTRS)
    if kind == KIND_TEXT:
        return len(value) <= MAX_TEXT_LENGTH
    return True


def _from_fields(fingerprint: trace_pb2.ElementFingerprint) -> dict[int, _Implied]:
    """Locators implied by the fingerprint's own fields, used when the trace listed none of that kind."""
    attributes = fingerprint.attributes
    implied = {
        KIND_TEST_ID: attributes.get("data-testid", ""),
        KIND_LABEL: fingerprint.label,
        KIND_PLACEHOLDER: attributes.get("placeholder", ""),
        KIND_ID: attributes.get("id", ""),
    }
    found: dict[int, _Implied] = {kind: _Implied(value) for kind, value in implied.items() if value}
    if fingerprint.role and fingerprint.accessible_name:
        found[KIND_ROLE] = _Implied(fingerprint.role, fingerprint.accessible_name)
    return found


# At most this many locators per Target: enough to survive one change, few enough to read.
MAX_LOCATORS = 3
SEMANTIC = frozenset(
    {KIND_TEST_ID, KIND_ROLE, KIND_LABEL, KIND_PLACEHOLDER,
     KIND_TEXT}
)
_CSS_ID = re.compile(r"^#((?:\\.|[\w-])+)$")
_XPATH_ID = re.compile(r"""^//\*\[@id\s*=\s*["']([^"']*)["']\]$""")


def _css_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _only_id(kind: int, value: str) -> str | None:
    """The id a css ``#x`` or xpath ``//*[@id="x"]`` selects, when that is all the selector says."""
    pattern = _CSS_ID if kind == KIND_CSS else _XPATH_ID if kind == KIND_XPATH else None
    match = pattern.match(value) if pattern else None
    if match is None:
        return None
    return _css_unescape(match.group(1)) if kind == KIND_CSS else match.group(1)


def _drop_redundant(chosen: dict[int, _Located]) -> None:
    """Remove locators that only repeat another one (same text, or the same id written as a selector)."""
    role = chosen.get(KIND_ROLE)
    name = role.name.strip() if role is not None else ""
    if name:
        # get_by_label / get_by_placeholder / get_by_text with the accessible name find the same element by the
        # same words: when the name changes they all break together, so they add nothing to role+name.
        for kind in (KIND_LABEL, KIND_PLACEHOLDER, KIND_TEXT):
            if kind in chosen and chosen[kind].value.strip() == name:
                del chosen[kind]
    if KIND_LABEL in chosen and KIND_TEXT in chosen:
        if chosen[KIND_LABEL].value.strip() == chosen[KIND_TEXT].value.strip():
            del chosen[KIND_TEXT]
    ids = {chosen[KIND_ID].value.strip()} if KIND_ID in chosen else set()
    for kind in (KIND_CSS, KIND_XPATH):
        if kind not in chosen:
            continue
        selected = _only_id(kind, chosen[kind].value.strip())
        if selected is None:
            continue
        if selected in ids:
            del chosen[kind]
        else:
            # The first selector naming an id stands for it; a later one naming the same id is dropped.
            ids.add(selected)


def _pick(chosen: dict[int, _Located]) -> list[int]:
    """Up to MAX_LOCATORS kinds: the best semantic ones, and one structural fallback (id, css, xpath) when any."""
    ranked = [kind for kind, _ in RANK if kind in chosen]
    semantic = [kind for kind in ranked if kind in SEMANTIC]
    structural = [kind for kind in ranked if kind not in SEMANTIC]
    room_for_semantic = MAX_LOCATORS - 1 if structural else MAX_LOCATORS
    picked = semantic[:room_for_semantic]
    picked += structural[: MAX_LOCATORS - len(picked)]
    return [kind for kind in ranked if kind in picked]


def rank_locators(fingerprint: trace_pb2.ElementFingerprint) -> TargetSpec:
    """The usable, non-redundant locators in rank order, at most MAX_LOCATORS; empty when nothing stable is left."""
    chosen: dict[int, _Located] = {}
    for locator in fingerprint.locators:
        if locator.kind not in chosen and _usable(locator.kind, locator):
            chosen[locator.kind] = locator
    for kind, implied in _from_fields(fingerprint).items():
        if kind not in chosen and _usable(kind, implied):
            chosen[kind] = implied
    _drop_redundant(chosen)
    arguments: list[tuple[str, str]] = []
    for kind in _pick(chosen):
        picked = chosen[kind]
        arguments.append((_KEYWORDS[kind], picked.value.strip()))
        if kind == KIND_ROLE and picked.name:
            arguments.append(("name", picked.name))
    return TargetSpec(tuple(arguments))
