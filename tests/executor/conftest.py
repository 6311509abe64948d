"""Fixtures for executor tests: one demo site and one real stack (codegen, cache, executor) per test session."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from examples.demo_site import DemoSite, start_demo_site
from services.client import ExecutorClient
from tests.support.services import RunningStack, running_stack

# A drifted page should heal or fall back in about a second, not five; eight code runs share one executor.
EXECUTOR_OVERRIDES: dict[str, object] = {"settle_timeout_ms": 1500.0, "max_concurrent_runs": 8}


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
