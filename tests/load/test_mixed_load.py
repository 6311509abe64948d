"""A sustained mixed RPC load on the cache service (PostgreSQL, over gRPC): StartRun, RecordBlockRun, FinishRun,
ResolveScript, GetRun, ListRuns with zero errors, latency recorded (p50/p99, calls/s).

The 60-second soak is marked ``soak`` (deselected by default; ``make soak`` runs it); the same load for 10 seconds
runs in the default suite. ROTE_SOAK_SECONDS changes the soak's length.
"""

from __future__ import annotations

import os
import uuid

import grpc
import pytest

from services.gen.rote.v1 import cache_service_pb2_grpc
from tests.load.checks import check_versions
from tests.load.mixed import BLOCKS, mixed_load
from tests.load.recorder import report
from tests.load.stack import LoadStack

pytestmark = pytest.mark.postgres
WORKERS = 16
WORKFLOWS = 5
LABELS = [f"step_{i}" for i in range(BLOCKS)]


async def _sustained(load_stack: LoadStack, config: pytest.Config, seconds: float) -> None:
    org = f"mixed-{uuid.uuid4().hex[:8]}"
    rec = await mixed_load(load_stack.cache_address, org, seconds=seconds, workers=WORKERS, workflows=WORKFLOWS)
    report(config, rec.table(f"mixed load, {WORKERS} workers, {WORKFLOWS} workflows, {seconds:g}s (PostgreSQL)"))
    assert rec.errors == [], rec.errors[:10]
    runs = len(rec.latencies_ms["FinishRun"])
    assert runs >= 2 * WORKFLOWS, f"only {runs} runs finished in {seconds:g}s"
    async with grpc.aio.insecure_channel(load_stack.cache_address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        for workflow_id in rec.workflow_ids:
            await check_versions(stub, org, workflow_id, LABELS)


async def test_ten_seconds_of_mixed_load_without_an_error(
    load_stack: LoadStack, request: pytest.FixtureRequest
) -> None:
    await _sustained(load_stack, request.config, 10.0)


@pytest.mark.soak
@pytest.mark.timeout(600)
async def test_soak_sixty_seconds_of_mixed_load_without_an_error(
    load_stack: LoadStack, request: pytest.FixtureRequest
) -> None:
    await _sustained(load_stack, request.config, float(os.environ.get("ROTE_SOAK_SECONDS", "60")))
