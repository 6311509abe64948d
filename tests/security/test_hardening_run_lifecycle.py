"""Issue 16 defect 6: runs that never ran are never left RUNNING, over gRPC against `rote up`-style processes.

A run is started in the cache only once it has a slot; a caller leaving its queue starts nothing; SIGTERM ends
the executor's running runs as cancelled in the cache (the caller gets RunFinished); a FinishRun(COMPLETED)
that does not cover a whole path of the workflow is refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator

import grpc
import pytest

from services.call_context import outgoing_metadata
from services.cli.local_stack import LocalStack, free_port
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import cache_service_pb2_grpc, executor_service_pb2_grpc, run_pb2
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.workflows import workflow_from_mapping

pytestmark = pytest.mark.browser
ORG = "default"
RS = run_pb2


def _slow(workflow_id: str, seconds: float) -> ex_pb.RunWorkflowRequest:
    workflow = workflow_from_mapping(
        {"workflow_id": workflow_id, "blocks": [{"label": "pause", "type": "wait", "wait_seconds": seconds}]}
    )
    return ex_pb.RunWorkflowRequest(workflow=workflow, run_with=RS.RUN_WITH_AGENT)


@contextlib.asynccontextmanager
async def _stack(home: object, **env: str) -> AsyncIterator[LocalStack]:
    stack = LocalStack(
        home,  # type: ignore[arg-type]
        {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
        extra_env={"ROTE_MAX_CONCURRENT_RUNS": "2", "ROTE_SPARE_CONTEXTS": "0", **env},
    )
    await stack.start()
    try:
        yield stack
    finally:
        await asyncio.to_thread(stack.stop)


async def _runs(stack: LocalStack, workflow_id: str) -> list[cache_pb.RunListEntry]:
    async with grpc.aio.insecure_channel(stack.address("cache")) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        try:
            response = await stub.ListRuns(
                cache_pb.ListRunsRequest(workflow_id=workflow_id, limit=100), metadata=outgoing_metadata(ORG)
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return []  # the workflow was never even stored: no run of it either
            raise
    return list(response.runs)


async def _run_to_end(stub: executor_service_pb2_grpc.ExecutorServiceStub, request: ex_pb.RunWorkflowRequest) -> object:
    """The final summary, or the status code the call ended with."""
    try:
        summary = None
        async for event in stub.RunWorkflow(request, metadata=outgoing_metadata(ORG)):
            if event.HasField("run_finished"):
                summary = event.run_finished.summary
        return summary
    except grpc.aio.AioRpcError as exc:
        return exc.code()


async def test_runs_refused_for_want_of_a_slot_are_never_started_in_the_cache(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    async with _stack(tmp_path_factory.mktemp("noqueue"), ROTE_QUEUE_WHEN_BUSY="false") as stack:
        async with grpc.aio.insecure_channel(stack.address("executor")) as channel:
            stub = executor_service_pb2_grpc.ExecutorServiceStub(channel)
            outcomes = await asyncio.gather(*(_run_to_end(stub, _slow("busy", 2.0)) for _ in range(8)))
        refused = [o for o in outcomes if o == grpc.StatusCode.RESOURCE_EXHAUSTED]
        completed = [o for o in outcomes if isinstance(o, run_pb2.RunSummary)]
        print(f"8 runs on 2 slots without queueing: {len(completed)} completed, {len(refused)} RESOURCE_EXHAUSTED")
        assert len(refused) == 6 and len(completed) == 2
        assert all(summary.status == RS.RUN_STATUS_COMPLETED for summary in completed)
        rows = await _runs(stack, "busy")
        assert sorted(row.run_id for row in rows) == sorted(s.run_id for s in completed), "refused runs left rows"
        assert [row.status for row in rows if row.status == RS.RUN_STATUS_RUNNING] == []


async def test_queued_runs_cancelled_by_their_caller_start_nothing_and_sigterm_ends_running_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    async with _stack(tmp_path_factory.mktemp("queue"), ROTE_QUEUE_WHEN_BUSY="true") as stack:
        async with grpc.aio.insecure_channel(stack.address("executor")) as channel:
            stub = executor_service_pb2_grpc.ExecutorServiceStub(channel)
            running = [asyncio.ensure_future(_run_to_end(stub, _slow("held", 60.0))) for _ in range(2)]
            for _ in range(100):
                if len(await _runs(stack, "held")) == 2:
                    break
                await asyncio.sleep(0.1)
            queued = [asyncio.ensure_future(_run_to_end(stub, _slow("queued", 0.1))) for _ in range(6)]
            await asyncio.sleep(1.0)
            for call in queued:
                call.cancel()
            await asyncio.gather(*queued, return_exceptions=True)
            await asyncio.sleep(0.5)
            assert await _runs(stack, "queued") == [], "runs cancelled while queued were started in the cache"

            # SIGTERM mid-run: the executor ends both running runs as cancelled and tells their callers.
            stack.processes["executor"].send_signal(signal.SIGTERM)
            outcomes = await asyncio.wait_for(asyncio.gather(*running), 30)
        assert all(isinstance(o, run_pb2.RunSummary) for o in outcomes), outcomes
        assert {o.status for o in outcomes} == {RS.RUN_STATUS_CANCELLED}  # type: ignore[union-attr]
        assert all("shutting down" in o.error for o in outcomes)  # type: ignore[union-attr]
        rows = await _runs(stack, "held")
        assert len(rows) == 2 and {row.status for row in rows} == {RS.RUN_STATUS_CANCELLED}, rows


async def test_a_finish_that_does_not_cover_the_recorded_path_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The kill -9 case: 2 of 4 blocks recorded, then a late FinishRun(COMPLETED): refused, nothing published."""
    blocks = [{"label": f"step_{i}", "type": "wait", "wait_seconds": 0.01} for i in range(4)]
    workflow = workflow_from_mapping({"workflow_id": "four", "blocks": blocks})
    async with _stack(tmp_path_factory.mktemp("finish")) as stack:
        async with grpc.aio.insecure_channel(stack.address("cache")) as channel:
            stub = cache_service_pb2_grpc.CacheServiceStub(channel)
            meta = outgoing_metadata(ORG)
            stored = await stub.PutWorkflow(cache_pb.PutWorkflowRequest(workflow=workflow), metadata=meta)
            started = await stub.StartRun(
                cache_pb.StartRunRequest(workflow_id="four", workflow_version=stored.version), metadata=meta
            )
            run_meta = outgoing_metadata(ORG, started.run_id)
            for sequence in range(2):
                block = run_pb2.BlockRun(
                    label=f"step_{sequence}", type=workflow.blocks[sequence].type, mode=RS.BLOCK_MODE_LIVE,
                    status=RS.BLOCK_STATUS_COMPLETED, sequence=sequence,
                )
                await stub.RecordBlockRun(
                    cache_pb.RecordBlockRunRequest(run_id=started.run_id, block_run=block), metadata=run_meta
                )
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.FinishRun(
                    cache_pb.FinishRunRequest(run_id=started.run_id, status=RS.RUN_STATUS_COMPLETED), metadata=run_meta
                )
            assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
            assert "'step_2' was never recorded" in (refused.value.details() or "")
            run = await stub.GetRun(cache_pb.GetRunRequest(run_id=started.run_id), metadata=meta)
            assert run.summary.status == RS.RUN_STATUS_RUNNING and run.summary.published_version == 0
