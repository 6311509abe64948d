"""A code a value is, inside the text of the one option that shows it run into its prefix ("6140" in "CC6140 – Data
Platform", "4471" in "PX4471"): what the agent chooses and what replay chooses again, alike."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A code worth finding inside a longer word: digits only, at least three (a short number is in too many texts).
_CODE = re.compile(r"\d{3,}")


def code_holding(value: str, texts: Sequence[str]) -> int | None:
    """The index of the one text holding ``value`` as a number of its own (letters may run into it before, no digit
    or letter after); None when the value is no such code, or no text or several hold it."""
    wanted = value.strip()
    if not _CODE.fullmatch(wanted):
        return None
    own = re.compile(rf"(?<!\d){re.escape(wanted)}(?![0-9A-Za-z])")
    holding = [at for at, text in enumerate(texts) if own.search(text)]
    return holding[0] if len(holding) == 1 else None
