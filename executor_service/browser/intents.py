"""Intents that carry a meaning replay acts on: a date picked in a calendar, an overlay closed only if it is there.

The agent records such an action with one of these intents; the intent holds the parameter's value, so generated
code renders it from this run's value, and the runtime reads the intent back to do the same thing again.
"""

from __future__ import annotations

import datetime as dt
import re

_PICK = re.compile(r"^Pick (\d{4}-\d{2}-\d{2}) from the date picker\b")
DISMISS_INTENT = "Dismiss what covers the page, if present"
_IF_PRESENT = re.compile(r"\bif present\b", re.IGNORECASE)


def picker_intent(date: dt.date, what: str) -> str:
    """The intent of a click that opens a date picker and picks ``date`` in it."""
    return f"Pick {date.isoformat()} from the date picker of the {what}"


def picker_date(intent: str) -> dt.date | None:
    """The date a picker click is meant to pick (None for any other intent)."""
    match = _PICK.match(intent)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match[1])
    except ValueError:
        return None


def only_if_present(intent: str) -> bool:
    """Whether the action is skipped when its element is not on the page (an overlay that may not show)."""
    return bool(_IF_PRESENT.search(intent))
