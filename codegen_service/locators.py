"""ElementFingerprint -> Target arguments: one locator per strategy, ranked, generated-looking ones dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.gen.rote.v1 import trace_pb2

LK = trace_pb2.LocatorKind
# The runtime tries Target's keywords in this fixed order; we emit them in the same order for readability.
RANK: tuple[tuple[int, str], ...] = (
    (LK.LOCATOR_KIND_TEST_ID, "test_id"),
    (LK.LOCATOR_KIND_ROLE, "role"),
    (LK.LOCATOR_KIND_LABEL, "label"),
    (LK.LOCATOR_KIND_PLACEHOLDER, "placeholder"),
    (LK.LOCATOR_KIND_TEXT, "text"),
    (LK.LOCATOR_KIND_ID, "id"),
    (LK.LOCATOR_KIND_CSS, "css"),
    (LK.LOCATOR_KIND_XPATH, "xpath"),
)
# Exact-text matching on long text is brittle (the trace truncates it, whitespace changes).
MAX_TEXT_LENGTH = 80
_LONG_DIGITS = re.compile(r"\d{4,}")
_HEX_HASH = re.compile(r"^(?=[a-z]*\d)[0-9a-f]{6,}$")
_FRAMEWORK = re.compile(r"^(ember\d+|css-[a-z0-9]*\d[a-z0-9]*|sc-[a-z]{5,}|jsx-\d+|mui-\d+|react-select-\d+.*)$", re.I)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_CSS_NAMES = re.compile(r"[#.]((?:\\.|[\w-])+)")
_XPATH_ATTRS = re.compile(r"@(?:id|class)\s*=\s*[\"']([^\"']*)[\"']")


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


def _usable(kind: int, locator: trace_pb2.Locator) -> bool:
    value = locator.value.strip()
    if not value:
        return False
    if kind == LK.LOCATOR_KIND_ID:
        return not looks_generated(value)
    if kind == LK.LOCATOR_KIND_CSS:
        return _selector_is_stable(value, _CSS_NAMES)
    if kind == LK.LOCATOR_KIND_XPATH:
        return _selector_is_stable(value, _XPATH_ATTRS)
    if kind == LK.LOCATOR_KIND_TEXT:
        return len(value) <= MAX_TEXT_LENGTH
    return True


def _from_fields(fingerprint: trace_pb2.ElementFingerprint) -> dict[int, trace_pb2.Locator]:
    """Locators implied by the fingerprint's own fields, used when the trace listed none of that kind."""
    attributes = fingerprint.attributes
    implied = {
        LK.LOCATOR_KIND_TEST_ID: attributes.get("data-testid", ""),
        LK.LOCATOR_KIND_LABEL: fingerprint.label,
        LK.LOCATOR_KIND_PLACEHOLDER: attributes.get("placeholder", ""),
        LK.LOCATOR_KIND_ID: attributes.get("id", ""),
    }
    found: dict[int, trace_pb2.Locator] = {
        kind: trace_pb2.Locator(kind=kind, value=value) for kind, value in implied.items() if value
    }
    if fingerprint.role and fingerprint.accessible_name:
        found[LK.LOCATOR_KIND_ROLE] = trace_pb2.Locator(
            kind=LK.LOCATOR_KIND_ROLE, value=fingerprint.role, name=fingerprint.accessible_name
        )
    return found


def rank_locators(fingerprint: trace_pb2.ElementFingerprint) -> TargetSpec:
    """The first usable locator of each kind, in rank order; empty when nothing stable is left."""
    chosen: dict[int, trace_pb2.Locator] = {}
    for locator in fingerprint.locators:
        if locator.kind not in chosen and _usable(locator.kind, locator):
            chosen[locator.kind] = locator
    for kind, locator in _from_fields(fingerprint).items():
        if kind not in chosen and _usable(kind, locator):
            chosen[kind] = locator
    arguments: list[tuple[str, str]] = []
    for kind, keyword in RANK:
        picked = chosen.get(kind)
        if picked is None:
            continue
        arguments.append((keyword, picked.value.strip()))
        if kind == LK.LOCATOR_KIND_ROLE and picked.name:
            arguments.append(("name", picked.name))
    return TargetSpec(tuple(arguments))
