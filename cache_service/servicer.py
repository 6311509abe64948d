"""The CacheService gRPC servicer: proto in, use case, proto out; domain errors carry their status."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc

from cache_service import wire
from cache_service.app import artifacts, coverage, publishing, runs, versions, workflows
from cache_service.app.context import AppContext
from services.call_context import org_of
from services.errors import InvalidArgument
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc
from services.metrics import DECISION_LATENCY
from services.security.auth import require_service

# Bound once: labels() takes a lock and a lookup on every call otherwise.
_START_RUN_LATENCY = DECISION_LATENCY.labels("start_run")
_RESOLVE_LATENCY = DECISION_LATENCY.labels("resolve_script")
_FINISH_RUN_LATENCY = DECISION_LATENCY.labels("finish_run")


class CacheServicer(cache_service_pb2_grpc.CacheServiceServicer):
    """Every call is scoped to the caller's organisation (x-rote-org); other organisations' records do not exist."""

    def __init__(self, app: AppContext) -> None:
        self.app = app

    async def PutWorkflow(  # noqa: N802 - gRPC method name
        self, request: pb.PutWorkflowRequest, context: grpc.aio.ServicerContext
    ) -> pb.PutWorkflowResponse:
        version, created = await workflows.put_workflow(self.app, org_of(context), request.workflow)
        return pb.PutWorkflowResponse(workflow_id=request.workflow.workflow_id, version=version, created=created)

    async def GetWorkflow(  # noqa: N802
        self, request: pb.GetWorkflowRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetWorkflowResponse:
        workflow = await workflows.get_workflow(self.app, org_of(context), request.workflow_id, request.version)
        return pb.GetWorkflowResponse(workflow=workflow)

    async def ListWorkflows(  # noqa: N802
        self, request: pb.ListWorkflowsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListWorkflowsResponse:
        found = await workflows.list_workflows(self.app, org_of(context))
        return pb.ListWorkflowsResponse(workflows=[wire.workflow_list_entry(w) for w in found])

    async def StartRun(  # noqa: N802
        self, request: pb.StartRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.StartRunResponse:
        require_service("StartRun")
        org = org_of(context)
        stored = request.HasField("workflow")
        version = await _stored_version(self.app, org, request) if stored else request.workflow_version
        with _START_RUN_LATENCY.time():
            started = await runs.start_run(
                self.app,
                org,
                workflow_id=request.workflow_id,
                workflow_version=version,
                parameters=dict(request.parameters),
                secret_parameters=list(request.secret_parameters),
                run_with=request.run_with,
                lease_seconds=request.lease_seconds,
            )
            return pb.StartRunResponse(
                run_id=started.run_id,
                workflow=started.workflow,
                resolution=wire.resolution_message(started.resolution),
                definition_stored=stored,
                takes_final_records=True,
            )

    async def ResolveScript(  # noqa: N802
        self, request: pb.ResolveScriptRequest, context: grpc.aio.ServicerContext
    ) -> pb.ResolveScriptResponse:
        with _RESOLVE_LATENCY.time():
            resolution = await runs.resolve_script(
                self.app, org_of(context), request.workflow_id, dict(request.parameters)
            )
            return pb.ResolveScriptResponse(resolution=wire.resolution_message(resolution))

    async def RecordBlockRun(  # noqa: N802
        self, request: pb.RecordBlockRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.RecordBlockRunResponse:
        require_service("RecordBlockRun")
        marked = await runs.record_block_run(self.app, org_of(context), request.run_id, request.block_run)
        return pb.RecordBlockRunResponse(marked_for_update=marked)

    async def FinishRun(  # noqa: N802
        self, request: pb.FinishRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.FinishRunResponse:
        require_service("FinishRun")
        org = org_of(context)
        if request.block_runs:
            await runs.record_final_block_runs(self.app, org, request.run_id, request.block_runs)
        with _FINISH_RUN_LATENCY.time():
            finished = await publishing.finish_run(
                self.app,
                org,
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
        return wire.get_run_response(record)

    async def ListRuns(  # noqa: N802
        self, request: pb.ListRunsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListRunsResponse:
        listed = await runs.list_runs(self.app, org_of(context), request.workflow_id, request.status, request.limit)
        return pb.ListRunsResponse(runs=[wire.run_list_entry(entry) for entry in listed])

    async def ListScripts(  # noqa: N802
        self, request: pb.ListScriptsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListScriptsResponse:
        scripts = await versions.list_scripts(self.app, org_of(context), request.workflow_id)
        return pb.ListScriptsResponse(scripts=[wire.script_info(script) for script in scripts])

    async def ListScriptVersions(  # noqa: N802
        self, request: pb.ListScriptVersionsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListScriptVersionsResponse:
        script, listed = await versions.list_versions(self.app, org_of(context), request.script_id)
        return pb.ListScriptVersionsResponse(
            script=wire.script_info(script), versions=[wire.version_info(v) for v in listed]
        )

    async def GetScriptVersion(  # noqa: N802
        self, request: pb.GetScriptVersionRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetScriptVersionResponse:
        text = await versions.show_version(self.app, org_of(context), request.script_id, request.version)
        return wire.version_text_response(text)

    async def DiffScriptVersions(  # noqa: N802
        self, request: pb.DiffScriptVersionsRequest, context: grpc.aio.ServicerContext
    ) -> pb.DiffScriptVersionsResponse:
        deltas, module_diff = await versions.diff_versions(
            self.app, org_of(context), request.script_id, request.from_version, request.to_version
        )
        return pb.DiffScriptVersionsResponse(blocks=[wire.block_diff(d) for d in deltas], module_diff=module_diff)

    async def PinScriptVersion(  # noqa: N802
        self, request: pb.PinScriptVersionRequest, context: grpc.aio.ServicerContext
    ) -> pb.PinScriptVersionResponse:
        pinned = await versions.pin_version(self.app, org_of(context), request.script_id, request.version)
        return pb.PinScriptVersionResponse(version=wire.version_info(pinned))

    async def UnpinScriptVersion(  # noqa: N802
        self, request: pb.UnpinScriptVersionRequest, context: grpc.aio.ServicerContext
    ) -> pb.UnpinScriptVersionResponse:
        was, current = await versions.unpin(self.app, org_of(context), request.script_id)
        return pb.UnpinScriptVersionResponse(unpinned_version=was, current_version=current)

    async def RollbackScript(  # noqa: N802
        self, request: pb.RollbackScriptRequest, context: grpc.aio.ServicerContext
    ) -> pb.RollbackScriptResponse:
        made = await versions.rollback(self.app, org_of(context), request.script_id, request.to_version)
        return pb.RollbackScriptResponse(version=wire.version_info(made))

    async def GetCoverage(  # noqa: N802
        self, request: pb.GetCoverageRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetCoverageResponse:
        workflow, keys = await coverage.coverage(self.app, org_of(context), request.workflow_id, request.cache_key)
        return pb.GetCoverageResponse(
            workflow_version=workflow.version, cache_keys=[wire.key_coverage(key) for key in keys]
        )

    async def ReadRunArtifact(  # noqa: N802
        self, request: pb.ReadRunArtifactRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[pb.ReadRunArtifactResponse]:
        artifact = await artifacts.read_run_artifact(self.app, org_of(context), request.run_id, request.key)
        for message in wire.artifact_chunks(artifact):
            yield message


async def _stored_version(app: AppContext, org: str, request: pb.StartRunRequest) -> int:
    """StartRun with a definition: stored first (as PutWorkflow), and the run starts on the version it got."""
    if request.workflow.workflow_id != request.workflow_id:
        raise InvalidArgument(
            f"workflow.workflow_id {request.workflow.workflow_id!r} differs from workflow_id {request.workflow_id!r}: "
            "StartRun starts the definition it stores"
        )
    if request.workflow_version:
        raise InvalidArgument(
            "workflow_version must be 0 when workflow is given: the run uses the version it is stored as"
        )
    version, _ = await workflows.put_workflow(app, org, request.workflow)
    return version
