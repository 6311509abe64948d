"""Lists of records that are not tables (cards, result lists) read as tables: the page's script and its column names."""

from __future__ import annotations

import pathlib
import re

# One JS expression giving {lists, read, isList}; spliced into the snapshot and the chunked table read.
CARD_LISTS_JS = (pathlib.Path(__file__).resolve().parent / "card_lists.js").read_text().strip()
# The column of a list's text that the page names nowhere ("Text 1", "Text 2"...: where it sits in its item).
UNNAMED_COLUMN = re.compile(r"^Text \d+$")


def is_unnamed(header: str) -> bool:
    """Whether a column is one of a list's texts that the page does not name."""
    return bool(UNNAMED_COLUMN.match(header))
