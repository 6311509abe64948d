"""Times of day in their everyday spellings ("19:30", "7:30 pm", "7.30pm", "19h30", "7 PM") and days of the week
written whole or short ("Friday", "Fri", "Thurs"): one time or day, many texts."""

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


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Short forms in common use; two-letter ones ("Th", "We") are words too often to count.
_SHORT_DAYS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
               "sat": 5, "sun": 6}


def weekday(word: str) -> int | None:
    """0 (Monday) to 6 (Sunday) for a day's name written whole or short ("Fri", "Thurs."), else None."""
    lowered = word.strip().casefold().rstrip(".")
    if lowered in _DAYS:
        return _DAYS.index(lowered)
    return _SHORT_DAYS.get(lowered)


def same_word(a: str, b: str) -> bool:
    """Whether two words are one: the same letters (case aside) or the same day of the week ("Friday", "Fri")."""
    if a.casefold() == b.casefold():
        return True
    day = weekday(a)
    return day is not None and day == weekday(b)


# A time of day as options show it: "14:00", "2pm", "2:30 p.m.", "9.30am".
_TIME_IN_TEXT = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?", re.IGNORECASE)


def day_and_time(value: str, name: str) -> bool:
    """A value of words and a time ("Friday 14:00") names the option whose words hold those words (a day's name
    whole or short) and which starts at that time however written ("Fri 2pm–3pm · Room Lab2"): a slot's start is
    its first time."""
    parts = [part.strip(",.") for part in value.split() if part.strip(",.")]
    times = [clock_minutes(part) for part in parts]
    if all(t is None for t in times) or all(t is not None for t in times) or len(parts) > 4:
        return False
    shown = [clock_minutes(m.group(0).strip()) for m in _TIME_IN_TEXT.finditer(name)]
    shown = [t for t in shown if t is not None]
    words = re.findall(r"[^\W\d_]+", name)
    return bool(shown) and all(
        (minutes == shown[0]) if minutes is not None else any(same_word(part, word) for word in words)
        for part, minutes in zip(parts, times, strict=True)
    )
