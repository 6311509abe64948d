"""Fixtures for load tests: a PostgreSQL cluster of their own, and the cache and codegen services as processes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.load.stack import LoadStack, cache_and_codegen
from tests.support.postgres import postgres_cluster


@pytest.fixture(scope="module")
def load_database() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture(scope="module")
async def load_stack(
    load_database: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[LoadStack]:
    async with cache_and_codegen(tmp_path_factory.mktemp("rote-load"), load_database) as stack:
        yield stack
