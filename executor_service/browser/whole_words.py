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


# Words that say nothing of which option is meant.
_PLAIN_WORDS = frozenset("a an the and or of to for in on at with my our your not no is are it its".split())


def meaning_words(text: str) -> set[str]:
    """The words of a text that say which thing it is, lower-case (articles, "not", "my" aside)."""
    return {w for w in re.findall(r"[^\W_]+", text.casefold()) if w not in _PLAIN_WORDS and len(w) > 1}


def same_root(a: str, b: str) -> bool:
    """One lower-case word in another form: plural, "-ing", "-ed" ("light" and "lighting")."""
    return a == b or same_number(a, b) or (min(len(a), len(b)) >= 4 and a[:5] == b[:5])


def words_held(value: str, name: str) -> int:
    """How many of the value's meaning words the name holds in some form."""
    theirs = meaning_words(name)
    return sum(any(same_root(w, t) for t in theirs) for w in meaning_words(value))


def holds_most_words(value: str, name: str) -> bool:
    """Whether the name holds most of the value's meaning words in some form: at least two, and at least half
    ("Street lighting fault" for "street light not working")."""
    held = words_held(value, name)
    return held >= 2 and 2 * held >= len(meaning_words(value))


def holds_alone(value: str, names: list[str], others: list[str]) -> bool:
    """Whether an option, by one of its names, holds most of the value's words while none of the other options'
    names holds any: the one option a value in other words means (read alike by the agent and the judge)."""
    return any(holds_most_words(value, n) for n in names) and not any(words_held(value, o) for o in others)
