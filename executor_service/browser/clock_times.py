"""Times of day in their everyday spellings ("19:30", "7:30 pm", "7.30pm", "19h30", "7 PM"): one time, many texts."""

from __future__ import annotations

import re

_TIME = re.compile(
    r"^\s*(?P<hour>\d{1,2})(?:\s*(?P<sep>[:.h])\s*(?P<minute>\d{2}))?\s*(?P<half>[ap]\.?\s?m\.?(?!\w))?(?P<rest>.*)$",
    re.IGNORECASE,
)


def clock_minutes(text: str, *, leading: bool = False) -> int | None:
    """Minutes after midnight of the time ``text`` spells, else None. With ``leading``, the time may be followed by
    details after a non-word character ("17:00 (fully booked)", "7:30 pm · 2 tables left"). A bare number is no
    time: it needs minutes or am/pm."""
    match = _TIME.match(text)
    if not match:
        return None
    rest = match["rest"]
    if rest.strip() and not (leading and (rest[:1].isspace() or rest[:1] in "(·-–—,|/")):
        return None
    hour, minute, half = int(match["hour"]), match["minute"], match["half"]
    if (minute is None or match["sep"] == ".") and half is None:
        return None  # "7" is a number and "7.30" a price; "7 pm" and "7.30pm" are times
    minutes = int(minute or 0)
    if minutes > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.casefold().startswith("p") else 0)
    elif hour > 23:
        return None
    return hour * 60 + minutes


def same_time(value: str, text: str, *, leading: bool = False) -> bool:
    """Whether ``text`` shows the time of day ``value`` spells (both must be times; ``leading`` as above)."""
    wanted = clock_minutes(value)
    return wanted is not None and clock_minutes(text, leading=leading) == wanted
