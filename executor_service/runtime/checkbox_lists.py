"""A checkbox list set from one comma-separated value (issue 15): its items, its boxes' names, the ticked strays."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

from playwright.async_api import Locator
from playwright.async_api import Page as PlaywrightPage

from executor_service.runtime.target import Target

# Per box of a list: whether it is shown (as Playwright's is_visible: a non-empty box, visibility visible) and
# ticked, and the words it is known by (its label's text, else its aria-label).
_BOXES_JS = """
(els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility === 'visible';
  const label = (e.labels && e.labels[0] && e.labels[0].innerText) || e.getAttribute('aria-label') || '';
  return [shown && !!e.checked, label];
})
"""


def listed_items(value: object) -> dict[str, str]:
    """The comma-separated items of ``value``, each by its casefolded words."""
    return {item.strip().casefold(): item.strip() for item in str(value).split(",") if item.strip()}


def listed_item(name: str, wanted: dict[str, str]) -> str:
    """The item of ``wanted`` (see listed_items) a box called ``name`` stands for: the item itself, else the one item
    the name begins with, followed by details ("Breakdown cover (+£39.00) Roadside assistance", not a longer name:
    "Key cover plus" is no "Key cover"); '' for none."""
    folded = " ".join(name.split()).casefold()
    if folded in wanted:
        return wanted[folded]
    leading = [item for key, item in wanted.items()
               if folded.startswith(key) and re.match(r"\s*[^\w\s]", folded[len(key):])]
    return leading[0] if len(leading) == 1 else ""


def box_name(target: Target) -> str:
    """The words a recorded checkbox is known by."""
    return (target.name or target.label or target.text or "").strip()


async def ticked_strays(
    page: PlaywrightPage, groups: set[str], wanted: dict[str, str]
) -> AsyncIterator[tuple[Locator, str]]:
    """(box, label) of each visible ticked box of the form lists ``groups`` whose label is no wanted item, one at a
    time: the caller unticks each before the next is looked at. One evaluation reads a whole list; a stray is
    asked again just before it is handed out (unticking one box may have changed another)."""
    for group in sorted(groups):
        boxes = page.locator(f"input[type=checkbox][name={json.dumps(group)}]")
        for index, (shown_and_ticked, label) in enumerate(await boxes.evaluate_all(_BOXES_JS)):
            label = str(label).strip()
            if not shown_and_ticked or listed_item(label, wanted):
                continue
            box = boxes.nth(index)
            if await box.is_checked():
                yield box, label
