"""Run the executor service: python -m executor_service."""

from __future__ import annotations

import asyncio

from executor_service.bootstrap import start_executor_service
from executor_service.settings import ExecutorSettings
from services.logs import configure_logging
from services.metrics import serve_metrics


async def _main() -> None:
    settings = ExecutorSettings.from_env()
    configure_logging("executor", settings.log_level)
    server = await start_executor_service(settings, host=settings.host, port=settings.port)
    serve_metrics(settings.metrics_port, settings.host)
    await server.serve_until_signal()


if __name__ == "__main__":
    asyncio.run(_main())
