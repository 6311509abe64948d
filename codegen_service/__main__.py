"""Runs the codegen service: ``python -m codegen_service``."""

from __future__ import annotations

import asyncio

from codegen_service.bootstrap import CodegenSettings, start_codegen_service
from services.logs import configure_logging
from services.metrics import serve_metrics


async def main() -> None:
    settings = CodegenSettings.from_env()
    configure_logging("codegen", settings.log_level)
    server = await start_codegen_service(settings, host=settings.host, port=settings.port)
    serve_metrics(settings.metrics_port, settings.host)
    await server.serve_until_signal()


if __name__ == "__main__":
    asyncio.run(main())
