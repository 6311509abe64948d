"""A value as whole words inside a longer name: how an element a user's input chose is recognised."""

from __future__ import annotations

import re


def whole_words(text: str) -> re.Pattern[str]:
    """``text`` as whole words anywhere in a name, any case, any run of spaces ("Team" never matches "Teams")."""
    words = r"\s+".join(re.escape(word) for word in text.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
