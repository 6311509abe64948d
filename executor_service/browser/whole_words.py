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
