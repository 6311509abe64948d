"""Client of the executor service: run a workflow and follow its events."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import grpc
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from services.client.calls import CallOptions, is_unavailable
from services.client.errors import translate
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import executor_service_pb2_grpc, run_pb2, workflow_pb2

RUN_WITH = {
    "agent": run_pb2.RUN_WITH_AGENT, "code": run_pb2.RUN_WITH_CODE, "auto": run_pb2.RUN_WITH_AUTO,
    "code_only": run_pb2.RUN_WITH_CODE_ONLY,
}


@dataclass
class RunResult:
    """The final summary of a run and every event received."""

    summary: run_pb2.RunSummary
    events: list[ex_pb.RunWorkflowResponse] = field(default_factory=list)


class ExecutorClient:
    """Runs workflows on one executor; a single channel is reused for every call."""

    def __init__(self, address: str, org: str = "", *, options: CallOptions | None = None) -> None:
        self.address = address
        self.options = options or CallOptions.from_env(org)
        self.org = self.options.org or "default"
        self._channel = self.options.open_channel(address)
        self._stub = executor_service_pb2_grpc.ExecutorServiceStub(self._channel)

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> ExecutorClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def stream_run(
        self,
        workflow: workflow_pb2.Workflow | None = None,
        *,
        workflow_id: str = "",
        parameters: dict[str, str] | None = None,
        run_with: str = "auto",
        timeout_seconds: int = 0,
    ) -> AsyncIterator[ex_pb.RunWorkflowResponse]:
        """Yield the run's events as they happen; the last one is run_finished."""
        request = ex_pb.RunWorkflowRequest(
            workflow_id=workflow_id,
            parameters=parameters or {},
            run_with=RUN_WITH[run_with],
            timeout_seconds=timeout_seconds,
        )
        if workflow is not None:
            request.workflow.CopyFrom(workflow)
        received = False
        try:
            # Retrying is safe only while nothing has started: once an event arrived, the run exists.
            async for attempt in AsyncRetrying(
                retry=retry_if_exception(lambda e: not received and is_unavailable(e)),  # noqa: B023 - read live
                wait=wait_exponential_jitter(multiplier=0.1, max=2.0, jitter=0.1),
                stop=stop_after_attempt(self.options.attempts),
                reraise=True,
            ):
                with attempt:
                    async for event in self._stub.RunWorkflow(request, metadata=self.options.metadata()):
                        received = True
                        yield event
        except grpc.aio.AioRpcError as exc:
            raise translate(exc, "executor service", self.address) from exc

    async def run(
        self,
        workflow: workflow_pb2.Workflow | None = None,
        *,
        on_event: Callable[[ex_pb.RunWorkflowResponse], None] | None = None,
        **kwargs: object,
    ) -> RunResult:
        """Run to the end and return the summary (and every event)."""
        events: list[ex_pb.RunWorkflowResponse] = []
        async for event in self.stream_run(workflow, **kwargs):  # type: ignore[arg-type]
            events.append(event)
            if on_event:
                on_event(event)
        finished = [e for e in events if e.HasField("run_finished")]
        if not finished:
            raise RuntimeError("the executor closed the stream without a run_finished event")
        return RunResult(finished[-1].run_finished.summary, events)
