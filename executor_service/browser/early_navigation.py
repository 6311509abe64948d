"""A page's first navigation started before its run asked for it: the run's goto of the same URL takes it over."""

from __future__ import annotations

import asyncio
import contextlib
import weakref

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response

_STARTED: weakref.WeakKeyDictionary[Page, tuple[str, asyncio.Task[Response | None]]] = weakref.WeakKeyDictionary()


def start(page: Page, url: str) -> None:
    """Begin opening ``url`` on ``page`` now; the run's own goto of ``url`` (see ``take``) waits for it."""
    task = asyncio.get_running_loop().create_task(page.goto(url, wait_until="domcontentloaded"))
    task.add_done_callback(_quiet)
    _STARTED[page] = (url, task)


def take(page: Page, url: str) -> asyncio.Task[Response | None] | None:
    """The navigation started on ``page`` for exactly ``url``, once; None when there is none (or it was for
    another URL, which the caller's own goto then supersedes)."""
    started = _STARTED.pop(page, None)
    if started is None:
        return None
    if started[0] != url:
        started[1].cancel()
        return None
    return started[1]


async def drop(page: Page) -> None:
    """Forget a navigation no run will take (its run was refused or cancelled before it began)."""
    started = _STARTED.pop(page, None)
    if started is not None:
        started[1].cancel()
        with contextlib.suppress(asyncio.CancelledError, PlaywrightError):
            await started[1]


def _quiet(task: asyncio.Task[Response | None]) -> None:
    # Retrieved here so an early navigation that failed and was never taken logs no "exception never retrieved";
    # a run that takes it gets the same error when it awaits the task.
    if not task.cancelled():
        task.exception()
