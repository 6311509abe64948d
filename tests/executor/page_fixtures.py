"""Shared fixtures for replay tests on the local postcondition pages: the pages' server, a fresh context per test
in the session's one Chromium (``browser``, tests/executor/conftest.py), and a replay Page with no recording sink
(import the fixtures into a test module)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Page

from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import RunContext
from executor_service.runtime.healing import Healer
from services.gen.rote.v1 import trace_pb2
from tests.executor.postcondition_pages import serving

SETTLE_MS = 1000


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    context.set_default_timeout(5000)
    yield await context.new_page()
    await context.close()


def replay(page: Page, healer: Healer | None = None) -> ReplayPage:
    """A replay Page over ``page`` whose recorded actions go nowhere (healing with ``healer`` when given)."""

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    return ReplayPage(
        page, RunContext(run_id="t", parameters={}), on_action=sink, healer=healer, settle_timeout_ms=SETTLE_MS
    )
