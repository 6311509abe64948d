"""StartRun that stores its definition and FinishRun that carries the last block records: one call each, with the
results the separate calls give (real cache service over gRPC, SQLite and PostgreSQL)."""

from __future__ import annotations

import grpc

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2
from tests.cache.builders import block_run, linear_workflow
from tests.cache.grpc_calls import ORG, Stub, get_run, put, record, start
from tests.cache.test_cache_service_grpc import expect_status

AGENT, CODE = run_pb2.BLOCK_MODE_AGENT, run_pb2.BLOCK_MODE_CODE


async def start_with(stub: Stub, request: pb.StartRunRequest, org: str = ORG) -> pb.StartRunResponse:
    return await stub.StartRun(request, metadata=outgoing_metadata(org))


def starting(definition: object, **fields: object) -> pb.StartRunRequest:
    request = pb.StartRunRequest(
        workflow_id=definition.workflow_id,  # type: ignore[attr-defined]
        parameters={"email": "a@example.com"},
        run_with=run_pb2.RUN_WITH_CODE,
        **fields,  # type: ignore[arg-type]
    )
    request.workflow.CopyFrom(definition)  # type: ignore[arg-type]
    return request


async def finish_with(stub: Stub, run_id: str, *records: run_pb2.BlockRun) -> pb.FinishRunResponse:
    request = pb.FinishRunRequest(run_id=run_id, status=run_pb2.RUN_STATUS_COMPLETED, wall_ms=50, block_runs=records)
    return await stub.FinishRun(request, metadata=outgoing_metadata(ORG, run_id))


async def test_start_run_stores_the_definition_it_is_given_and_runs_that_version(stub: Stub) -> None:
    definition = linear_workflow(2)
    first = await start_with(stub, starting(definition))
    assert first.definition_stored and first.takes_final_records
    assert first.workflow.version == 1 and first.workflow.blocks[1].goal == "do step_1"

    definition.blocks[1].goal = "something else"
    changed = await start_with(stub, starting(definition))
    again = await start_with(stub, starting(definition))
    assert (changed.workflow.version, again.workflow.version) == (2, 2)
    assert changed.workflow.blocks[1].goal == "something else"
    # What PutWorkflow now says of the same definition: stored once, as version 2.
    assert (await put(stub, definition)).version == 2
    # A run started the old way (by id) does not claim to have stored anything.
    assert not (await start(stub, definition.workflow_id)).definition_stored


async def test_start_run_refuses_a_definition_other_than_the_one_it_names(stub: Stub) -> None:
    definition = linear_workflow(1)
    request = starting(definition)
    request.workflow_id = "another_workflow"
    details = await expect_status(start_with(stub, request), grpc.StatusCode.INVALID_ARGUMENT)
    assert "differs from workflow_id" in details
    details = await expect_status(start_with(stub, starting(definition, workflow_version=3)),
                                  grpc.StatusCode.INVALID_ARGUMENT)
    assert "workflow_version must be 0" in details
    # Nothing was stored by the refused calls.
    await expect_status(start(stub, definition.workflow_id), grpc.StatusCode.NOT_FOUND)


async def test_finish_run_stores_the_last_records_first_and_decides_on_them(stub: Stub) -> None:
    definition = linear_workflow(2)
    started = await start_with(stub, starting(definition))
    await record(stub, started.run_id, block_run("step_0", 0, mode=AGENT))
    finished = await finish_with(stub, started.run_id, block_run("step_1", 1, mode=AGENT))
    # Both blocks ran through the agent, the second one recorded only inside FinishRun: both are generated.
    assert finished.decision.regenerate and list(finished.decision.blocks_to_update) == ["step_0", "step_1"]
    assert finished.published_version == 1
    stored = await get_run(stub, started.run_id)
    assert [(b.label, b.sequence) for b in stored.block_runs] == [("step_0", 0), ("step_1", 1)]
    assert stored.summary.status == run_pb2.RUN_STATUS_COMPLETED

    # The next run replays both as code; its last record travels with FinishRun and nothing is regenerated.
    second = await start_with(stub, starting(definition))
    assert {b.label for b in second.resolution.cached_blocks} == {"step_0", "step_1"}
    await record(stub, second.run_id, block_run("step_0", 0, mode=CODE))
    again = await finish_with(stub, second.run_id, block_run("step_1", 1, mode=CODE))
    assert not again.decision.regenerate and again.published_version == 0


async def test_a_retried_finish_run_with_records_gets_the_first_answer_and_stores_nothing_twice(stub: Stub) -> None:
    definition = linear_workflow(2)
    started = await start_with(stub, starting(definition))
    records = (block_run("step_0", 0, mode=AGENT), block_run("step_1", 1, mode=AGENT))
    first = await finish_with(stub, started.run_id, *records)
    retried = await finish_with(stub, started.run_id, *records)
    assert (retried.published_version, retried.script_id) == (first.published_version, first.script_id)
    assert list(retried.decision.blocks_to_update) == list(first.decision.blocks_to_update) == ["step_0", "step_1"]
    assert [b.sequence for b in (await get_run(stub, started.run_id)).block_runs] == [0, 1]
    # A record the first call did not carry is refused on an ended run, as RecordBlockRun refuses it.
    await expect_status(finish_with(stub, started.run_id, block_run("step_1", 2, mode=AGENT)),
                        grpc.StatusCode.FAILED_PRECONDITION)


async def test_finish_run_with_a_bad_record_is_refused_and_leaves_the_run_running(stub: Stub) -> None:
    definition = linear_workflow(1)
    started = await start_with(stub, starting(definition))
    details = await expect_status(finish_with(stub, started.run_id, block_run("no_such_block", 0)),
                                  grpc.StatusCode.INVALID_ARGUMENT)
    assert "'no_such_block' is not in workflow" in details
    assert (await get_run(stub, started.run_id)).summary.status == run_pb2.RUN_STATUS_RUNNING
    finished = await finish_with(stub, started.run_id, block_run("step_0", 0, mode=AGENT))
    assert finished.published_version == 1


async def test_what_the_combined_calls_carry_is_validated_like_the_separate_calls(stub: Stub) -> None:
    definition = linear_workflow(1)
    bad_definition = starting(definition)
    bad_definition.workflow.blocks[0].label = ""
    details = await expect_status(start_with(stub, bad_definition), grpc.StatusCode.INVALID_ARGUMENT)
    assert "a block has an empty label" in details  # as PutWorkflow says it
    started = await start_with(stub, starting(definition))
    details = await expect_status(finish_with(stub, started.run_id, run_pb2.BlockRun(label="")),
                                  grpc.StatusCode.INVALID_ARGUMENT)
    assert "FinishRunRequest.block_runs[0].label: value is required" in details
    too_many = [block_run("step_0", 0)] * 65
    details = await expect_status(finish_with(stub, started.run_id, *too_many), grpc.StatusCode.INVALID_ARGUMENT)
    assert "no more than 64" in details
