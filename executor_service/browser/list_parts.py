"""A value that lists several of one thing ("39, 13, 47" for traveler_ages), asked one per numbered field ("Age of
traveler 1", "Age of traveler 2"), often after a count ("How many people are traveling?") makes those fields.

The agent records the count's choice with an intent naming the count ("Choose the number of the traveler ages") and
each field's fill with an intent naming its item ("Enter item 2 of the traveler ages"), every action keeping the
whole value and its parameter; replayed code chooses its own value's count and types its own item, so the script
stays bound to the parameter. A shorter list than the recorded one leaves the items it lacks out (the count made
fewer fields, or the page's further fields stay empty); a longer one goes on past the recorded last item into the
fields numbered after it ("Age of traveler 3" after "Age of traveler 2"). The whole list never goes into one box.
"""

from __future__ import annotations

import re

_ITEM_INTENT = re.compile(r"^Enter item (\d{1,2})( \(the last\))? of the\b\s*(.*)$", re.IGNORECASE)
# The one number of a numbered field's name ("Age of traveler 2"), as the agent reads it (``numbered_fields``).
_NUMBER = re.compile(r"(?<![\w.])(\d{1,2})(?![\w.])")
_COUNT_INTENT = re.compile(r"^Choose the number of the\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+and\s+")
# A sum with its thousands grouped ("1,250", "$12,000.50"): one number, not a list.
_GROUPED = re.compile(r"[£$€]?\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_MAX_WORDS = 4  # an item is a datum (an age, a name, a code), never a clause of a sentence


class MissingItem(ValueError):
    """The intent asks for an item the value does not have (item 3 of "39, 13")."""


def list_items(value: str) -> list[str] | None:
    """The items of a value that lists two or more short data ("39, 13, 47", "Ana; Ben"), or None."""
    text = value.strip()
    if _GROUPED.fullmatch(text):
        return None
    items = [item.strip() for item in _SEPARATOR.split(text)]
    if len(items) < 2 or not all(items) or any(len(item.split()) > _MAX_WORDS for item in items):
        return None
    if any(len(item.split()) >= 3 and item[0].islower() for item in items):
        return None  # a clause of a sentence ("controlled with tablets"): prose, not a list
    return items


def item_intent(number: int, what: str, *, last: bool = False) -> str:
    """The intent of one item's fill; the last item's says so, so replay of a longer list fails rather than leave
    its further items out."""
    return f"Enter item {number}{' (the last)' if last else ''} of the {what}"


def count_intent(what: str) -> str:
    return f"Choose the number of the {what}"


def asks_count(intent: str) -> bool:
    return bool(_COUNT_INTENT.match(intent.strip()))


def listed_value(value: str, intent: str) -> str | None:
    """What an intent naming a part of a list asks of ``value``: its count, or its item (a value of one item is a
    list of one); None when the intent names no such part. Raises MissingItem when the item is not there."""
    if asks_count(intent):
        return str(len(list_items(value) or [value]))
    match = _ITEM_INTENT.match(intent.strip())
    if match is None:
        return None
    items = list_items(value) or [value.strip()]
    number = int(match.group(1))
    if not 1 <= number <= len(items):
        raise MissingItem(f"{_held(items)}, not an item {number}")
    return items[number - 1]


def _held(items: list[str]) -> str:
    return f"the value has {len(items)} item{'s' if len(items) != 1 else ''}"


def beyond_items(value: str, intent: str) -> bool:
    """Whether the intent names an item past the last of ``value``'s list (item 3 of "39, 13"): this run has none
    to enter there."""
    match = _ITEM_INTENT.match(intent.strip())
    return match is not None and int(match.group(1)) > len(list_items(value) or [value])


def next_item(value: str, intent: str) -> tuple[int, int, str] | None:
    """After the item the recording entered last, the next one ``value``'s longer list holds: (the recorded item's
    number, the next number, the next item's intent); None when the intent names no recorded last item or the list
    ends there."""
    match = _ITEM_INTENT.match(intent.strip())
    if match is None or not match.group(2):
        return None
    number, count = int(match.group(1)), len(list_items(value) or [value])
    if number >= count:
        return None
    return number, number + 1, item_intent(number + 1, match.group(3).strip(), last=number + 1 == count)


def as_entered(value: str, intent: str) -> str:
    """The intent as this run entered its item, marked the last when it is this run's last: code regenerated from
    this run then goes on past it for a longer list (a shorter run's trace never ends the list early in silence)."""
    match = _ITEM_INTENT.match(intent.strip())
    if match is None:
        return intent
    number = int(match.group(1))
    return item_intent(number, match.group(3).strip(), last=number == len(list_items(value) or [value]))


def renumbered(text: str, old: int, new: int) -> str | None:
    """A numbered field's name with its one number ``old`` made ``new`` ("Age of traveler 2" -> "... 3"); None when
    the name holds no number, another, or several."""
    numbers = _NUMBER.findall(text)
    if numbers != [str(old)]:
        return None
    return _NUMBER.sub(str(new), text)


def too_many(value: str, recorded: int) -> str:
    """Why a longer list than the page takes fails (its further items never go in unseen)."""
    return f"{_held(list_items(value) or [value])}; the form takes no item {recorded + 1}"
