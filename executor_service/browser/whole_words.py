"""A value as whole words inside a longer name: how an element a user's input chose is recognised."""

from __future__ import annotations

import re

# Between two words of a value, an article the name adds ("Tourism or a holiday" for "Tourism or holiday").
_GAP = r"\s+(?:(?:a|an|the)\s+)?"


def whole_words(text: str) -> re.Pattern[str]:
    """``text`` as whole words anywhere in a name, any case, any run of spaces, an article between two words aside
    ("Team" never matches "Teams"; "Tourism or holiday" matches "Tourism or a holiday")."""
    words = _GAP.join(re.escape(word) for word in text.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def same_number(a: str, b: str) -> bool:
    """Whether two lower-case words are one word, in singular and plural or twice the same ("pothole" and
    "potholes", "box" and "boxes"); words under three letters only as themselves."""
    return a == b or (len(min(a, b, key=len)) >= 3 and (a in (b + "s", b + "es") or b in (a + "s", a + "es")))
