"""A phone number written internationally ("+44 7700 900123") as a national field asks for it ("07700 900123"),
by libphonenumber's rules for its country (phonenumbers): a box sized or shown for the national form refuses
the international one, and its digits alone ("447700900123") are another number."""

from __future__ import annotations

import re

import phonenumbers


def national_spellings(value: str) -> list[str]:
    """The national form of an international number, as written and as digits ([] for anything else)."""
    if not value.strip().startswith("+"):
        return []
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return []
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = re.sub(r"\D", "", national)
    if len(digits) < 6:
        return []
    return list(dict.fromkeys([national, digits]))
