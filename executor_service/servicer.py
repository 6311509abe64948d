"""ExecutorService servicer: converts RunWorkflow calls into runs of the engine and relays their events."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import grpc

from executor_service.engine.runs import Runs
from services.call_context import org_of
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import executor_service_pb2_grpc


class ExecutorServicer(executor_service_pb2_grpc.ExecutorServiceServicer):
    """Messages only: the caller's organisation and request in, the run's events out."""

    def __init__(self, runs: Runs) -> None:
        self.runs = runs

    async def RunWorkflow(  # noqa: N802 - gRPC method name
        self, request: ex_pb.RunWorkflowRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[ex_pb.RunWorkflowResponse]:
        def on_caller_gone(cancel: Callable[[], None]) -> None:
            context.add_done_callback(lambda _: cancel())

        async for event in self.runs.run(org_of(context), request, on_caller_gone):
            yield event
