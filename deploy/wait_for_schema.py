"""Cache init container: wait until the database schema is at the head revision that this image ships."""

from __future__ import annotations

import asyncio
import logging
import sys
import time

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from cache_service.db.engine import create_engine
from cache_service.db.migrate import alembic_config
from cache_service.settings import CacheSettings
from services.logs import configure_logging
from services.settings import env_float

log = logging.getLogger("deploy.wait_for_schema")


def expected_heads() -> set[str]:
    """The head revision(s) of the migrations packaged with this code."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


async def current_heads(database_url: str) -> set[str]:
    """The revision(s) recorded in the database (empty before the first migration)."""

    def read(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(read)
    finally:
        await engine.dispose()


async def wait_for_head(database_url: str, timeout_s: float, interval_s: float) -> bool:
    """Poll until the database is at head; False when ``timeout_s`` passes first."""
    wanted = expected_heads()
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            found = await current_heads(database_url)
        except Exception as exc:  # noqa: BLE001 - the database may not be up yet; any error means "not yet"
            found, reason = set(), type(exc).__name__
        else:
            reason = "schema behind" if found != wanted else ""
        if found == wanted:
            log.info("database schema is at head", extra={"revision": sorted(found)})
            return True
        if time.monotonic() >= deadline:
            log.error("database schema never reached head", extra={"wanted": sorted(wanted), "found": sorted(found)})
            return False
        log.info("waiting for the migration Job", extra={"reason": reason, "wanted": sorted(wanted)})
        await asyncio.sleep(interval_s)


def main() -> int:
    settings = CacheSettings.from_env()
    configure_logging("cache-wait-for-schema", settings.log_level)
    timeout_s = env_float("ROTE_SCHEMA_WAIT_TIMEOUT_SECONDS", 600.0)
    interval_s = env_float("ROTE_SCHEMA_WAIT_INTERVAL_SECONDS", 2.0)
    return 0 if asyncio.run(wait_for_head(settings.database_url, timeout_s, interval_s)) else 1


if __name__ == "__main__":
    sys.exit(main())
