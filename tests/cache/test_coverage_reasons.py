"""Coverage says what happened to a block that has no code: never run, or run through the agent in a run that failed."""

from __future__ import annotations

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2
from tests.cache.builders import linear_workflow
from tests.cache.grpc_calls import ORG, Stub, put, run_blocks

RS = run_pb2


async def _reasons(stub: Stub, workflow_id: str) -> dict[str, str]:
    response = await stub.GetCoverage(pb.GetCoverageRequest(workflow_id=workflow_id), metadata=outgoing_metadata(ORG))
    (key,) = response.cache_keys
    return {block.label: block.reason for block in key.blocks}


async def test_a_block_run_through_the_agent_in_a_failed_run_is_not_said_to_be_never_run(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    _, finished = await run_blocks(stub, definition, [("step_0", RS.BLOCK_MODE_AGENT)], status=RS.RUN_STATUS_FAILED)
    assert finished.published_version == 0
    reasons = await _reasons(stub, definition.workflow_id)
    assert reasons["step_0"] == (
        "completed through the agent 1 time(s), in runs that ended failed: only a completed run publishes"
    )
    assert reasons["step_1"] == "never run through the agent yet"
