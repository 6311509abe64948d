"""Fixtures for fault tests: one demo site per session (each test starts the services it breaks)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from examples.demo_site import DemoSite, start_demo_site


@pytest.fixture(scope="session")
def site() -> Iterator[DemoSite]:
    running = start_demo_site()
    yield running
    running.stop()
