"""Thin helpers over the CacheService stub, so integration tests read like the behaviour they check."""

from __future__ import annotations

from collections.abc import Sequence

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2, workflow_pb2
from tests.cache.builders import block_run

Stub = cache_service_pb2_grpc.CacheServiceStub
ORG = "acme"


async def put(stub: Stub, definition: workflow_pb2.Workflow, org: str = ORG) -> pb.PutWorkflowResponse:
    return await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=definition), metadata=outgoing_metadata(org))


async def start(
    stub: Stub,
    workflow_id: str,
    *,
    run_with: int = run_pb2.RUN_WITH_CODE,
    org: str = ORG,
    parameters: dict[str, str] | None = None,
    lease_seconds: int = 0,
) -> pb.StartRunResponse:
    request = pb.StartRunRequest(
        workflow_id=workflow_id,
        parameters=parameters if parameters is not None else {"email": "a@example.com"},
        run_with=run_with,  # type: ignore[arg-type]
        lease_seconds=lease_seconds,
    )
    return await stub.StartRun(request, metadata=outgoing_metadata(org))


async def record(stub: Stub, run_id: str, block: run_pb2.BlockRun, org: str = ORG) -> bool:
    response = await stub.RecordBlockRun(
        pb.RecordBlockRunRequest(run_id=run_id, block_run=block), metadata=outgoing_metadata(org, run_id)
    )
    return response.marked_for_update


async def finish(
    stub: Stub, run_id: str, status: int = run_pb2.RUN_STATUS_COMPLETED, org: str = ORG, force: bool = False
) -> pb.FinishRunResponse:
    return await stub.FinishRun(
        pb.FinishRunRequest(run_id=run_id, status=status, wall_ms=50, force_regenerate=force),  # type: ignore[arg-type]
        metadata=outgoing_metadata(org, run_id),
    )


async def run_blocks(
    stub: Stub,
    definition: workflow_pb2.Workflow,
    modes: Sequence[tuple[str, int]],
    *,
    status: int = run_pb2.RUN_STATUS_COMPLETED,
    run_with: int = run_pb2.RUN_WITH_CODE,
    parameters: dict[str, str] | None = None,
) -> tuple[pb.StartRunResponse, pb.FinishRunResponse]:
    """Start a run, record each (label, mode) as completed in order, and finish it."""
    types = {b.label: b.type for b in definition.blocks}
    started = await start(stub, definition.workflow_id, run_with=run_with, parameters=parameters)
    for sequence, (label, mode) in enumerate(modes):
        await record(stub, started.run_id, block_run(label, sequence, mode=mode, kind=types[label]))
    return started, await finish(stub, started.run_id, status)


async def get_run(stub: Stub, run_id: str, org: str = ORG) -> pb.GetRunResponse:
    return await stub.GetRun(pb.GetRunRequest(run_id=run_id), metadata=outgoing_metadata(org))


async def resolve(stub: Stub, workflow_id: str, org: str = ORG) -> pb.ResolveScriptResponse:
    return await stub.ResolveScript(
        pb.ResolveScriptRequest(workflow_id=workflow_id, parameters={"email": "a@example.com"}),
        metadata=outgoing_metadata(org),
    )
