"""One page evaluation on the element a locator names, without Playwright's wait-and-adopt when it is there now.

``Locator.evaluate`` finds the element in Playwright's isolated world, waits for it, then adopts it into the
page's world before running the function: seven protocol messages and about 10 ms of CPU across Chromium's
browser and renderer processes and the driver, against about 2.4 for ``evaluate_all``'s one query in the page's
world (``python -m bench.element_eval``). A code run reads fields back and tests hits a dozen times, so this is
a large part of what a run costs beyond the page's own work (issue 18, goal 2). When the locator does not name
exactly one element at this moment the long way is taken, so waiting and strictness stay Playwright's own.
"""

from __future__ import annotations

import functools
from typing import Any

from playwright.async_api import ElementHandle, Locator


@functools.cache
def on_the_one(function: str) -> str:
    """``function`` (of an element and an argument) run on a locator's matches when there is exactly one:
    [1, its result], else [how many, null]. Awaited, so an async function's result arrives too."""
    return (
        "async (els, arg) => els.length === 1"
        f" ? [1, await ({function})(els[0], arg)] : [els.length, null]"
    )


async def evaluate_on(element: Locator | ElementHandle, function: str, arg: Any = None) -> Any:
    """``element.evaluate(function, arg)``, in one round trip when a locator names one element now."""
    if isinstance(element, ElementHandle):
        return await element.evaluate(function, arg)
    count, result = await element.evaluate_all(on_the_one(function), arg)
    if count == 1:
        return result
    return await element.evaluate(function, arg)
