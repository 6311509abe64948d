"""The words that mean true or false, for every service: boolean parameters, settings, generated code, and
the ticks a page shows for a checked box. Dependency-free, so the template workers can import it."""

from __future__ import annotations

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "on"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "off"})
BOOLEAN_WORDS = TRUE_WORDS | FALSE_WORDS
# What a page (or a value meant for a checkbox) shows for a ticked box, beyond the true words.
CHECKED_WORDS = TRUE_WORDS | frozenset({"checked", "✓", "x"})


def is_true(text: str) -> bool:
    """Whether ``text`` is one of the true words (case and surrounding spaces ignored)."""
    return text.strip().lower() in TRUE_WORDS


def parse_boolean(text: str) -> bool | None:
    """True or False for a true or false word, None for anything else."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None
