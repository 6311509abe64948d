"""A checkbox list set from one comma-separated value (issue 15): its items, its boxes' names, the ticked strays."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from playwright.async_api import Locator
from playwright.async_api import Page as PlaywrightPage

from executor_service.runtime.target import Target

# The words a checkbox is known by: its label's text, else its aria-label.
_BOX_LABEL_JS = "e => ((e.labels && e.labels[0] && e.labels[0].innerText) || e.getAttribute('aria-label') || '')"


def listed_items(value: object) -> dict[str, str]:
    """The comma-separated items of ``value``, each by its casefolded words."""
    return {item.strip().casefold(): item.strip() for item in str(value).split(",") if item.strip()}


def box_name(target: Target) -> str:
    """The words a recorded checkbox is known by."""
    return (target.name or target.label or target.text or "").strip()


async def ticked_strays(
    page: PlaywrightPage, groups: set[str], wanted: dict[str, str]
) -> AsyncIterator[tuple[Locator, str]]:
    """(box, label) of each visible ticked box of the form lists ``groups`` whose label is no wanted item, one at a
    time: the caller unticks each before the next is looked at."""
    for group in sorted(groups):
        boxes = page.locator(f"input[type=checkbox][name={json.dumps(group)}]")
        for index in range(await boxes.count()):
            box = boxes.nth(index)
            if not (await box.is_visible() and await box.is_checked()):
                continue
            label = str(await box.evaluate(_BOX_LABEL_JS)).strip()
            if label.casefold() in wanted:
                continue
            yield box, label
