"""Helpers shared by the repositories: one executemany per batch of rows, and the dialect a session talks to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.ext.asyncio import AsyncSession


async def insert_many(session: AsyncSession, model: type[Any], rows: Sequence[Any]) -> None:
    """One executemany for all rows, so that the statement count does not grow with the number of blocks."""
    if not rows:
        return
    keys = [attr.key for attr in inspect(model).column_attrs]
    values = [{key: row.__dict__[key] for key in keys if key in row.__dict__} for row in rows]
    await session.execute(insert(model), values)


def is_postgresql(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"
