"""What a run asks of the cache service: the definition goes with StartRun and the last block record with FinishRun,
so a run costs one call to start and one to end (issue 18); every block still reaches the cache, in order."""

from __future__ import annotations

import grpc
import pytest

from examples.demo_site import DemoSite
from services.call_context import outgoing_metadata
from services.client import ExecutorClient
from services.gen.rote.v1 import cache_service_pb2, cache_service_pb2_grpc, run_pb2
from services.metrics import RPC_REQUESTS
from tests.executor.workflows import demo, demo_params
from tests.support.services import RunningStack

pytestmark = pytest.mark.browser
METHODS = ("PutWorkflow", "StartRun", "RecordBlockRun", "FinishRun")


def served() -> dict[str, float]:
    """Cache calls answered OK so far in this process, by method."""
    return {m: RPC_REQUESTS.labels(f"/rote.v1.CacheService/{m}", "OK")._value.get() for m in METHODS}


async def test_a_run_starts_with_one_call_and_ends_with_one(
    client: ExecutorClient, executor_stack: RunningStack, site: DemoSite
) -> None:
    workflow = demo("cache_calls")
    blocks = len(workflow.blocks)
    for run_with, name in (("agent", "demo_first"), ("code", "demo_second")):
        before = served()
        result = await client.run(workflow, parameters=demo_params(name, site.url), run_with=run_with)
        summary = result.summary
        assert summary.status == run_pb2.RUN_STATUS_COMPLETED and summary.recorded, summary.error
        calls = {m: served()[m] - before[m] for m in METHODS}
        # The definition was stored by StartRun; all but the last record went on their own, the last with FinishRun.
        assert calls == {"PutWorkflow": 0, "StartRun": 1, "RecordBlockRun": blocks - 1, "FinishRun": 1}, calls
        async with grpc.aio.insecure_channel(executor_stack.cache.address) as channel:
            stub = cache_service_pb2_grpc.CacheServiceStub(channel)
            stored = await stub.GetRun(cache_service_pb2.GetRunRequest(run_id=summary.run_id),
                                       metadata=outgoing_metadata("default"))
        assert [(b.label, b.sequence) for b in stored.block_runs] == [
            (block.label, sequence) for sequence, block in enumerate(workflow.blocks)
        ]
        assert stored.summary.status == run_pb2.RUN_STATUS_COMPLETED
        if run_with == "agent":
            assert summary.published_version == 1, "the last block, recorded inside FinishRun, was generated too"
        else:
            assert summary.agent_steps == 0 and summary.published_version == 0
