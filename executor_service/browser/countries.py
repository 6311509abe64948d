"""A country named in another of its usual forms ("UK" for "United Kingdom", "USA" for "United States", "Viet Nam"
for "Vietnam"): the one option of a list that is the same country, by ISO 3166 names (pycountry). A value is read by
its names and a few everyday ones only, never as a bare two-letter code ("CA" is a state as often as Canada); an
option is read by its text, or by its value when that is a code ("GB")."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pycountry

# Everyday names ISO does not list, by ISO code.
_EVERYDAY = {
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "britain": "GB", "gb": "GB",
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "uae": "AE", "russia": "RU", "turkey": "TR", "holland": "NL", "the netherlands": "NL", "ivory coast": "CI",
    "south korea": "KR", "north korea": "KP", "czech republic": "CZ", "burma": "MM", "macedonia": "MK",
    "swaziland": "SZ", "cape verde": "CV", "vatican": "VA", "palestine": "PS",
}


@functools.cache
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names.setdefault(str(name).casefold(), country.alpha_2)
    return names


def _named(text: str) -> str | None:
    key = " ".join(text.split()).casefold()
    return _EVERYDAY.get(key) or _by_name().get(key)


def _coded(text: str) -> str | None:
    code = text.strip().upper()
    if len(code) == 2 and code.isalpha():
        found = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3 and code.isalpha():
        found = pycountry.countries.get(alpha_3=code)
    else:
        return None
    return found.alpha_2 if found is not None else None


def country_option(value: str, options: Sequence[tuple[str, str]]) -> int | None:
    """The index of the one (value, text) option that is the country ``value`` names; None when it names no
    country, or no option or several are that country."""
    wanted = _named(value)
    if wanted is None:
        return None
    hits = {i for i, (code, text) in enumerate(options) if (_named(text) or _coded(code)) == wanted}
    return hits.pop() if len(hits) == 1 else None
