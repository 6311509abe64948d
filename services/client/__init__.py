"""Typed Python client for Rote's services, used by the CLI, the demo and the tests."""

from services.client.cache import CacheClient
from services.client.calls import CallOptions
from services.client.errors import (
    ClientError,
    InvalidArgumentError,
    NotFoundError,
    ServiceUnavailableError,
)
from services.client.executor import ExecutorClient, RunResult
from services.client.health import check_health, wait_until_serving

__all__ = [
    "CacheClient",
    "CallOptions",
    "ClientError",
    "ExecutorClient",
    "InvalidArgumentError",
    "NotFoundError",
    "RunResult",
    "ServiceUnavailableError",
    "check_health",
    "wait_until_serving",
]
