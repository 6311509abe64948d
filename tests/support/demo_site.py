"""Test helper: the demo site, started once per test session on a free port and stopped at the end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.async_api import BrowserContext

from examples.demo_site import DemoSite, start_demo_site
from examples.demo_site.server import VARIANT_COOKIE


@contextmanager
def demo_site_running(variant: str = "default") -> Iterator[DemoSite]:
    """A demo site on 127.0.0.1 and a free port, stopped on exit."""
    site = start_demo_site("127.0.0.1", 0, variant=variant)
    try:
        yield site
    finally:
        site.stop()


async def use_variant(context: BrowserContext, site: DemoSite, variant: str) -> None:
    """Make one browser context see another page variant of the site (others keep the site-wide one)."""
    await context.add_cookies([{"name": VARIANT_COOKIE, "value": variant, "url": site.url}])


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoSite]:
    """Session-wide demo site; import this fixture into a conftest to use it."""
    with demo_site_running() as site:
        yield site
