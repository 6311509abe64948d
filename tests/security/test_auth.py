"""API keys: every RPC but health and reflection needs one; a key decides the organisation a call acts for."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from services.errors import Unauthenticated
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import (
    cache_service_pb2_grpc,
    codegen_service_pb2,
    codegen_service_pb2_grpc,
    executor_service_pb2_grpc,
    run_pb2,
)
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.security.auth import ApiKeyTable, Authenticator, PermissionDenied, Principal
from services.workflows import workflow_from_mapping
from tests.security.conftest import (
    ACME_KEY,
    API_KEYS,
    GLOBEX_KEY,
    SERVICE_KEY,
    SecuredStack,
    expect_status,
    key_metadata,
)

WAIT_WORKFLOW = workflow_from_mapping(
    {"workflow_id": "auth_wait", "blocks": [{"label": "pause", "type": "wait", "wait_seconds": 0}]}
)


def _cache(channel: grpc.aio.Channel) -> cache_service_pb2_grpc.CacheServiceStub:
    return cache_service_pb2_grpc.CacheServiceStub(channel)


@pytest.mark.parametrize("metadata", [(), key_metadata("not-a-key-0123456789"), key_metadata("", "acme")])
async def test_every_service_refuses_a_call_without_a_valid_key(secured: SecuredStack, metadata) -> None:
    stack = secured.stack
    async with grpc.aio.insecure_channel(stack.cache.address) as channel:
        details = await expect_status(
            _cache(channel).GetWorkflow(cache_pb.GetWorkflowRequest(workflow_id="x"), metadata=metadata),
            grpc.StatusCode.UNAUTHENTICATED,
        )
    assert "x-rote-api-key" in details
    async with grpc.aio.insecure_channel(stack.codegen.address) as channel:
        stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
        await expect_status(
            stub.GenerateScript(codegen_service_pb2.GenerateScriptRequest(script_id="s", version=1), metadata=metadata),
            grpc.StatusCode.UNAUTHENTICATED,
        )
    async with grpc.aio.insecure_channel(stack.executor.address) as channel:
        stream = executor_service_pb2_grpc.ExecutorServiceStub(channel).RunWorkflow(
            ex_pb.RunWorkflowRequest(workflow=WAIT_WORKFLOW), metadata=metadata
        )
        with pytest.raises(grpc.aio.AioRpcError) as info:
            async for _ in stream:
                pass
        assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_health_and_reflection_answer_without_a_key(secured: SecuredStack) -> None:
    for server in (secured.stack.cache, secured.stack.codegen, secured.stack.executor):
        async with grpc.aio.insecure_channel(server.address) as channel:
            health = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
            assert health.status == health_pb2.HealthCheckResponse.SERVING
            reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
            replies = reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
            names = [s.name async for reply in replies for s in reply.list_services_response.service]
            assert any(name.startswith("rote.v1.") for name in names)


async def test_a_tenant_key_acts_for_its_own_organisation(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        stub = _cache(channel)
        definition = workflow_from_mapping(
            {"workflow_id": "auth_own_org", "blocks": [{"label": "pause", "type": "wait"}]}
        )
        await stub.PutWorkflow(cache_pb.PutWorkflowRequest(workflow=definition), metadata=key_metadata(ACME_KEY))
        # Naming its own organisation is allowed, and reads the same record.
        got = await stub.GetWorkflow(
            cache_pb.GetWorkflowRequest(workflow_id="auth_own_org"), metadata=key_metadata(ACME_KEY, "acme")
        )
        assert got.workflow.workflow_id == "auth_own_org"
        await expect_status(
            stub.GetWorkflow(
                cache_pb.GetWorkflowRequest(workflow_id="auth_own_org"), metadata=key_metadata(GLOBEX_KEY)
            ),
            grpc.StatusCode.NOT_FOUND,
        )


async def test_a_tenant_key_naming_another_organisation_is_permission_denied(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        details = await expect_status(
            _cache(channel).GetWorkflow(
                cache_pb.GetWorkflowRequest(workflow_id="auth_own_org"), metadata=key_metadata(GLOBEX_KEY, "acme")
            ),
            grpc.StatusCode.PERMISSION_DENIED,
        )
    assert "'globex'" in details and "'acme'" in details
    assert GLOBEX_KEY not in details


async def test_the_service_key_acts_for_the_organisation_it_names(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        stub = _cache(channel)
        definition = workflow_from_mapping(
            {"workflow_id": "auth_by_service", "blocks": [{"label": "p", "type": "wait"}]}
        )
        await stub.PutWorkflow(
            cache_pb.PutWorkflowRequest(workflow=definition), metadata=key_metadata(SERVICE_KEY, "globex")
        )
        got = await stub.GetWorkflow(
            cache_pb.GetWorkflowRequest(workflow_id="auth_by_service"), metadata=key_metadata(GLOBEX_KEY)
        )
        assert got.workflow.workflow_id == "auth_by_service"


async def test_a_run_through_the_executor_authenticates_every_hop_and_lands_in_the_key_org(
    secured: SecuredStack,
) -> None:
    """Client → executor with a tenant key; executor → cache with the service key, for the tenant's org."""
    async with grpc.aio.insecure_channel(secured.stack.executor.address) as channel:
        stub = executor_service_pb2_grpc.ExecutorServiceStub(channel)
        events = [
            event
            async for event in stub.RunWorkflow(
                ex_pb.RunWorkflowRequest(workflow=WAIT_WORKFLOW, run_with=run_pb2.RUN_WITH_AGENT),
                metadata=key_metadata(ACME_KEY),
            )
        ]
    summary = events[-1].run_finished.summary
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        run = await _cache(channel).GetRun(
            cache_pb.GetRunRequest(run_id=summary.run_id), metadata=key_metadata(ACME_KEY)
        )
        assert run.summary.run_id == summary.run_id
        await expect_status(
            _cache(channel).GetRun(cache_pb.GetRunRequest(run_id=summary.run_id), metadata=key_metadata(GLOBEX_KEY)),
            grpc.StatusCode.NOT_FOUND,
        )


async def test_no_key_ever_appears_in_any_log_line(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        for metadata in (
            key_metadata(ACME_KEY),
            key_metadata("wrong-key-0123456789"),
            key_metadata(GLOBEX_KEY, "acme"),
        ):
            try:
                await _cache(channel).GetWorkflow(cache_pb.GetWorkflowRequest(workflow_id="nope"), metadata=metadata)
            except grpc.aio.AioRpcError:
                pass
    logged = secured.logs.text()
    assert "rpc" in logged, "the access log was not captured"
    for key in (ACME_KEY, GLOBEX_KEY, SERVICE_KEY, "wrong-key-0123456789"):
        assert key not in logged


def test_keys_are_parsed_from_the_setting_and_bad_entries_never_echo_the_key() -> None:
    table = ApiKeyTable.parse(API_KEYS)
    assert table.owner_of(ACME_KEY) == "acme" and table.owner_of(SERVICE_KEY) == "@service"
    assert table.owner_of("acme") is None and table.owner_of("") is None
    assert not ApiKeyTable.parse("").enabled
    for raw in (
        "short=acme",
        "abcdefghijklmnopqrstu",
        "abcdefghijklmnopqrstu=Not An Org",
        "a" * 20 + "=x," + "a" * 20 + "=y",
    ):
        with pytest.raises(ValueError) as info:
            ApiKeyTable.parse(raw)
        assert "abcdefghijklmnop" not in str(info.value) and "aaaaaaaaaaaaaaaa" not in str(info.value)


def test_the_authenticator_decides_the_principal() -> None:
    auth = Authenticator(ApiKeyTable.parse(API_KEYS))
    assert auth.authenticate(key_metadata(ACME_KEY)) == Principal("acme")
    assert auth.authenticate(key_metadata(SERVICE_KEY, "globex")) == Principal("globex", is_service=True)
    assert auth.authenticate(key_metadata(SERVICE_KEY)) == Principal("default", is_service=True)
    with pytest.raises(PermissionDenied):
        auth.authenticate(key_metadata(ACME_KEY, "globex"))
    with pytest.raises(Unauthenticated):
        auth.authenticate(key_metadata(ACME_KEY[:-1]))
    assert Authenticator.exempt("/grpc.health.v1.Health/Check")
    assert not Authenticator.exempt("/rote.v1.CacheService/GetRun")
