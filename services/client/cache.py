"""Client of the cache service: workflows, runs, scripts and their versions, coverage."""

from __future__ import annotations

from typing import Any

import grpc
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from services.client.calls import CallOptions, is_unavailable, unary
from services.client.errors import ClientError, translate
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, workflow_pb2


class CacheClient:
    """Typed calls to one cache service; a single channel is reused for every call."""

    def __init__(self, address: str, org: str = "", *, options: CallOptions | None = None) -> None:
        self.address = address
        self.options = options or CallOptions.from_env(org)
        self._channel = self.options.open_channel(address)
        self._stub = cache_service_pb2_grpc.CacheServiceStub(self._channel)

    async def close(self) -> None:
        await self._channel.close()

    async def __aenter__(self) -> CacheClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _call(self, method: str, request: Any) -> Any:
        return await unary(
            getattr(self._stub, method), request, self.options, service="cache service", address=self.address
        )

    async def put_workflow(self, workflow: workflow_pb2.Workflow) -> pb.PutWorkflowResponse:
        return await self._call("PutWorkflow", pb.PutWorkflowRequest(workflow=workflow))

    async def get_workflow(self, workflow_id: str, version: int = 0) -> workflow_pb2.Workflow:
        response = await self._call("GetWorkflow", pb.GetWorkflowRequest(workflow_id=workflow_id, version=version))
        return response.workflow

    async def list_workflows(self) -> pb.ListWorkflowsResponse:
        return await self._call("ListWorkflows", pb.ListWorkflowsRequest())

    async def get_run(self, run_id: str) -> pb.GetRunResponse:
        return await self._call("GetRun", pb.GetRunRequest(run_id=run_id))

    async def list_runs(self, workflow_id: str = "", limit: int = 20) -> pb.ListRunsResponse:
        return await self._call("ListRuns", pb.ListRunsRequest(workflow_id=workflow_id, limit=limit))

    async def list_scripts(self, workflow_id: str = "") -> pb.ListScriptsResponse:
        return await self._call("ListScripts", pb.ListScriptsRequest(workflow_id=workflow_id))

    async def list_versions(self, script_id: str) -> pb.ListScriptVersionsResponse:
        return await self._call("ListScriptVersions", pb.ListScriptVersionsRequest(script_id=script_id))

    async def get_version(self, script_id: str, version: int = 0) -> pb.GetScriptVersionResponse:
        return await self._call("GetScriptVersion", pb.GetScriptVersionRequest(script_id=script_id, version=version))

    async def diff_versions(self, script_id: str, from_version: int, to_version: int) -> pb.DiffScriptVersionsResponse:
        request = pb.DiffScriptVersionsRequest(script_id=script_id, from_version=from_version, to_version=to_version)
        return await self._call("DiffScriptVersions", request)

    async def pin(self, script_id: str, version: int) -> pb.PinScriptVersionResponse:
        return await self._call("PinScriptVersion", pb.PinScriptVersionRequest(script_id=script_id, version=version))

    async def unpin(self, script_id: str) -> pb.UnpinScriptVersionResponse:
        return await self._call("UnpinScriptVersion", pb.UnpinScriptVersionRequest(script_id=script_id))

    async def rollback(self, script_id: str, to_version: int) -> pb.RollbackScriptResponse:
        return await self._call("RollbackScript", pb.RollbackScriptRequest(script_id=script_id, to_version=to_version))

    async def coverage(self, workflow_id: str, cache_key: str = "") -> pb.GetCoverageResponse:
        return await self._call("GetCoverage", pb.GetCoverageRequest(workflow_id=workflow_id, cache_key=cache_key))

    async def read_run_artifact(self, run_id: str, key: str) -> bytes:
        """A file the run left in object storage (e.g. a block's ``screenshot_key``), streamed by the cache service
        in chunks; UNAVAILABLE before any chunk arrived is retried."""
        request = pb.ReadRunArtifactRequest(run_id=run_id, key=key)
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception(is_unavailable),
                wait=wait_exponential_jitter(multiplier=0.1, max=2.0, jitter=0.1),
                stop=stop_after_attempt(self.options.attempts),
                reraise=True,
            ):
                with attempt:
                    return await self._read_artifact(request)
        except grpc.aio.AioRpcError as exc:
            raise translate(exc, "cache service", self.address) from exc
        raise AssertionError("unreachable: tenacity either returns or reraises")

    async def _read_artifact(self, request: pb.ReadRunArtifactRequest) -> bytes:
        chunks: list[bytes] = []
        size = -1
        call = self._stub.ReadRunArtifact(request, metadata=self.options.metadata(), timeout=self.options.timeout_s)
        async for message in call:
            if size < 0:
                size = message.size_bytes
            chunks.append(message.chunk)
        data = b"".join(chunks)
        if len(data) != size:
            # A stream that ended early must never pass for the whole file.
            raise ClientError(grpc.StatusCode.DATA_LOSS, f"run file {request.key!r}: got {len(data)} of {size} bytes")
        return data
