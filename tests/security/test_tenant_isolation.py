"""Tenant isolation over gRPC: organisation globex cannot list, read, diff, pin, roll back or run anything
of organisation acme's; every attempt is NOT_FOUND (never a hint that the record exists)."""

from __future__ import annotations

import grpc
import pytest

from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, executor_service_pb2_grpc, run_pb2
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from tests.security.conftest import ACME_KEY, GLOBEX_KEY, SERVICE_KEY, DemoRuns, SecuredStack, key_metadata

pytestmark = pytest.mark.browser
WORKFLOW_ID = "demo_quote"
# Globex with its own key, and the service identity acting for globex: neither may reach acme's records.
OUTSIDERS = {"globex key": key_metadata(GLOBEX_KEY), "service key for globex": key_metadata(SERVICE_KEY, "globex")}


@pytest.fixture(scope="module")
async def acme(secured: SecuredStack, acme_demo_runs: DemoRuns) -> dict[str, str]:
    first = acme_demo_runs.first.summary
    assert first.status == run_pb2.RUN_STATUS_COMPLETED, first.error
    assert first.script_id and first.published_version == 1
    return {"run_id": first.run_id, "script_id": first.script_id}


def _calls(ids: dict[str, str]) -> dict[str, tuple[str, object]]:
    run_id, script_id = ids["run_id"], ids["script_id"]
    return {
        "GetWorkflow": ("GetWorkflow", pb.GetWorkflowRequest(workflow_id=WORKFLOW_ID)),
        "GetRun": ("GetRun", pb.GetRunRequest(run_id=run_id)),
        "ListScriptVersions": ("ListScriptVersions", pb.ListScriptVersionsRequest(script_id=script_id)),
        "GetScriptVersion": ("GetScriptVersion", pb.GetScriptVersionRequest(script_id=script_id, version=1)),
        "DiffScriptVersions": (
            "DiffScriptVersions",
            pb.DiffScriptVersionsRequest(script_id=script_id, from_version=1, to_version=1),
        ),
        "PinScriptVersion": ("PinScriptVersion", pb.PinScriptVersionRequest(script_id=script_id, version=1)),
        "UnpinScriptVersion": ("UnpinScriptVersion", pb.UnpinScriptVersionRequest(script_id=script_id)),
        "RollbackScript": ("RollbackScript", pb.RollbackScriptRequest(script_id=script_id, to_version=1)),
        "GetCoverage": ("GetCoverage", pb.GetCoverageRequest(workflow_id=WORKFLOW_ID)),
        "ResolveScript": ("ResolveScript", pb.ResolveScriptRequest(workflow_id=WORKFLOW_ID)),
        "StartRun": ("StartRun", pb.StartRunRequest(workflow_id=WORKFLOW_ID, run_with=run_pb2.RUN_WITH_CODE)),
        "RecordBlockRun": (
            "RecordBlockRun",
            pb.RecordBlockRunRequest(run_id=run_id, block_run=run_pb2.BlockRun(label="login")),
        ),
        "FinishRun": ("FinishRun", pb.FinishRunRequest(run_id=run_id, status=run_pb2.RUN_STATUS_FAILED)),
    }


CALL_NAMES = list(_calls({"run_id": "r", "script_id": "s"}))
RUN_RECORD_CALLS = {"StartRun", "RecordBlockRun", "FinishRun"}


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
@pytest.mark.parametrize("name", CALL_NAMES)
async def test_another_organisation_gets_not_found(secured: SecuredStack, acme, outsider: str, name: str) -> None:
    method, request = _calls(acme)[name]
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await getattr(stub, method)(request, metadata=OUTSIDERS[outsider])
    # Run records are the executor's to write (issue 16): a tenant key is refused before any lookup.
    expected = (
        grpc.StatusCode.PERMISSION_DENIED
        if name in RUN_RECORD_CALLS and outsider == "globex key"
        else grpc.StatusCode.NOT_FOUND
    )
    assert info.value.code() == expected, info.value.details()


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_another_organisation_lists_none_of_its_records(secured: SecuredStack, acme, outsider: str) -> None:
    metadata = OUTSIDERS[outsider]
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        listed: list[str] = []
        for method, request in (
            ("ListWorkflows", pb.ListWorkflowsRequest()),
            ("ListRuns", pb.ListRunsRequest(workflow_id=WORKFLOW_ID)),
            ("ListRuns", pb.ListRunsRequest()),
            ("ListScripts", pb.ListScriptsRequest(workflow_id=WORKFLOW_ID)),
            ("ListScripts", pb.ListScriptsRequest()),
        ):
            try:
                listed.append(str(await getattr(stub, method)(request, metadata=metadata)))
            except grpc.aio.AioRpcError as exc:
                assert exc.code() == grpc.StatusCode.NOT_FOUND, f"{method}: {exc.code()} {exc.details()}"
    seen = "\n".join(listed)
    assert acme["run_id"] not in seen and acme["script_id"] not in seen and WORKFLOW_ID not in seen


async def _run_by_id(address: str, workflow_id: str, metadata: tuple[tuple[str, str], ...]) -> grpc.aio.AioRpcError:
    async with grpc.aio.insecure_channel(address) as channel:
        stub = executor_service_pb2_grpc.ExecutorServiceStub(channel)
        request = ex_pb.RunWorkflowRequest(workflow_id=workflow_id, run_with=run_pb2.RUN_WITH_CODE)
        with pytest.raises(grpc.aio.AioRpcError) as info:
            async for _ in stub.RunWorkflow(request, metadata=metadata):
                pass
    return info.value


async def test_another_organisation_cannot_run_the_workflow_by_id(secured: SecuredStack, acme) -> None:
    """Refused exactly as a workflow that exists nowhere is: the answer gives no hint that acme has one."""
    address = secured.stack.executor.address
    refused = await _run_by_id(address, WORKFLOW_ID, key_metadata(GLOBEX_KEY))
    nowhere = await _run_by_id(address, "no_such_workflow", key_metadata(GLOBEX_KEY))
    # TODO(lead): the executor answers INVALID_ARGUMENT ("unknown workflow ...: store it first"); NOT_FOUND
    # would match the cache service. Either way the two answers must be the same.
    assert refused.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT), refused.details()
    assert refused.code() == nowhere.code()
    assert (refused.details() or "").replace(WORKFLOW_ID, "?") == (nowhere.details() or "").replace(
        "no_such_workflow", "?"
    )


async def test_the_owner_still_sees_its_records_unchanged(secured: SecuredStack, acme) -> None:
    """After every outsider attempt (pin, rollback, finish), acme's script and run are as they were."""
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        metadata = key_metadata(ACME_KEY)
        versions = await stub.ListScriptVersions(
            pb.ListScriptVersionsRequest(script_id=acme["script_id"]), metadata=metadata
        )
        assert versions.script.pinned_version == 0
        run = await stub.GetRun(pb.GetRunRequest(run_id=acme["run_id"]), metadata=metadata)
        assert run.summary.status == run_pb2.RUN_STATUS_COMPLETED
