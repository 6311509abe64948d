"""Fixtures for the corpus tests: the corpus site and one Chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, async_playwright

from examples.corpus.server import CorpusSite, start_corpus_site
from executor_service.browser.launch import launch_chromium


@pytest.fixture(scope="session")
def corpus_site() -> Iterator[CorpusSite]:
    site = start_corpus_site()
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture(scope="session")
async def corpus_browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await launch_chromium(playwright)
        try:
            yield chromium
        finally:
            await chromium.close()
