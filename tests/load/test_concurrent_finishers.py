"""50 runs finishing at once across 5 workflows, on PostgreSQL through the cache service's RPCs: exactly one
version per change, versions without gaps or duplicates, no lost blocks (DESIGN §4 rule 9, §9)."""

from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, run_pb2, workflow_pb2
from tests.cache.builders import block, block_run, workflow
from tests.load.checks import check_versions
from tests.load.mixed import BLOCKS
from tests.load.recorder import Recorder, report
from tests.load.stack import LoadStack

pytestmark = pytest.mark.postgres
WORKFLOWS = 5
RUNS_PER_WORKFLOW = 10
LABELS = [f"step_{i}" for i in range(BLOCKS)]
BT = workflow_pb2


def _stops_early_workflow() -> workflow_pb2.Workflow:
    """step_0, after_0, step_1, after_1, ..., end: each conditional ``after_i`` may end the run (a whole path
    after i + 1 steps), since a COMPLETED run must have recorded a whole path (issue 16)."""
    blocks = []
    for i in range(BLOCKS):
        blocks.append(block(f"step_{i}"))
        if i < BLOCKS - 1:
            branches = [
                workflow_pb2.ConditionalBranch(expression="email == 'stop'", next_block_label="end"),
                workflow_pb2.ConditionalBranch(next_block_label=f"step_{i + 1}"),
            ]
            blocks.append(block(f"after_{i}", BT.BLOCK_TYPE_CONDITIONAL, branches=branches))
    blocks.append(block("end", BT.BLOCK_TYPE_WAIT))
    return workflow(*blocks)


def _path(executed: int) -> list[tuple[str, int]]:
    """(label, type) of the whole path that runs ``executed`` steps."""
    path = []
    for i in range(executed):
        path.append((f"step_{i}", BT.BLOCK_TYPE_NAVIGATION))
        if i < BLOCKS - 1:
            path.append((f"after_{i}", BT.BLOCK_TYPE_CONDITIONAL))
    return [*path, ("end", BT.BLOCK_TYPE_WAIT)]


async def put_workflows(stub: cache_service_pb2_grpc.CacheServiceStub, org: str, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        definition = _stops_early_workflow()
        await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=definition), metadata=outgoing_metadata(org))
        ids.append(definition.workflow_id)
    return ids


async def test_fifty_concurrent_finishers_across_five_workflows_publish_consistent_versions(
    load_stack: LoadStack, request: pytest.FixtureRequest
) -> None:
    org = f"finishers-{uuid.uuid4().hex[:8]}"
    meta = outgoing_metadata(org)
    rec = Recorder()
    async with grpc.aio.insecure_channel(load_stack.cache_address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        ids = await put_workflows(stub, org, WORKFLOWS)
        plan = [(workflow_id, 1 + j % BLOCKS) for workflow_id in ids for j in range(RUNS_PER_WORKFLOW)]
        started = await asyncio.gather(*(
            rec.call("StartRun", stub.StartRun(
                pb.StartRunRequest(workflow_id=wf, parameters={"email": "a@example.com"}), metadata=meta
            ))
            for wf, _ in plan
        ))

        async def record(run_id: str, executed: int) -> None:
            # A run that stops early executes a prefix of the steps, all through the agent, then ends.
            for sequence, (label, kind) in enumerate(_path(executed)):
                await rec.call("RecordBlockRun", stub.RecordBlockRun(
                    pb.RecordBlockRunRequest(run_id=run_id, block_run=block_run(label, sequence, kind=kind)),
                    metadata=outgoing_metadata(org, run_id),
                ))

        await asyncio.gather(*(record(s.run_id, executed) for s, (_, executed) in zip(started, plan, strict=True)))
        finished = await asyncio.gather(*(
            rec.call("FinishRun", stub.FinishRun(
                pb.FinishRunRequest(run_id=s.run_id, status=run_pb2.RUN_STATUS_COMPLETED, wall_ms=10),
                metadata=outgoing_metadata(org, s.run_id), timeout=120,
            ))
            for s in started
        ))
        rec.stop()
        assert rec.errors == []

        version_counts: list[int] = []
        for workflow_id in ids:
            mine = [(s, f, executed) for s, f, (wf, executed) in zip(started, finished, plan, strict=True)
                    if wf == workflow_id]
            versions = await check_versions(stub, org, workflow_id, LABELS)
            published = sorted(f.published_version for _, f, _ in mine if f.published_version)
            # Each version was published by exactly one of the finishers, and each added at least one block.
            assert published == [v.version.version for v in versions]
            label_sets = [{b.label for b in v.blocks} for v in versions]
            assert all(a < b for a, b in zip(label_sets, label_sets[1:], strict=False)), label_sets
            for s, f, executed in mine:
                if not f.published_version:
                    assert not f.decision.regenerate or "another run published these blocks first" in (
                        f.decision.reasons
                    ), f.decision
                stored = await stub.GetRun(pb.GetRunRequest(run_id=s.run_id), metadata=meta)
                assert [b.label for b in stored.block_runs] == [label for label, _ in _path(executed)], (
                    "no lost or duplicated block"
                )
            version_counts.append(len(versions))
    title = f"{len(plan)} concurrent finishers over {WORKFLOWS} workflows (PostgreSQL)"
    report(request.config, rec.table(title) + f"\n  versions per workflow: {version_counts}")
