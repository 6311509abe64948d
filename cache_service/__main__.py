"""Run the cache service (python -m cache_service) or migrate its database (python -m cache_service migrate)."""

from __future__ import annotations

import argparse
import asyncio

from cache_service.bootstrap import start_cache_service
from cache_service.db.migrate import run_migrations
from cache_service.settings import CacheSettings
from services.logs import configure_logging
from services.metrics import serve_metrics


async def _serve(settings: CacheSettings) -> None:
    server = await start_cache_service(settings, host=settings.host, port=settings.port)
    serve_metrics(settings.metrics_port, settings.host)
    await server.serve_until_signal()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cache_service", description="Rote cache service")
    parser.add_argument("command", nargs="?", choices=["serve", "migrate"], default="serve")
    args = parser.parse_args(argv)
    settings = CacheSettings.from_env()
    configure_logging("cache", settings.log_level)
    if args.command == "migrate":
        run_migrations(settings.database_url)
        return
    asyncio.run(_serve(settings))


if __name__ == "__main__":
    main()
