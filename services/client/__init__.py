"""Typed Python client for Rote's services, used by the CLI, the demo and the tests."""

from services.client.errors import (
    ClientError,
    InvalidArgumentError,
    NotFoundError,
    ServiceUnavailableError,
)
from services.client.executor import ExecutorClient, RunResult
from services.client.health import check_health, wait_until_serving

__all__ = [
    "ClientError",
    "ExecutorClient",
    "InvalidArgumentError",
    "NotFoundError",
    "RunResult",
    "ServiceUnavailableError",
    "check_health",
    "wait_until_serving",
]
