"""A person's whole name asked in two fields ("First name", "Last name"): each field takes its part of it.

The agent fills such a pair from one value (``full_name``) and records each fill with the whole value, its
parameter and an intent naming the part ("Enter the given names of the full name"); replayed code types the same
part of its own value, found from that intent, so the script stays bound to the parameter (never a literal name).
The family name is the last word, the given names all words before it: "Ana María López" -> "Ana María" / "López".
A name of one word is no pair.
"""

from __future__ import annotations

import re

GIVEN = "given names"
FAMILY = "family name"
_INTENT = re.compile(r"^Enter the (given names|family name) of the\b", re.IGNORECASE)
# A field asking for one part of a person's name, by its label.
_GIVEN_FIELD = re.compile(r"^(?:your\s+)?(?:first|given|fore)[\s-]*names?\b|^forenames?\b", re.IGNORECASE)
_FAMILY_FIELD = re.compile(r"^(?:your\s+)?(?:last|family|sur)[\s-]*names?\b|^surnames?\b", re.IGNORECASE)
# Keys that hold a person's whole name: "name", "full_name", "contact_name"; never "company_name" or "username".
_WHOLE_NAME_KEY = re.compile(
    r"^(?:(?:full|your|contact|customer|person|guest|patient|applicant|passenger|traveller|traveler|member|student|"
    r"employee|holder|account_holder|cardholder)[_\s-]?)?name$|^account_holder$|^cardholder$",
    re.IGNORECASE,
)


def part_of_intent(intent: str) -> str:
    """The part of a name a recorded fill's intent asks for (GIVEN, FAMILY), or ''."""
    match = _INTENT.match(intent.strip())
    return match.group(1).lower() if match else ""


def intent_for(part: str, what: str) -> str:
    return f"Enter the {part} of the {what}"


def name_part(value: str, part: str) -> str | None:
    """The given names or the family name of a whole name; None for a name of one word or an unknown part."""
    words = value.split()
    if len(words) < 2 or part not in (GIVEN, FAMILY):
        return None
    return " ".join(words[:-1]) if part == GIVEN else words[-1]


def field_part(label: str) -> str:
    """The part of a name a field's label asks for (GIVEN, FAMILY), or ''."""
    label = label.strip()
    return GIVEN if _GIVEN_FIELD.match(label) else FAMILY if _FAMILY_FIELD.match(label) else ""


def whole_name_key(key: str) -> bool:
    """Whether a payload key holds a person's whole name."""
    return bool(_WHOLE_NAME_KEY.match(key.strip()))
