"""Schema migrations: ``run_migrations(url)`` from a CLI or a thread, ``migrate_engine`` from a running loop."""

from __future__ import annotations

import pathlib

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

_HERE = pathlib.Path(__file__).resolve().parent


def alembic_config(database_url: str = "") -> Config:
    """The packaged alembic.ini with its migrations folder, wherever the package is installed."""
    config = Config(str(_HERE / "alembic.ini"))
    config.set_main_option("script_location", str(_HERE / "migrations"))
    if database_url:
        # configparser treats '%' as interpolation; passwords may contain it.
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
        config.attributes["database_url"] = database_url
    return config


def run_migrations(database_url: str, revision: str = "head") -> None:
    """Upgrade the database at ``database_url`` to ``revision``; must not be called from a running event loop."""
    command.upgrade(alembic_config(database_url), revision)


async def migrate_engine(engine: AsyncEngine, revision: str = "head") -> None:
    """Upgrade through an existing async engine, from inside the event loop."""

    def upgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(upgrade)
