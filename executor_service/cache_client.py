"""The executor's calls to the cache service, with the caller's organisation and run id forwarded."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import grpc
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_delay,
    wait_exponential_jitter,
)

from services.call_context import outgoing_metadata
from services.channels import open_channel
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2, workflow_pb2
from services.settings import CallSettings

log = logging.getLogger(__name__)
T = TypeVar("T")


class CacheClient:
    """One long-lived channel to the cache service, shared by every run of this executor.

    A run's records (RecordBlockRun, FinishRun) are retried with exponential backoff for up to ``retry_s``
    seconds while the cache service or its database is unreachable; both calls are idempotent on the
    service side (a block run is keyed by its sequence, a second FinishRun gets the first one's answer).
    """

    def __init__(self, address: str, timeout_s: float, retry_s: float = 0.0, *, calls: CallSettings) -> None:
        self.address = address
        self._channel = open_channel(address, tls=calls.tls, max_message_bytes=calls.max_message_bytes)
        self._service_key = calls.service_api_key
        self._stub = cache_service_pb2_grpc.CacheServiceStub(self._channel)
        self._timeout = timeout_s
        self._retry_s = retry_s

    async def _retrying(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        if self._retry_s <= 0:
            return await call()

        def note(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            log.warning("cache call retried", extra={"call": what, "attempt": state.attempt_number,
                                                     "error": getattr(error, "code", lambda: "?")()})

        async for attempt in AsyncRetrying(
            retry=retry_if_exception(is_unreachable),
            stop=stop_after_delay(self._retry_s),
            wait=wait_exponential_jitter(multiplier=0.1, max=2.0, jitter=0.1),
            before_sleep=note,
            reraise=True,
        ):
            with attempt:
                return await call()
        raise AssertionError("unreachable")  # pragma: no cover - AsyncRetrying returns or raises

    def _metadata(self, org: str, run_id: str = "") -> tuple[tuple[str, str], ...]:
        return outgoing_metadata(org, run_id, service_key=self._service_key)

    async def close(self) -> None:
        await self._channel.close()

    async def put_workflow(self, org: str, workflow: workflow_pb2.Workflow) -> cache_pb.PutWorkflowResponse:
        return await self._stub.PutWorkflow(
            cache_pb.PutWorkflowRequest(workflow=workflow), metadata=self._metadata(org), timeout=self._timeout
        )

    async def get_workflow(self, org: str, workflow_id: str) -> workflow_pb2.Workflow:
        response = await self._stub.GetWorkflow(
            cache_pb.GetWorkflowRequest(workflow_id=workflow_id), metadata=self._metadata(org), timeout=self._timeout
        )
        return response.workflow

    async def start_run(self, org: str, request: cache_pb.StartRunRequest) -> cache_pb.StartRunResponse:
        return await self._stub.StartRun(request, metadata=self._metadata(org), timeout=self._timeout)

    async def record_block_run(
        self, org: str, run_id: str, block_run: run_pb2.BlockRun, *, retry: bool = True
    ) -> bool:
        request = cache_pb.RecordBlockRunRequest(run_id=run_id, block_run=block_run)

        async def call() -> bool:
            response = await self._stub.RecordBlockRun(
                request, metadata=self._metadata(org, run_id), timeout=self._timeout
            )
            return response.marked_for_update

        return await self._retrying("RecordBlockRun", call) if retry else await call()

    async def finish_run(
        self, org: str, request: cache_pb.FinishRunRequest, *, retry: bool = True
    ) -> cache_pb.FinishRunResponse:
        async def call() -> cache_pb.FinishRunResponse:
            return await self._stub.FinishRun(
                request, metadata=self._metadata(org, request.run_id), timeout=self._timeout
            )

        return await self._retrying("FinishRun", call) if retry else await call()


def is_unreachable(exc: BaseException) -> bool:
    """Whether a cache call failed because the service (or its database) cannot be reached."""
    return isinstance(exc, grpc.aio.AioRpcError) and exc.code() in (
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
    )
