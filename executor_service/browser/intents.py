"""Intent words of closing overlays, and the meanings code generated before explicit actions kept in its intents.

A date picked in a calendar is a PICK_DATE action and a click that may find nothing is ``only_if_present``
(issue 14). Code generated before those existed said both in its intent strings ("Pick 2026-05-14 from the date
picker of ...", "..., if present"); the runtime still honours them so such cached code keeps working until it is
regenerated.
"""

from __future__ import annotations

import datetime as dt
import re

DISMISS_INTENT = "Dismiss what covers the page"
_LEGACY_PICK = re.compile(r"^Pick (\d{4}-\d{2}-\d{2}) from the date picker\b")
_LEGACY_IF_PRESENT = re.compile(r"\bif present\b", re.IGNORECASE)


def legacy_picker_date(intent: str) -> dt.date | None:
    """The date an older generated picker click meant to pick (None for any other intent)."""
    match = _LEGACY_PICK.match(intent)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match[1])
    except ValueError:
        return None


def legacy_only_if_present(intent: str) -> bool:
    """Whether an older generated click was to be skipped when its element is not on the page."""
    return bool(_LEGACY_IF_PRESENT.search(intent))
