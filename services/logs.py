"""JSON logging for every service, with the run id and organisation of the current call."""

from __future__ import annotations

import contextvars
import logging
import sys

from pythonjsonlogger.json import JsonFormatter

run_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("run_id", default="")
org_var: contextvars.ContextVar[str] = contextvars.ContextVar("org", default="")


class _ContextFilter(logging.Filter):
    """Adds the service name and the call's run id and organisation to each record."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.run_id = run_id_var.get()
        record.org = org_var.get()
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send JSON log lines to stderr, replacing any handler set before."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(run_id)s %(org)s",
            rename_fields={"asctime": "ts", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(_ContextFilter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
