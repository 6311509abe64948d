"""Regeneration over several runs, over gRPC: new blocks, branches, early stops, drafts, leases, concurrency."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2, workflow_pb2
from tests.cache.builders import block, block_run, linear_workflow, workflow
from tests.cache.grpc_calls import ORG, Stub, finish, get_run, put, record, resolve, run_blocks, start
from tests.cache.test_cache_service_grpc import expect_status

BT = workflow_pb2
RS = run_pb2
AGENT, CODE, FALLBACK, LIVE = RS.BLOCK_MODE_AGENT, RS.BLOCK_MODE_CODE, RS.BLOCK_MODE_FALLBACK, RS.BLOCK_MODE_LIVE


def cached_versions(started: pb.StartRunResponse) -> dict[str, int]:
    return {b.label: b.cached_in_version for b in started.resolution.cached_blocks}


async def test_a_block_added_to_the_workflow_is_generated_and_the_others_reused(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    await run_blocks(stub, definition, [("step_0", AGENT), ("step_1", AGENT)])
    definition.blocks.append(block("step_2"))
    assert (await put(stub, definition)).version == 2
    started, finished = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", CODE), ("step_2", AGENT)])
    assert cached_versions(started) == {"step_0": 1, "step_1": 1}
    assert list(finished.decision.blocks_to_update) == ["step_2"] and finished.published_version == 2
    third, again = await run_blocks(stub, definition, [("step_0", CODE), ("step_1", CODE), ("step_2", CODE)])
    assert cached_versions(third) == {"step_0": 1, "step_1": 1, "step_2": 2}
    assert not again.decision.regenerate and again.published_version == 0


def conditional_workflow() -> workflow_pb2.Workflow:
    branch = workflow_pb2.ConditionalBranch
    return workflow(
        block("open"),
        block(
            "choose",
            BT.BLOCK_TYPE_CONDITIONAL,
            branches=[
                branch(expression="email == 'a@example.com'", next_block_label="branch_a"),
                branch(next_block_label="branch_b"),
            ],
        ),
        block("branch_a", next_block_label="done"),
        block("branch_b"),
        block("done"),
    )


async def test_conditional_branches_are_cached_progressively_and_then_nothing_regenerates(stub: Stub) -> None:
    definition = conditional_workflow()
    await put(stub, definition)
    path_a = [("open", AGENT), ("choose", LIVE), ("branch_a", AGENT), ("done", AGENT)]
    _, first = await run_blocks(stub, definition, path_a)
    assert first.published_version == 1 and not first.decision.missing_labels
    path_b = [("open", CODE), ("choose", LIVE), ("branch_b", AGENT), ("done", CODE)]
    _, second = await run_blocks(stub, definition, path_b)
    assert list(second.decision.blocks_to_update) == ["branch_b"] and second.published_version == 2
    for path in (path_a, path_b):
        code_path = [(label, LIVE if mode == LIVE else CODE) for label, mode in path]
        started, finished = await run_blocks(stub, definition, code_path)
        assert cached_versions(started) == {"open": 1, "branch_a": 1, "branch_b": 2, "done": 1}
        assert not finished.decision.regenerate and finished.published_version == 0


async def test_a_workflow_of_never_cached_types_never_publishes(stub: Stub) -> None:
    definition = workflow(block("pause", BT.BLOCK_TYPE_WAIT), block("compute", BT.BLOCK_TYPE_CODE))
    await put(stub, definition)
    for _ in range(2):
        started, finished = await run_blocks(stub, definition, [("pause", LIVE), ("compute", LIVE)])
        assert not finished.decision.regenerate and finished.published_version == 0 and not finished.script_id
        assert not (await get_run(stub, started.run_id)).generations
    assert not (await resolve(stub, definition.workflow_id)).resolution.script_id


async def test_a_run_that_stops_early_cannot_finish_completed_and_publishes_nothing(stub: Stub) -> None:
    # Issue 16: a FinishRun(COMPLETED) covering part of the path is refused; the run can still end failed.
    definition = linear_workflow(3)
    await put(stub, definition)
    started = await start(stub, definition.workflow_id)
    for sequence, label in enumerate(("step_0", "step_1")):
        await record(stub, started.run_id, block_run(label, sequence))
    details = await expect_status(finish(stub, started.run_id), grpc.StatusCode.FAILED_PRECONDITION)
    assert "'step_2' was never recorded" in details
    assert (await get_run(stub, started.run_id)).summary.status == RS.RUN_STATUS_RUNNING
    failed = await finish(stub, started.run_id, RS.RUN_STATUS_FAILED)
    assert failed.published_version == 0 and not (await resolve(stub, definition.workflow_id)).resolution.script_id


async def wait_for_draft(stub: Stub, run_id: str, blocks: int) -> pb.GetRunResponse:
    for _ in range(200):
        run = await get_run(stub, run_id)
        if run.draft.number >= blocks:
            return run
        await asyncio.sleep(0.05)
    raise AssertionError(f"no draft of {blocks} block(s) for run {run_id}")


async def test_a_draft_is_made_per_completed_block_never_resolved_and_reused_by_the_publish(stub: Stub) -> None:
    definition = linear_workflow(3)
    await put(stub, definition)
    started = await start(stub, definition.workflow_id)
    assert await record(stub, started.run_id, block_run("step_0", 0))
    assert await record(stub, started.run_id, block_run("step_1", 1))
    running = await wait_for_draft(stub, started.run_id, 2)
    assert running.summary.status == RS.RUN_STATUS_RUNNING and running.draft.usable
    drafted = {b.label: b.file.sha256 for b in running.draft.blocks}
    assert set(drafted) == {"step_0", "step_1"} and dict(running.generations) == {"step_0": 1, "step_1": 1}
    assert not (await resolve(stub, definition.workflow_id)).resolution.cached_blocks  # a draft is never used
    assert await record(stub, started.run_id, block_run("step_2", 2))
    finished = await finish(stub, started.run_id)
    assert finished.published_version == 1
    assert any(r.startswith("reused the run's draft code") for r in finished.decision.reasons)
    done = await get_run(stub, started.run_id)
    assert dict(done.generations) == {"step_0": 1, "step_1": 1, "step_2": 1} and done.max_generations_per_block == 1
    shown = await stub.GetScriptVersion(
        pb.GetScriptVersionRequest(script_id=finished.script_id, version=1), metadata=outgoing_metadata(ORG)
    )
    published = {b.label: b.file.sha256 for b in shown.blocks}
    assert published["step_0"] == drafted["step_0"] and published["step_1"] == drafted["step_1"]
    # A run as code asks codegen for nothing at all.
    code_run, again = await run_blocks(stub, definition, [(f"step_{i}", CODE) for i in range(3)])
    assert not again.decision.regenerate
    code = await get_run(stub, code_run.run_id)
    assert not code.generations and code.max_generations_per_block == 0 and not code.HasField("draft")


async def test_an_expired_lease_abandons_the_run_and_a_late_finish_publishes_nothing(stub: Stub) -> None:
    definition = linear_workflow(2)
    await put(stub, definition)
    started = await start(stub, definition.workflow_id, lease_seconds=1)
    await record(stub, started.run_id, block_run("step_0", 0))
    await wait_for_draft(stub, started.run_id, 1)
    other = await start(stub, definition.workflow_id, lease_seconds=1)
    await asyncio.sleep(1.2)
    listed = await stub.ListRuns(
        pb.ListRunsRequest(workflow_id=definition.workflow_id), metadata=outgoing_metadata(ORG)
    )
    assert {r.run_id: r.status for r in listed.runs}[other.run_id] == RS.RUN_STATUS_ABANDONED  # swept
    run = await get_run(stub, started.run_id)
    assert run.summary.status == RS.RUN_STATUS_ABANDONED and not run.draft.usable
    assert "lease expired" in run.summary.error
    details = await expect_status(finish(stub, started.run_id), grpc.StatusCode.FAILED_PRECONDITION)
    assert "abandoned" in details
    await expect_status(record(stub, started.run_id, block_run("step_1", 1)), grpc.StatusCode.FAILED_PRECONDITION)
    resolved = await resolve(stub, definition.workflow_id)
    assert not resolved.resolution.cached_blocks and not resolved.resolution.script_id


async def test_concurrent_finishers_with_different_block_sets_publish_one_version_per_change(
    stub: Stub, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("concurrency is checked on PostgreSQL (SQLite has a single writer)")
    # Every run completes a whole path; conditionals end it after 2, 3 or 4 cacheable steps.
    def stop_or(next_label: str) -> list[workflow_pb2.ConditionalBranch]:
        branch = workflow_pb2.ConditionalBranch
        return [branch(expression="email == 'stop'", next_block_label="end"), branch(next_block_label=next_label)]

    definition = workflow(
        block("step_0"),
        block("step_1"),
        block("after_1", BT.BLOCK_TYPE_CONDITIONAL, branches=stop_or("step_2")),
        block("step_2"),
        block("after_2", BT.BLOCK_TYPE_CONDITIONAL, branches=stop_or("step_3")),
        block("step_3"),
        block("end", BT.BLOCK_TYPE_WAIT),
    )
    await put(stub, definition)
    paths = {
        2: ["step_0", "step_1", "after_1", "end"],
        3: ["step_0", "step_1", "after_1", "step_2", "after_2", "end"],
        4: ["step_0", "step_1", "after_1", "step_2", "after_2", "step_3", "end"],
    }
    kinds = {b.label: b.type for b in definition.blocks}
    block_sets = [2] * 8 + [3] * 6 + [4] * 6
    runs = [await start(stub, definition.workflow_id) for _ in block_sets]
    for started, count in zip(runs, block_sets, strict=True):
        for sequence, label in enumerate(paths[count]):
            await record(stub, started.run_id, block_run(label, sequence, kind=kinds[label]))
    results = await asyncio.gather(*(finish(stub, started.run_id) for started in runs))
    published = sorted(r.published_version for r in results if r.published_version)
    assert published == list(range(1, len(published) + 1)) and 1 <= len(published) <= 3
    assert len({r.script_id for r in results}) == 1
    versions = await stub.ListScriptVersions(
        pb.ListScriptVersionsRequest(script_id=results[0].script_id), metadata=outgoing_metadata(ORG)
    )
    label_sets = [frozenset(v.labels) for v in reversed(versions.versions)]
    assert all(a < b for a, b in zip(label_sets, label_sets[1:], strict=False))  # every version adds blocks
    final = await start(stub, definition.workflow_id)
    assert set(cached_versions(final)) == {"step_0", "step_1", "step_2", "step_3"}
    for started in runs:
        assert (await get_run(stub, started.run_id)).max_generations_per_block <= 1
