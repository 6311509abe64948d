"""The shared server bootstrap: health reports NOT_SERVING until ready, and domain errors keep their status."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.errors import InvalidArgument
from services.server import start_server
from services.settings import SecuritySettings


class _Boom(health_pb2_grpc.HealthServicer):
    async def Check(self, request, context):  # noqa: N802 - gRPC method name
        if request.service == "bad":
            raise InvalidArgument("service name 'bad' is not allowed")
        raise ValueError("secret internals")


async def _status(address: str) -> int:
    async with grpc.aio.insecure_channel(address) as channel:
        response = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
        return response.status


async def test_health_is_not_serving_until_dependencies_are_ready() -> None:
    server = await start_server(
        service_names=["rote.v1.Demo"], register=lambda s: None, security=SecuritySettings.from_env()
    )
    try:
        assert await _status(server.address) == health_pb2.HealthCheckResponse.NOT_SERVING
        await server.set_serving()
        assert await _status(server.address) == health_pb2.HealthCheckResponse.SERVING
    finally:
        await server.stop(0)


async def test_interceptor_maps_domain_errors_and_hides_internals() -> None:
    def register(s: grpc.aio.Server) -> None:
        s.add_generic_rpc_handlers(
            (
                grpc.method_handlers_generic_handler(
                    "test.Boom",
                    {
                        "Check": grpc.unary_unary_rpc_method_handler(
                            _Boom().Check,
                            request_deserializer=health_pb2.HealthCheckRequest.FromString,
                            response_serializer=health_pb2.HealthCheckResponse.SerializeToString,
                        )
                    },
                ),
            )
        )

    server = await start_server(service_names=["test.Boom"], register=register, security=SecuritySettings.from_env())
    try:
        async with grpc.aio.insecure_channel(server.address) as channel:
            call = channel.unary_unary(
                "/test.Boom/Check",
                request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
                response_deserializer=health_pb2.HealthCheckResponse.FromString,
            )
            with pytest.raises(grpc.aio.AioRpcError) as bad:
                await call(health_pb2.HealthCheckRequest(service="bad"))
            assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert "not allowed" in bad.value.details()
            with pytest.raises(grpc.aio.AioRpcError) as internal:
                await call(health_pb2.HealthCheckRequest(service="x"))
            assert internal.value.code() == grpc.StatusCode.INTERNAL
            assert "secret internals" not in internal.value.details()
    finally:
        await server.stop(0)
