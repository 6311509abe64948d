"""The CacheService gRPC servicer: proto in, use case, proto out; domain errors carry their status."""

from __future__ import annotations

import grpc

from cache_service import wire
from cache_service.app import publishing, runs, workflows
from cache_service.app.context import AppContext
from services.call_context import org_of
from services.errors import InvalidArgument
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc


class CacheServicer(cache_service_pb2_grpc.CacheServiceServicer):
    """Every call is scoped to the caller's organisation (x-rote-org); other organisations' records do not exist."""

    def __init__(self, app: AppContext) -> None:
        self.app = app

    async def PutWorkflow(  # noqa: N802 - gRPC method name
        self, request: pb.PutWorkflowRequest, context: grpc.aio.ServicerContext
    ) -> pb.PutWorkflowResponse:
        if not request.HasField("workflow"):
            raise InvalidArgument("workflow is required")
        version, created = await workflows.put_workflow(self.app, org_of(context), request.workflow)
        return pb.PutWorkflowResponse(workflow_id=request.workflow.workflow_id, version=version, created=created)

    async def GetWorkflow(  # noqa: N802
        self, request: pb.GetWorkflowRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetWorkflowResponse:
        workflow = await workflows.get_workflow(self.app, org_of(context), request.workflow_id, request.version)
        return pb.GetWorkflowResponse(workflow=workflow)

    async def StartRun(  # noqa: N802
        self, request: pb.StartRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.StartRunResponse:
        started = await runs.start_run(
            self.app,
            org_of(context),
            workflow_id=request.workflow_id,
            workflow_version=request.workflow_version,
            parameters=dict(request.parameters),
            secret_parameters=list(request.secret_parameters),
            run_with=request.run_with,
            lease_seconds=request.lease_seconds,
        )
        return pb.StartRunResponse(
            run_id=started.run_id,
            workflow=started.workflow,
            resolution=wire.resolution_message(started.resolution),
        )

    async def ResolveScript(  # noqa: N802
        self, request: pb.ResolveScriptRequest, context: grpc.aio.ServicerContext
    ) -> pb.ResolveScriptResponse:
        resolution = await runs.resolve_script(self.app, org_of(context), request.workflow_id, dict(request.parameters))
        return pb.ResolveScriptResponse(resolution=wire.resolution_message(resolution))

    async def RecordBlockRun(  # noqa: N802
        self, request: pb.RecordBlockRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.RecordBlockRunResponse:
        if not request.HasField("block_run"):
            raise InvalidArgument("block_run is required")
        marked = await runs.record_block_run(self.app, org_of(context), request.run_id, request.block_run)
        return pb.RecordBlockRunResponse(marked_for_update=marked)

    async def FinishRun(  # noqa: N802
        self, request: pb.FinishRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.FinishRunResponse:
        finished = await publishing.finish_run(
            self.app,
            org_of(context),
            request.run_id,
            status=request.status,
            error=request.error,
            wall_ms=request.wall_ms,
            force=request.force_regenerate,
        )
        return pb.FinishRunResponse(
            decision=wire.decision_message(finished.decision),
            published_version=finished.published_version,
            script_id=finished.script_id,
        )

    async def GetRun(  # noqa: N802
        self, request: pb.GetRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetRunResponse:
        record = await runs.get_run(self.app, org_of(context), request.run_id)
        return pb.GetRunResponse(summary=wire.run_summary_message(record), block_runs=record.block_runs)
