"""How many characters one box of a split value holds: its maxlength, or the count its label says ("First two
digits", "Digit 3 of 6"). Shared by the agent (which boxes a value is split over) and by replay (each box's share).
"""

from __future__ import annotations

import re

MAX_BOX = 8  # a box holding more is a field of its own, not one part of a value
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# "two digits", "4 numbers", "three characters"; "Digit 3 of 6" (one character each).
_SAID = re.compile(r"\b(one|two|three|four|five|six|seven|eight|[1-8])\s+(?:digits?|numbers?|characters?|letters?)\b",
                   re.IGNORECASE)
_ONE_OF = re.compile(r"\b(?:digit|number|character|letter|box)\s+\d+\s+of\s+\d+\b", re.IGNORECASE)
# The same two rules for the page (value_checks reads a box's share there); keep them in step with the ones above.
SAID_WIDTH_JS = r"""
(text) => {
  const counts = {one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8};
  const said = /\b(one|two|three|four|five|six|seven|eight|[1-8])\s+(?:digits?|numbers?|characters?|letters?)\b/i
    .exec(text || '');
  if (said) return counts[said[1].toLowerCase()] || Number(said[1]);
  return /\b(?:digit|number|character|letter|box)\s+\d+\s+of\s+\d+\b/i.test(text || '') ? 1 : 0;
}
"""


def said_width(text: str) -> int:
    """The characters a box's label says it holds (0 when it says none)."""
    said = _SAID.search(text)
    if said:
        word = said[1].casefold()
        return _COUNTS.get(word) or int(word)
    return 1 if _ONE_OF.search(text) else 0


def box_width(max_length: int, names: tuple[str, ...] | list[str]) -> int:
    """A box's width: its maxlength when that is a box's (1 to 8), else what its names say, else 0."""
    if 0 < max_length <= MAX_BOX:
        return max_length
    return next((width for width in map(said_width, names) if width), 0)
