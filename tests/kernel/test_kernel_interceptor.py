"""The kernel interceptor (its four jobs in one coroutine per call) answers every call as the four interceptors
chained did: same status, message, error details, principal and access metrics, for single and streamed responses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from prometheus_client import REGISTRY

from services.call_context import API_KEY_HEADER, ORG_HEADER
from services.errors import NotFound
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.interceptors import (
    AuthInterceptor,
    ErrorMappingInterceptor,
    KernelInterceptor,
    ObservabilityInterceptor,
    ValidationInterceptor,
)
from services.security.auth import ApiKeyTable, current_principal

SERVICE = "rote.v1.CacheService"
SERVICE_KEY = "service-key-0123456789"
TENANT_KEY = "tenant-key-0123456789"
KEYS = f"{SERVICE_KEY}=@service,{TENANT_KEY}=acme"


async def _resolve(request: pb.ResolveScriptRequest, context: grpc.aio.ServicerContext) -> pb.ResolveScriptResponse:
    """What the handler does is named by the workflow id; the response says who the call was from."""
    if request.workflow_id == "missing":
        raise NotFound("workflow 'missing' not found")
    if request.workflow_id == "boom":
        raise RuntimeError("a secret internal detail")
    if request.workflow_id == "aborted":
        await context.abort(grpc.StatusCode.FAILED_PRECONDITION, "aborted by the handler")
    principal = current_principal()
    who = f"{principal.org}/{principal.is_service}" if principal else "nobody"
    return pb.ResolveScriptResponse(resolution={"script_id": who})


async def _read(
    request: pb.ReadRunArtifactRequest, context: grpc.aio.ServicerContext
) -> AsyncIterator[pb.ReadRunArtifactResponse]:
    yield pb.ReadRunArtifactResponse(chunk=b"first")
    if request.key.endswith("/boom"):
        raise RuntimeError("a secret internal detail")
    if request.key.endswith("/missing"):
        raise NotFound("artifact 'missing' not found")
    yield pb.ReadRunArtifactResponse(chunk=b"second")


def _handlers() -> grpc.GenericRpcHandler:
    return grpc.method_handlers_generic_handler(SERVICE, {
        "ResolveScript": grpc.unary_unary_rpc_method_handler(
            _resolve, request_deserializer=pb.ResolveScriptRequest.FromString,
            response_serializer=pb.ResolveScriptResponse.SerializeToString,
        ),
        "ReadRunArtifact": grpc.unary_stream_rpc_method_handler(
            _read, request_deserializer=pb.ReadRunArtifactRequest.FromString,
            response_serializer=pb.ReadRunArtifactResponse.SerializeToString,
        ),
    })


def _chained(keys: ApiKeyTable) -> list[grpc.aio.ServerInterceptor]:
    return [ObservabilityInterceptor(), ErrorMappingInterceptor(), AuthInterceptor(keys), ValidationInterceptor()]


async def _serve(interceptors: list[grpc.aio.ServerInterceptor]) -> tuple[grpc.aio.Server, str]:
    server = grpc.aio.server(interceptors=interceptors)
    server.add_generic_rpc_handlers((_handlers(),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    return server, f"127.0.0.1:{port}"


def _requests_total(method: str, code: str) -> float:
    labels = {"method": f"/{SERVICE}/{method}", "code": code}
    return REGISTRY.get_sample_value("rote_rpc_requests_total", labels) or 0.0


def _serialized(request: Any) -> bytes:
    return request if isinstance(request, bytes) else request.SerializeToString()  # type: ignore[no-any-return]


async def _outcome(address: str, method: str, request: Any, metadata: tuple[tuple[str, str], ...]) -> Any:
    """What a client sees of one call: responses, or status, message and the error details trailer."""
    async with grpc.aio.insecure_channel(address) as channel:
        if method == "ReadRunArtifact":
            call: Any = channel.unary_stream(
                f"/{SERVICE}/{method}", request_serializer=pb.ReadRunArtifactRequest.SerializeToString,
                response_deserializer=pb.ReadRunArtifactResponse.FromString,
            )(request, metadata=metadata)
            seen: list[Any] = []
            try:
                async for response in call:
                    seen.append(response.chunk)
            except grpc.aio.AioRpcError as exc:
                return seen, exc.code(), exc.details(), dict(exc.trailing_metadata() or ())
            return seen, grpc.StatusCode.OK
        try:
            response = await channel.unary_unary(
                f"/{SERVICE}/{method}", request_serializer=_serialized,
                response_deserializer=pb.ResolveScriptResponse.FromString,
            )(request, metadata=metadata)
        except grpc.aio.AioRpcError as exc:
            return exc.code(), exc.details(), dict(exc.trailing_metadata() or ())
        return grpc.StatusCode.OK, response.resolution.script_id


_CALLS = [
    ("ResolveScript", pb.ResolveScriptRequest(workflow_id="w1")),
    ("ResolveScript", pb.ResolveScriptRequest(workflow_id="missing")),
    ("ResolveScript", pb.ResolveScriptRequest(workflow_id="boom")),
    ("ResolveScript", pb.ResolveScriptRequest(workflow_id="aborted")),
    ("ResolveScript", pb.ResolveScriptRequest(workflow_id="not valid!")),  # breaks the id pattern
    ("ResolveScript", pb.ResolveScriptRequest()),  # the required id is missing
    ("ResolveScript", b"\xff\xff\xff"),  # not a message at all
    ("ReadRunArtifact", pb.ReadRunArtifactRequest(run_id="r1", key="acme/runs/r1/r.png")),
    ("ReadRunArtifact", pb.ReadRunArtifactRequest(run_id="r1", key="acme/runs/r1/boom")),
    ("ReadRunArtifact", pb.ReadRunArtifactRequest(run_id="r1", key="acme/runs/r1/missing")),
    ("ReadRunArtifact", pb.ReadRunArtifactRequest(run_id="bad id", key="acme/runs/r1/r.png")),
]
_CALLERS = [
    (),  # no key
    ((API_KEY_HEADER, SERVICE_KEY), (ORG_HEADER, "acme")),
    ((API_KEY_HEADER, TENANT_KEY),),
    ((API_KEY_HEADER, TENANT_KEY), (ORG_HEADER, "other")),  # a tenant acting for another organisation
    ((API_KEY_HEADER, "wrong-key-0123456789"),),
    ((API_KEY_HEADER, SERVICE_KEY), (ORG_HEADER, "Not Valid")),
]


@pytest.mark.parametrize("api_keys", ["", KEYS], ids=["auth off", "auth on"])
async def test_kernel_answers_as_the_chained_interceptors(api_keys: str) -> None:
    keys = ApiKeyTable.parse(api_keys)
    kernel, kernel_address = await _serve([KernelInterceptor(keys)])
    chained, chained_address = await _serve(_chained(keys))
    try:
        for method, request in _CALLS:
            for metadata in _CALLERS:
                outcomes = []
                for address in (kernel_address, chained_address):
                    ok_before = _requests_total(method, "OK")
                    outcome = await _outcome(address, method, request, metadata)
                    # The access metrics count the call once, under its final status.
                    code = outcome[1] if method == "ReadRunArtifact" else outcome[0]
                    if code == grpc.StatusCode.OK:
                        assert _requests_total(method, "OK") == ok_before + 1
                    outcomes.append(outcome)
                assert outcomes[0] == outcomes[1], (method, request, metadata)
    finally:
        await kernel.stop(0)
        await chained.stop(0)


async def test_kernel_refuses_and_maps_like_the_chain() -> None:
    """The cases above are not all answered OK: the comparison covers refusals and mapped errors."""
    keys = ApiKeyTable.parse(KEYS)
    kernel, address = await _serve([KernelInterceptor(keys)])
    try:
        service = ((API_KEY_HEADER, SERVICE_KEY), (ORG_HEADER, "acme"))
        ok = await _outcome(address, "ResolveScript", pb.ResolveScriptRequest(workflow_id="w1"), service)
        assert ok == (grpc.StatusCode.OK, "acme/True")
        assert (await _outcome(address, "ResolveScript", pb.ResolveScriptRequest(workflow_id="w1"), ()))[0] == (
            grpc.StatusCode.UNAUTHENTICATED
        )
        invalid = await _outcome(address, "ResolveScript", pb.ResolveScriptRequest(workflow_id="not valid!"), service)
        assert invalid[0] == grpc.StatusCode.INVALID_ARGUMENT and "workflow_id" in invalid[1]
        assert "grpc-status-details-bin" in invalid[2]
        boom = await _outcome(address, "ResolveScript", pb.ResolveScriptRequest(workflow_id="boom"), service)
        internal = f"internal error in /{SERVICE}/ResolveScript; see the service log"
        assert boom[:2] == (grpc.StatusCode.INTERNAL, internal)
        missing = pb.ReadRunArtifactRequest(run_id="r1", key="acme/runs/r1/missing")
        streamed = await _outcome(address, "ReadRunArtifact", missing, service)
        assert streamed[:3] == ([b"first"], grpc.StatusCode.NOT_FOUND, "artifact 'missing' not found")
    finally:
        await kernel.stop(0)
