"""Observability: bind the call's run id and organisation to the log context, then count, time and log the call."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import grpc

from services.call_context import ORG_HEADER, RUN_ID_HEADER
from services.interceptors.wrapping import AroundInterceptor
from services.logs import org_var, run_id_var
from services.metrics import RPC_LATENCY, RPC_REQUESTS

log = logging.getLogger(__name__)


def bind_metadata(context: grpc.aio.ServicerContext) -> None:
    """The call's run id and organisation, as its metadata names them, into the log context."""
    for item in context.invocation_metadata() or ():
        if item.key == RUN_ID_HEADER:
            run_id_var.set(str(item.value))
        elif item.key == ORG_HEADER:
            org_var.set(str(item.value))


class ObservabilityInterceptor(AroundInterceptor):
    """Outermost: it sees the final status of every call, including those refused by inner interceptors."""

    def __init__(self) -> None:
        super().__init__()
        # Metric children bound once per method and status: labels() takes a lock and a lookup on every call.
        self._counters: dict[tuple[str, str], Any] = {}
        self._timers: dict[str, Any] = {}

    def _count(self, method: str, code: str, elapsed: float) -> None:
        counter = self._counters.get((method, code))
        if counter is None:
            counter = self._counters[(method, code)] = RPC_REQUESTS.labels(method, code)
        timer = self._timers.get(method)
        if timer is None:
            timer = self._timers[method] = RPC_LATENCY.labels(method)
        counter.inc()
        timer.observe(elapsed)

    def ended(self, method: str, context: grpc.aio.ServicerContext, started: float) -> None:
        """Count, time and log a call to ``method`` begun at ``started`` (perf_counter) that has ended."""
        code = context.code() or grpc.StatusCode.OK
        name = code.name if isinstance(code, grpc.StatusCode) else str(code)
        elapsed = time.perf_counter() - started
        self._count(method, name, elapsed)
        if not method.startswith("/grpc.") and log.isEnabledFor(logging.INFO):
            log.info("rpc", extra={"method": method, "code": name, "ms": round(elapsed * 1000, 2)})

    @asynccontextmanager
    async def around(self, method: str, request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        bind_metadata(context)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.ended(method, context, started)
