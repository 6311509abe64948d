"""Fixtures for executor tests: one demo site, one Chromium and one real stack (codegen, cache, executor) per test
session."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, async_playwright

from examples.demo_site import DemoSite, start_demo_site
from executor_service.browser.launch import launch_chromium
from services.client import ExecutorClient
from tests.support.services import RunningStack, running_stack

# A drifted page should heal or fall back in about a second, not five; eight code runs share one executor.
EXECUTOR_OVERRIDES: dict[str, object] = {"settle_timeout_ms": 1500.0, "max_concurrent_runs": 8}


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    """One Chromium for every page test of the session (each test has a context of its own): launching one per
    module cost about a second each."""
    async with async_playwright() as playwright:
        chromium = await launch_chromium(playwright)
        yield chromium
        await chromium.close()


@pytest.fixture(scope="session")
def site() -> Iterator[DemoSite]:
    running = start_demo_site()
    yield running
    running.stop()


@pytest.fixture(scope="session")
async def executor_stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningStack]:
    async with running_stack(
        tmp_path_factory.mktemp("rote-executor"), executor_overrides=EXECUTOR_OVERRIDES
    ) as running:
        yield running


@pytest.fixture
async def client(executor_stack: RunningStack) -> AsyncIterator[ExecutorClient]:
    async with ExecutorClient(executor_stack.executor.address) as connected:
        yield connected
