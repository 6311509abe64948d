"""The real codegen server on port 0: health, GenerateScript over grpc.aio, statuses on the wire."""

from __future__ import annotations

import asyncio
import dataclasses
import pathlib
from collections.abc import AsyncIterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from codegen_service.bootstrap import CodegenSettings, start_codegen_service
from services.call_context import ORG_HEADER
from services.gen.rote.v1 import codegen_service_pb2_grpc
from services.server import ServiceServer
from services.settings import StorageSettings
from tests.codegen.conftest import demo_request
from tests.support.s3_server import free_port, s3_settings


def _settings(storage: StorageSettings) -> CodegenSettings:
    return dataclasses.replace(CodegenSettings.from_env(), storage=storage, storage_retry_seconds=0.1)


@pytest.fixture
async def server(tmp_path: pathlib.Path) -> AsyncIterator[ServiceServer]:
    storage = dataclasses.replace(StorageSettings.from_env(), backend="local", local_root=str(tmp_path / "objects"))
    running = await start_codegen_service(_settings(storage))
    yield running
    await running.stop(0.5)


async def _health(address: str) -> int:
    async with grpc.aio.insecure_channel(address) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="rote.v1.CodegenService")
        )
        return reply.status


async def test_generate_script_over_grpc(server: ServiceServer, tmp_path: pathlib.Path) -> None:
    assert await _health(server.address) == health_pb2.HealthCheckResponse.SERVING
    async with grpc.aio.insecure_channel(server.address) as channel:
        stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
        reply = await stub.GenerateScript(demo_request(), metadata=((ORG_HEADER, "acme"),))
    assert reply.files[0].storage_key == "acme/scripts/demo-script/1/module.py"
    assert (tmp_path / "objects" / reply.files[0].storage_key).is_file()
    assert [b.run_signature for b in reply.blocks] == [
        "await login(page, ctx)", "await fill_quote(page, ctx)", "await extract_quote(page, ctx)"
    ]


async def test_a_malformed_request_is_invalid_argument_on_the_wire(server: ServiceServer) -> None:
    request = demo_request()
    request.traces[1].label = "no_such_block"
    async with grpc.aio.insecure_channel(server.address) as channel:
        stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.GenerateScript(request)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "no_such_block" in (raised.value.details() or "")


async def test_an_invalid_organisation_is_invalid_argument(server: ServiceServer) -> None:
    async with grpc.aio.insecure_channel(server.address) as channel:
        stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.GenerateScript(demo_request(), metadata=((ORG_HEADER, "../x"),))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_storage_down_keeps_the_server_not_serving_and_calls_unavailable() -> None:
    running = await start_codegen_service(_settings(s3_settings(f"127.0.0.1:{free_port()}")))
    try:
        await asyncio.sleep(0.2)
        assert await _health(running.address) == health_pb2.HealthCheckResponse.NOT_SERVING
        async with grpc.aio.insecure_channel(running.address) as channel:
            stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await stub.GenerateScript(demo_request())
        assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        await running.stop(0.5)


async def test_start_creates_a_missing_bucket_then_serves(s3_server: StorageSettings) -> None:
    # The bucket does not exist yet: start_codegen_service creates it before reporting SERVING.
    running = await start_codegen_service(_settings(dataclasses.replace(s3_server, s3_bucket="appears-later")))
    try:
        assert await _health(running.address) == health_pb2.HealthCheckResponse.SERVING
    finally:
        await running.stop(0.5)
