"""Fixtures for end-to-end tests: the demo site and the three real services on loopback."""

from __future__ import annotations

import pathlib
from collections.abc import AsyncIterator, Iterator

import pytest

from examples.demo_site import DemoSite, start_demo_site
from tests.support.services import RunningStack, running_stack

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoSite]:
    site = start_demo_site()
    yield site
    site.stop()


@pytest.fixture(scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningStack]:
    async with running_stack(tmp_path_factory.mktemp("rote-e2e")) as running:
        yield running
