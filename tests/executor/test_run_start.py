"""run_start with a cache service older than StartRun.workflow (pure logic, a fake cache client): the run it started
on whatever it held is ended, and the definition is stored and started the old way."""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from executor_service.engine.run_start import start_run
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2, workflow_pb2


class NotFound(grpc.aio.AioRpcError):
    def __init__(self) -> None:
        super().__init__(grpc.StatusCode.NOT_FOUND, grpc.aio.Metadata(), grpc.aio.Metadata(), "workflow not found")


class OlderCache:
    """Answers like a cache service that ignores StartRunRequest.workflow and its two response flags."""

    def __init__(self, *, holds: bool) -> None:
        self.holds = holds  # whether it holds some (older) definition of the workflow
        self.calls: list[tuple[str, Any]] = []

    async def start_run(self, org: str, request: cache_pb.StartRunRequest) -> cache_pb.StartRunResponse:
        self.calls.append(("StartRun", request.workflow_version))
        if not self.holds:
            raise NotFound()
        run_id = f"run-{len(self.calls)}"
        return cache_pb.StartRunResponse(run_id=run_id, workflow=workflow_pb2.Workflow(workflow_id="w", version=7))

    async def put_workflow(self, org: str, workflow: workflow_pb2.Workflow) -> cache_pb.PutWorkflowResponse:
        self.calls.append(("PutWorkflow", workflow.workflow_id))
        self.holds = True
        return cache_pb.PutWorkflowResponse(workflow_id=workflow.workflow_id, version=8, created=True)

    async def finish_run(
        self, org: str, request: cache_pb.FinishRunRequest, *, retry: bool = True
    ) -> cache_pb.FinishRunResponse:
        self.calls.append(("FinishRun", (request.run_id, request.status)))
        return cache_pb.FinishRunResponse()


def request() -> ex_pb.RunWorkflowRequest:
    definition = workflow_pb2.Workflow(
        workflow_id="w", parameters=[workflow_pb2.Parameter(key="who", has_default=True, default_value="Ada")]
    )
    return ex_pb.RunWorkflowRequest(workflow=definition)


@pytest.mark.parametrize("holds", [True, False], ids=["holds-an-older-definition", "never-saw-the-workflow"])
async def test_an_older_cache_gets_the_definition_stored_first_and_its_own_run_ended(holds: bool) -> None:
    cache = OlderCache(holds=holds)
    started = await start_run(cache, "org", request())  # type: ignore[arg-type]
    ended = [("FinishRun", ("run-1", run_pb2.RUN_STATUS_ABANDONED))] if holds else []
    assert cache.calls == [("StartRun", 0), *ended, ("PutWorkflow", "w"), ("StartRun", 8)]
    assert started.parameters == {"who": "Ada"}
