"""The real cache service over gRPC, on SQLite and PostgreSQL, with the real codegen service behind it."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2, workflow_pb2
from tests.cache.builders import block, block_run, linear_workflow, parameter, workflow
from tests.cache.grpc_calls import ORG, Stub, finish, get_run, put, record, run_blocks, start

BT = workflow_pb2
RS = run_pb2
AGENT, CODE, FALLBACK = RS.BLOCK_MODE_AGENT, RS.BLOCK_MODE_CODE, RS.BLOCK_MODE_FALLBACK


async def expect_status(call: object, code: grpc.StatusCode) -> str:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call  # type: ignore[misc]
    assert caught.value.code() == code, caught.value.details()
    return caught.value.details() or ""


async def test_put_workflow_creates_a_version_only_when_the_definition_changes(stub: Stub) -> None:
    definition = linear_workflow(2)
    first = await put(stub, definition)
    again = await put(stub, definition)
    definition.blocks[1].goal = "something else"
    changed = await put(stub, definition)
    assert (first.version, first.created) == (1, True)
    assert (again.version, again.created) == (1, False)
    assert (changed.version, changed.created) == (2, True)
    stored = await stub.GetWorkflow(
        pb.GetWorkflowRequest(workflow_id=definition.workflow_id, version=1), metadata=outgoing_metadata(ORG)
    )
    assert stored.workflow.version == 1 and stored.workflow.blocks[1].goal == "do step_1"


async def test_bad_definition_is_invalid_argument_with_the_reason(stub: Stub) -> None:
    details = await expect_status(put(stub, workflow(block("a"), block("a"))), grpc.StatusCode.INVALID_ARGUMENT)
    assert "block label 'a' is used more than once" in details
    details = await expect_status(
        put(stub, workflow(block("a", BT.BLOCK_TYPE_UNSPECIFIED))), grpc.StatusCode.INVALID_ARGUMENT
    )
    assert "block 'a' has no type" in details


async def test_missing_required_parameter_is_invalid_argument(stub: Stub) -> None:
    definition = linear_workflow(1)
    await put(stub, definition)
    details = await expect_status(start(stub, definition.workflow_id, parameters={}), grpc.StatusCode.INVALID_ARGUMENT)
    assert "missing required parameter(s): email" in details


async def test_unknown_workflow_and_run_are_not_found(stub: Stub) -> None:
    await expect_status(start(stub, "no-such-workflow"), grpc.StatusCode.NOT_FOUND)
    await expect_status(
        stub.GetRun(pb.GetRunRequest(run_id="00000000-0000-0000-0000-000000000000"), metadata=outgoing_metadata(ORG)),
        grpc.StatusCode.NOT_FOUND,
    )
    await expect_status(finish(stub, "00000000-0000-0000-0000-000000000000"), grpc.StatusCode.NOT_FOUND)


async def test_another_organisation_sees_nothing(stub: Stub) -> None:
    definition = linear_workflow(1)
    await put(stub, definition)
    started = await start(stub, definition.workflow_id)
    await expect_status(start(stub, definition.workflow_id, org="other"), grpc.StatusCode.NOT_FOUND)
    await expect_status(
        stub.GetRun(pb.GetRunRequest(run_id=started.run_id), metadata=outgoing_metadata("other")),
        grpc.StatusCode.NOT_FOUND,
    )
    await expect_status(record(stub, started.run_id, block_run("step_0", 0), org="other"), grpc.StatusCode.NOT_FOUND)
    await expect_status(finish(stub, started.run_id, org="other"), grpc.StatusCode.NOT_FOUND)


async def test_run_requests_the_use_cases_no_longer_check_by_hand_break_the_declared_rules(stub: Stub) -> None:
    """Empty ids, negative versions, leases and sequences, unknown statuses: the protos' rules refuse them before
    any use case runs (the use cases' copies of these checks were removed)."""
    md = outgoing_metadata(ORG)
    cases = [
        (stub.GetWorkflow(pb.GetWorkflowRequest(), metadata=md), "GetWorkflowRequest.workflow_id: value is required"),
        (
            stub.GetWorkflow(pb.GetWorkflowRequest(workflow_id="w", version=-1), metadata=md),
            "GetWorkflowRequest.version: must be greater than or equal to 0",
        ),
        (
            stub.StartRun(pb.StartRunRequest(workflow_id="w", lease_seconds=-5), metadata=md),
            "StartRunRequest.lease_seconds: must be greater than or equal to 0",
        ),
        (
            stub.RecordBlockRun(pb.RecordBlockRunRequest(run_id="r", block_run=RS.BlockRun()), metadata=md),
            "RecordBlockRunRequest.block_run.label: value is required",
        ),
        (
            stub.RecordBlockRun(
                pb.RecordBlockRunRequest(run_id="r", block_run=RS.BlockRun(label="a", sequence=-1)), metadata=md
            ),
            "RecordBlockRunRequest.block_run.sequence: must be greater than or equal to 0",
        ),
        (
            stub.FinishRun(pb.FinishRunRequest(status=RS.RUN_STATUS_FAILED), metadata=md),
            "FinishRunRequest.run_id: value is required",
        ),
        (stub.GetRun(pb.GetRunRequest(), metadata=md), "GetRunRequest.run_id: value is required"),
        (
            stub.ListRuns(pb.ListRunsRequest(status=99), metadata=md),  # type: ignore[arg-type]
            "ListRunsRequest.status: value must be one of the defined enum values",
        ),
    ]
    for call, reason in cases:
        details = await expect_status(call, grpc.StatusCode.INVALID_ARGUMENT)
        assert reason in details, details


async def test_first_run_publishes_and_second_identical_run_regenerates_nothing(stub: Stub) -> None:
    definition = workflow(block("login", BT.BLOCK_TYPE_LOGIN), block("fill"), block("pause", BT.BLOCK_TYPE_WAIT))
    await put(stub, definition)
    started, finished = await run_blocks(stub, definition, [("login", AGENT), ("fill", AGENT), ("pause", AGENT)])
    reasons = {u.label: u.reason for u in started.resolution.uncached_blocks}
    assert reasons == {
        "login": "never run through the agent yet",
        "fill": "never run through the agent yet",
        "pause": "type wait is never cached",
    }
    assert finished.decision.regenerate and list(finished.decision.blocks_to_update) == ["login", "fill"]
    assert finished.published_version == 1 and finished.script_id

    second, again = await run_blocks(stub, definition, [("login", CODE), ("fill", CODE), ("pause", CODE)])
    cached = {b.label: b for b in second.resolution.cached_blocks}
    assert set(cached) == {"login", "fill"} and second.resolution.version == 1
    assert cached["fill"].run_signature.startswith("await ") and cached["fill"].file.sha256
    assert second.resolution.module.path == "module.py"
    assert not again.decision.regenerate and again.published_version == 0

    agent_again, third = await run_blocks(
        stub, definition, [("login", AGENT), ("fill", AGENT), ("pause", AGENT)], run_with=RS.RUN_WITH_AGENT
    )
    assert not agent_again.resolution.cached_blocks
    assert {u.reason for u in agent_again.resolution.uncached_blocks} >= {"run_with=agent"}
    assert not third.decision.regenerate


async def test_record_block_run_says_whether_the_block_will_be_regenerated(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    started = await start(stub, definition.workflow_id)
    assert await record(stub, started.run_id, block_run("step_0", 0, mode=CODE)) is False
    assert await record(stub, started.run_id, block_run("step_1", 1, mode=FALLBACK)) is True


async def test_failed_run_publishes_nothing(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    started, finished = await run_blocks(stub, definition, [("step_0", AGENT)], status=RS.RUN_STATUS_FAILED)
    assert not finished.decision.regenerate and finished.published_version == 0
    run = await stub.GetRun(pb.GetRunRequest(run_id=started.run_id), metadata=outgoing_metadata(ORG))
    assert run.summary.status == RS.RUN_STATUS_FAILED
    resolved = await stub.ResolveScript(
        pb.ResolveScriptRequest(workflow_id=definition.workflow_id), metadata=outgoing_metadata(ORG)
    )
    assert not resolved.resolution.cached_blocks and resolved.resolution.version == 0


async def test_fallback_regenerates_only_that_block_and_reuses_the_rest(stub: Stub) -> None:
    definition = linear_workflow(3)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT), ("step_2", AGENT)])
    _, finished = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", FALLBACK), ("step_2", CODE)])
    assert list(finished.decision.blocks_to_update) == ["step_1"] and finished.published_version == 2
    third = await start(stub, definition.workflow_id)
    versions = {b.label: b.cached_in_version for b in third.resolution.cached_blocks}
    assert versions == {"step_0": 1, "step_1": 2, "step_2": 1}


async def test_editing_a_block_invalidates_it_and_every_later_block(stub: Stub) -> None:
    definition = linear_workflow(3)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT), ("step_2", AGENT)])
    definition.blocks[1].goal = "a new goal"
    assert (await put(stub, definition)).version == 2
    started = await start(stub, definition.workflow_id)
    assert [b.label for b in started.resolution.cached_blocks] == ["step_0"]
    reasons = {u.label: u.reason for u in started.resolution.uncached_blocks}
    assert reasons["step_1"].startswith("invalidated by definition version 2")
    assert reasons["step_2"].startswith("invalidated by definition version 2")


async def test_get_run_returns_the_summary_and_block_runs(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    started, _ = await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    run = await stub.GetRun(pb.GetRunRequest(run_id=started.run_id), metadata=outgoing_metadata(ORG))
    assert run.summary.status == RS.RUN_STATUS_COMPLETED and run.summary.published_version == 1
    assert run.summary.agent_steps == 6 and [b.label for b in run.summary.blocks] == ["step_0", "step_1"]
    assert [b.label for b in run.block_runs] == ["step_0", "step_1"]
    assert len(run.block_runs[0].trace.actions) == 3 and run.block_runs[0].trace.end_state.url_pattern == "/form"


async def test_a_block_run_through_the_agent_because_it_was_not_cached_says_so(stub: Stub) -> None:
    """`runs show` gives a reason for every agent block of a run that may use code: here `step_1` had no code
    (a new block), while cached `step_0` ran as code; in run_with=agent, the agent ran by choice: no reason."""
    definition = linear_workflow(1)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT)])
    definition.blocks.append(block("step_1"))
    await put(stub, definition)
    started, _ = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", AGENT)])
    shown = await get_run(stub, started.run_id)
    reasons = {b.label: b.reason for b in shown.block_runs}
    assert reasons == {"step_0": "", "step_1": "not cached yet: ran through the agent"}
    assert {b.label: b.reason for b in shown.summary.blocks}["step_1"] == "not cached yet: ran through the agent"
    chosen, _ = await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)], run_with=RS.RUN_WITH_AGENT)
    assert [b.reason for b in (await get_run(stub, chosen.run_id)).block_runs] == ["", ""]
    # A reason the executor gave (e.g. the agent's failure) is kept as it is.
    again = await start(stub, definition.workflow_id)
    failed = block_run("step_1", 1, mode=AGENT, status=RS.BLOCK_STATUS_FAILED)
    failed.reason = "the agent could not complete the block: no submit button"
    await record(stub, again.run_id, failed)
    assert [b.reason for b in (await get_run(stub, again.run_id)).block_runs] == [failed.reason]


async def test_finish_run_twice_answers_the_same(stub: Stub) -> None:
    definition = linear_workflow(1)
    await put(stub, definition)
    started, first = await run_blocks(stub, definition, [("step_0", AGENT)])
    second = await finish(stub, started.run_id)
    assert second.published_version == first.published_version == 1
    assert list(second.decision.blocks_to_update) == ["step_0"]
    await expect_status(record(stub, started.run_id, block_run("step_0", 5)), grpc.StatusCode.FAILED_PRECONDITION)


async def test_concurrent_finishers_publish_exactly_one_version(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    runs = [await start(stub, definition.workflow_id) for _ in range(4)]
    for started in runs:
        for sequence, label in enumerate(("step_0", "step_1")):
            await record(stub, started.run_id, block_run(label, sequence, mode=AGENT))
    results = await asyncio.gather(*(finish(stub, started.run_id) for started in runs))
    assert sorted(r.published_version for r in results) == [0, 0, 0, 1]
    assert len({r.script_id for r in results}) == 1


async def test_cache_key_selects_a_separate_script(stub: Stub) -> None:
    definition = workflow(
        block("fill"),
        cache_key="{{ site }}",
        parameters=[parameter("email", required=True), parameter("site", default="a")],
    )
    await put(stub, definition)
    started, finished = await run_blocks(stub, definition, [("fill", AGENT)])
    assert started.resolution.cache_key == "a" and finished.published_version == 1
    other = await start(stub, definition.workflow_id, parameters={"email": "x@example.com", "site": "b"})
    assert other.resolution.cache_key == "b" and not other.resolution.cached_blocks


async def test_codegen_unavailable_finishes_the_run_and_defers_publishing(cache_without_codegen) -> None:  # noqa: ANN001
    async with grpc.aio.insecure_channel(cache_without_codegen.address) as channel:
        stub = Stub(channel)
        definition = linear_workflow(1)
        await put(stub, definition)
        started, finished = await run_blocks(stub, definition, [("step_0", AGENT)])
        assert finished.published_version == 0 and finished.decision.regenerate
        assert "publish deferred: codegen unavailable" in finished.decision.reasons
        run = await stub.GetRun(pb.GetRunRequest(run_id=started.run_id), metadata=outgoing_metadata(ORG))
        assert run.summary.status == RS.RUN_STATUS_COMPLETED


async def test_concurrent_finish_runs_and_a_late_block_of_one_run_agree_on_one_end(stub: Stub) -> None:
    """FinishRun retried while the first is in flight, and a block recorded at the same moment: the run ends once
    (the fast path writes only an unchanged run; otherwise the general path decides under the run's lock), and every
    FinishRun gets that end, or every one is refused."""
    definition = linear_workflow(2)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)])  # published: later runs are warm
    for _ in range(3):
        started = await start(stub, definition.workflow_id)
        for sequence in range(2):
            await record(stub, started.run_id, block_run(f"step_{sequence}", sequence, mode=CODE))
        late = record(stub, started.run_id, block_run("step_1", 2, mode=AGENT))
        calls = [finish(stub, started.run_id) for _ in range(4)]
        *answers, recorded = await asyncio.gather(*calls, late, return_exceptions=True)
        outcomes = {
            a.code().name if isinstance(a, grpc.aio.AioRpcError) else a.SerializeToString(deterministic=True)
            for a in answers
        }
        assert len(outcomes) == 1, outcomes
        stored = await get_run(stub, started.run_id)
        if isinstance(answers[0], pb.FinishRunResponse):
            assert stored.summary.status == RS.RUN_STATUS_COMPLETED
            assert stored.summary.published_version == answers[0].published_version
        else:
            assert stored.summary.status == RS.RUN_STATUS_RUNNING
        assert recorded is False or recorded is True or (
            isinstance(recorded, grpc.aio.AioRpcError) and recorded.code() == grpc.StatusCode.FAILED_PRECONDITION
        )


@pytest.mark.postgres
async def test_a_block_recorded_while_the_run_is_being_ended_waits_and_is_refused_once_it_has_ended(
    stub: Stub, database_url: str
) -> None:
    """RecordBlockRun takes the run's lock: behind a FinishRun deciding under it, the block is neither counted in
    nor stored on the run that call ended (a run ended from two blocks never holds a third)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks are PostgreSQL's")
    from sqlalchemy import text

    from cache_service.db.engine import create_engine

    definition = linear_workflow(2)
    await put(stub, definition)
    started = await start(stub, definition.workflow_id)
    for sequence in range(2):
        await record(stub, started.run_id, block_run(f"step_{sequence}", sequence, mode=AGENT))
    engine = create_engine(database_url)
    try:
        async with engine.connect() as ending:  # a FinishRun holding the run while it decides
            await ending.execute(text("SELECT 1 FROM runs WHERE run_id = :r FOR UPDATE"), {"r": started.run_id})
            late = asyncio.create_task(record(stub, started.run_id, block_run("step_1", 2, mode=AGENT)))
            await asyncio.sleep(0.5)
            assert not late.done()  # waiting for the run's lock
            await ending.execute(text("UPDATE runs SET status = 'completed' WHERE run_id = :r"), {"r": started.run_id})
            await ending.commit()
        details = await expect_status(late, grpc.StatusCode.FAILED_PRECONDITION)
        assert "already completed" in details
        async with engine.connect() as reading:
            stored = await reading.execute(
                text("SELECT count(*) FROM block_runs WHERE run_id = :r"), {"r": started.run_id}
            )
            assert stored.scalar_one() == 2
    finally:
        await engine.dispose()
