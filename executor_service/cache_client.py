"""The executor's calls to the cache service, with the caller's organisation and run id forwarded."""

from __future__ import annotations

import grpc

from services.call_context import outgoing_metadata
from services.channels import open_channel
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2, workflow_pb2


class CacheClient:
    """One long-lived channel to the cache service, shared by every run of this executor."""

    def __init__(self, address: str, timeout_s: float) -> None:
        self.address = address
        self._channel = open_channel(address)
        self._stub = cache_service_pb2_grpc.CacheServiceStub(self._channel)
        self._timeout = timeout_s

    async def close(self) -> None:
        await self._channel.close()

    async def put_workflow(self, org: str, workflow: workflow_pb2.Workflow) -> cache_pb.PutWorkflowResponse:
        return await self._stub.PutWorkflow(
            cache_pb.PutWorkflowRequest(workflow=workflow), metadata=outgoing_metadata(org), timeout=self._timeout
        )

    async def get_workflow(self, org: str, workflow_id: str) -> workflow_pb2.Workflow:
        response = await self._stub.GetWorkflow(
            cache_pb.GetWorkflowRequest(workflow_id=workflow_id), metadata=outgoing_metadata(org), timeout=self._timeout
        )
        return response.workflow

    async def start_run(self, org: str, request: cache_pb.StartRunRequest) -> cache_pb.StartRunResponse:
        return await self._stub.StartRun(request, metadata=outgoing_metadata(org), timeout=self._timeout)

    async def record_block_run(self, org: str, run_id: str, block_run: run_pb2.BlockRun) -> bool:
        response = await self._stub.RecordBlockRun(
            cache_pb.RecordBlockRunRequest(run_id=run_id, block_run=block_run),
            metadata=outgoing_metadata(org, run_id),
            timeout=self._timeout,
        )
        return response.marked_for_update

    async def finish_run(self, org: str, request: cache_pb.FinishRunRequest) -> cache_pb.FinishRunResponse:
        return await self._stub.FinishRun(
            request, metadata=outgoing_metadata(org, request.run_id), timeout=self._timeout
        )


def is_unreachable(exc: BaseException) -> bool:
    """Whether a cache call failed because the service (or its database) cannot be reached."""
    return isinstance(exc, grpc.aio.AioRpcError) and exc.code() in (
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DEADLINE_EXCEEDED,
    )
