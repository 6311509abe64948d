"""A yes/no question answered by a parameter ("Do you have any dietary requirements?" for dietary_requirements): the
answer a value gives ("no", "none", "false" say no; "yes" or words that describe say yes) and the intent the agent
records the choice under, which generated code reads to check that this run's value gives the same answer before it
chooses (``RunContext.answers``): another description replays; a value that answers the other way needs the agent.
Dependency-free, for the executor and codegen alike."""

from __future__ import annotations

import re

from services.booleans import FALSE_WORDS

# Values that answer no: the false words, and "none" (no condition, no requirements) or nothing at all.
_NO_WORDS = FALSE_WORDS | frozenset({"none", "unchecked", ""})
_INTENT = re.compile(r"^Answer (yes|no) for the\b", re.IGNORECASE)


def answer_of(value: str) -> str:
    """'no' for a value that says no, else 'yes' (a yes word, or words the answer asks for)."""
    return "no" if value.strip().lower() in _NO_WORDS else "yes"


def answer_intent(answer: str, what: str) -> str:
    return f"Answer {answer} for the {what}"


def recorded_answer(intent: str) -> str:
    """The answer ('yes' or 'no') a recorded choice's intent gave, or ''."""
    match = _INTENT.match(intent.strip())
    return match.group(1).lower() if match else ""
