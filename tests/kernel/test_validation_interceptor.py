"""protovalidate rules declared in the protos are enforced before a servicer runs, and the violations reach a real
client as a readable message and as standard google.rpc.BadRequest details (grpcio-status)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import cache_service_pb2_grpc, executor_service_pb2_grpc, run_pb2
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.server import ServiceServer, start_server
from services.settings import SecuritySettings


class _Cache(cache_service_pb2_grpc.CacheServiceServicer):
    """Answers GetRun and StartRun; records what reached it, so a test can tell validation stopped a call."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def GetRun(self, request: pb.GetRunRequest, context: object) -> pb.GetRunResponse:  # noqa: N802
        self.seen.append(request.run_id)
        return pb.GetRunResponse(summary=run_pb2.RunSummary(run_id=request.run_id))

    async def StartRun(self, request: pb.StartRunRequest, context: object) -> pb.StartRunResponse:  # noqa: N802
        self.seen.append(request.workflow_id)
        return pb.StartRunResponse(run_id="r1")


class _Executor(executor_service_pb2_grpc.ExecutorServiceServicer):
    async def RunWorkflow(  # noqa: N802
        self, request: ex_pb.RunWorkflowRequest, context: object
    ) -> AsyncIterator[ex_pb.RunWorkflowResponse]:
        yield ex_pb.RunWorkflowResponse(run_started=ex_pb.RunStarted(run_id="r1", workflow_id=request.workflow_id))


@pytest.fixture
async def server() -> AsyncIterator[tuple[ServiceServer, _Cache]]:
    cache = _Cache()

    def register(s: grpc.aio.Server) -> None:
        cache_service_pb2_grpc.add_CacheServiceServicer_to_server(cache, s)
        executor_service_pb2_grpc.add_ExecutorServiceServicer_to_server(_Executor(), s)

    running = await start_server(
        service_names=["rote.v1.CacheService", "rote.v1.ExecutorService"],
        register=register,
        security=SecuritySettings.from_env(),
    )
    try:
        yield running, cache
    finally:
        await running.stop(0)


async def _rich_status(call: grpc.aio.Call) -> status_pb2.Status:
    status = await rpc_status.aio.from_call(call)
    assert status is not None, "the error carries no google.rpc.Status"
    return status


def _field_violations(status: status_pb2.Status) -> list[error_details_pb2.BadRequest.FieldViolation]:
    violations = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            violations.extend(bad_request.field_violations)
    return violations


async def test_a_pattern_violation_reaches_the_client_as_bad_request_details(
    server: tuple[ServiceServer, _Cache],
) -> None:
    running, cache = server
    async with grpc.aio.insecure_channel(running.address) as channel:
        call = cache_service_pb2_grpc.CacheServiceStub(channel).GetRun(pb.GetRunRequest(run_id="../etc/passwd"))
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await call
        status = await _rich_status(call)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (info.value.details() or "").startswith("GetRunRequest.run_id: ")
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    [violation] = _field_violations(status)
    assert (violation.field, violation.reason) == ("run_id", "string.pattern")
    assert "^[A-Za-z0-9_-]+$" in violation.description
    assert cache.seen == [], "the servicer ran although the request broke its rules"


async def test_a_missing_required_field_is_named(server: tuple[ServiceServer, _Cache]) -> None:
    running, _ = server
    async with grpc.aio.insecure_channel(running.address) as channel:
        call = cache_service_pb2_grpc.CacheServiceStub(channel).GetRun(pb.GetRunRequest())
        with pytest.raises(grpc.aio.AioRpcError):
            await call
        [violation] = _field_violations(await _rich_status(call))
    assert (violation.field, violation.reason) == ("run_id", "required")


async def test_a_valid_request_reaches_the_servicer(server: tuple[ServiceServer, _Cache]) -> None:
    running, cache = server
    async with grpc.aio.insecure_channel(running.address) as channel:
        response = await cache_service_pb2_grpc.CacheServiceStub(channel).GetRun(pb.GetRunRequest(run_id="run-1"))
    assert response.summary.run_id == "run-1"
    assert cache.seen == ["run-1"]


async def test_a_streaming_call_is_validated_and_its_violations_named(server: tuple[ServiceServer, _Cache]) -> None:
    running, _ = server
    async with grpc.aio.insecure_channel(running.address) as channel:
        stub = executor_service_pb2_grpc.ExecutorServiceStub(channel)
        call = stub.RunWorkflow(ex_pb.RunWorkflowRequest(workflow_id="w", timeout_seconds=99999, run_with=99))  # type: ignore[arg-type]
        with pytest.raises(grpc.aio.AioRpcError) as info:
            async for _ in call:
                pass
        violations = _field_violations(await _rich_status(call))
        events = [event async for event in stub.RunWorkflow(ex_pb.RunWorkflowRequest(workflow_id="w"))]
    assert {(v.field, v.reason) for v in violations} == {
        ("run_with", "enum.defined_only"),
        ("timeout_seconds", "int32.gte_lte"),
    }
    details = info.value.details() or ""
    assert "RunWorkflowRequest.run_with: " in details and "got 99" in details
    assert "RunWorkflowRequest.timeout_seconds: " in details and "got 99999" in details
    assert [event.run_started.workflow_id for event in events] == ["w"]


async def test_a_huge_map_key_is_cut_and_never_echoed(server: tuple[ServiceServer, _Cache]) -> None:
    running, cache = server
    key = "k" * 70_000
    async with grpc.aio.insecure_channel(running.address) as channel:
        call = cache_service_pb2_grpc.CacheServiceStub(channel).StartRun(
            pb.StartRunRequest(workflow_id="w", parameters={key: "secret-value"})
        )
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await call
        [violation] = _field_violations(await _rich_status(call))
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT, info.value.details()
    assert violation.reason == "string.max_len"
    assert violation.field.startswith("parameters['kkkk") and len(violation.field) < 80
    assert "secret-value" not in (info.value.details() or "") and len(info.value.details() or "") < 300
    assert cache.seen == []
