"""Object storage down while a version is published (DESIGN §9): the run completes, nothing is published, the
decision is kept, and an explicit retry or the next run publishes it, exactly once.

Codegen writes to a real S3 server (moto) through a link the test cuts; the executor and the cache read the
same bucket directly, so a cached run later proves the published code is really there.
"""

from __future__ import annotations

import asyncio
import pathlib
from collections.abc import Iterator

import pytest

from examples.demo_site import DemoSite
from services.call_context import outgoing_metadata
from services.client import ExecutorClient
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import run_pb2
from services.settings import StorageSettings
from tests.executor.workflows import demo, demo_params
from tests.faults.harness import ORG, CuttableLink, cache_stub, fault_stack, get_run, version_numbers
from tests.support.s3_server import running_s3_server, s3_settings

pytestmark = pytest.mark.browser
COMPLETED = run_pb2.RUN_STATUS_COMPLETED


@pytest.fixture(scope="module")
def s3() -> Iterator[StorageSettings]:
    with running_s3_server() as settings:
        yield settings


async def _finish_again(stub, run_id: str) -> pb.FinishRunResponse:  # noqa: ANN001
    """The explicit retry: FinishRun once more for a run that already finished."""
    return await stub.FinishRun(
        pb.FinishRunRequest(run_id=run_id, status=COMPLETED), metadata=outgoing_metadata(ORG, run_id), timeout=60
    )


async def _linked(s3: StorageSettings) -> tuple[CuttableLink, StorageSettings]:
    host, port = s3.s3_endpoint.split(":")
    link = CuttableLink(host, int(port))
    await link.restore()
    return link, s3_settings(link.address, s3.s3_bucket)


async def test_storage_down_at_publish_defers_and_an_explicit_retry_publishes_once(
    s3: StorageSettings, site: DemoSite, tmp_path: pathlib.Path
) -> None:
    link, through_link = await _linked(s3)
    database = f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}"
    async with fault_stack(s3, database, codegen_storage=through_link, cache={"lease_sweep_s": 0}) as stack:
        await link.cut()
        async with ExecutorClient(stack.executor_address) as client:
            first = (await client.run(
                demo("storage_down"), parameters=demo_params("demo_first", site.url), run_with="agent"
            )).summary
            assert first.status == COMPLETED and first.recorded, first.error
            assert first.published_version == 0, "nothing is published while object storage is down"
            async with cache_stub(stack.cache_address) as stub:
                assert (await get_run(stub, first.run_id)).summary.status == COMPLETED
                assert await version_numbers(stub, "storage_down") == []
                # The decision is kept: retrying while storage is still down defers again, publishes nothing.
                still_down = await _finish_again(stub, first.run_id)
                assert still_down.decision.regenerate and still_down.published_version == 0
                assert any(r.startswith("publish deferred") for r in still_down.decision.reasons)
                assert await version_numbers(stub, "storage_down") == []

                await link.restore()
                # Three retries at once (a client retrying, say): exactly one version is published.
                retries = await asyncio.gather(*(_finish_again(stub, first.run_id) for _ in range(3)))
                assert {r.published_version for r in retries} == {1}
                assert "publish retried after it was deferred" in retries[0].decision.reasons
                assert await version_numbers(stub, "storage_down") == [1]
                assert (await _finish_again(stub, first.run_id)).published_version == 1, "retries stay answered"

            # The published code is really in the bucket: a code run makes no agent step.
            second = (await client.run(
                demo("storage_down"), parameters=demo_params("demo_second", site.url), run_with="code"
            )).summary
            assert second.status == COMPLETED and second.agent_steps == 0, second.error
            assert second.script_version == 1
    await link.cut()


async def test_storage_down_then_the_next_run_publishes_and_the_deferred_run_is_settled(
    s3: StorageSettings, site: DemoSite, tmp_path: pathlib.Path
) -> None:
    link, through_link = await _linked(s3)
    database = f"sqlite+aiosqlite:///{tmp_path / 'rote.db'}"
    async with fault_stack(s3, database, codegen_storage=through_link, cache={"lease_sweep_s": 0}) as stack:
        params = demo_params("demo_first", site.url)
        async with ExecutorClient(stack.executor_address) as client, cache_stub(stack.cache_address) as stub:
            await link.cut()
            deferred = (await client.run(demo("storage_next"), parameters=params, run_with="agent")).summary
            assert deferred.status == COMPLETED and deferred.published_version == 0, deferred.error
            await link.restore()
            later = (await client.run(demo("storage_next"), parameters=params, run_with="agent")).summary
            assert later.status == COMPLETED and later.published_version == 1, later.error
            # The next finisher of the same script retries the deferred publish in the background: it finds the
            # blocks already published and settles without a second version.
            for _ in range(100):
                settled = await _finish_again(stub, deferred.run_id)
                if not settled.decision.regenerate or settled.published_version:
                    break
                await asyncio.sleep(0.1)
            assert settled.published_version == 0
            assert "another run published these blocks first" in settled.decision.reasons
            assert await version_numbers(stub, "storage_next") == [1]
    await link.cut()
