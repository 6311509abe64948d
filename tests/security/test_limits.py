"""Bad input is refused with a clear limit: message size, nesting depth, block count, undecodable bytes,
and the constraints declared on request fields in the protos."""

from __future__ import annotations

import grpc
import pytest

from services.gen.buf.validate import validate_pb2
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import (
    cache_service_pb2_grpc,
    codegen_service_pb2,
    codegen_service_pb2_grpc,
    executor_service_pb2_grpc,
    workflow_pb2,
)
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.settings import DEFAULT_MAX_MESSAGE_BYTES
from services.workflows import workflow_from_mapping
from tests.security.conftest import ACME_KEY, SecuredStack, expect_status, key_metadata

META = key_metadata(ACME_KEY)


def nested_loops(depth: int, workflow_id: str = "deep") -> workflow_pb2.Workflow:
    """A valid workflow whose for_loops nest ``depth`` levels (the innermost holds one action)."""
    workflow = workflow_pb2.Workflow(workflow_id=workflow_id)
    workflow.parameters.add(key="items", type=workflow_pb2.PARAMETER_TYPE_JSON)
    level = workflow.blocks
    for index in range(1, depth):
        loop = level.add(label=f"loop_{index}", type=workflow_pb2.BLOCK_TYPE_FOR_LOOP, loop_over="{{ items }}")
        level = loop.children
    level.add(label=f"act_{depth}", type=workflow_pb2.BLOCK_TYPE_ACTION, goal="click")
    return workflow


def raw_nested_request(depth: int) -> bytes:
    """A PutWorkflowRequest with blocks nested ``depth`` deep, as bytes (deeper than protobuf will parse)."""
    request = cache_pb.PutWorkflowRequest()
    request.workflow.workflow_id = "raw_deep"
    level = request.workflow.blocks
    for index in range(depth):
        level = level.add(label=f"b{index}", type=workflow_pb2.BLOCK_TYPE_FOR_LOOP).children
    return request.SerializeToString()


async def _put(stack: SecuredStack, workflow: workflow_pb2.Workflow) -> cache_pb.PutWorkflowResponse:
    async with grpc.aio.insecure_channel(stack.stack.cache.address) as channel:
        stub = cache_service_pb2_grpc.CacheServiceStub(channel)
        return await stub.PutWorkflow(cache_pb.PutWorkflowRequest(workflow=workflow), metadata=META)


async def test_an_oversized_request_is_refused_naming_the_limit(secured: SecuredStack) -> None:
    workflow = nested_loops(1, "huge")
    workflow.title = "x" * (DEFAULT_MAX_MESSAGE_BYTES + 1024)
    details = await expect_status(_put(secured, workflow), grpc.StatusCode.RESOURCE_EXHAUSTED)
    assert str(DEFAULT_MAX_MESSAGE_BYTES) in details, details


async def test_nesting_up_to_the_limit_is_accepted(secured: SecuredStack) -> None:
    stored = await _put(secured, nested_loops(8, "deep_ok"))
    assert stored.version == 1


async def test_nesting_past_the_limit_is_invalid_argument(secured: SecuredStack) -> None:
    details = await expect_status(_put(secured, nested_loops(9)), grpc.StatusCode.INVALID_ARGUMENT)
    assert details == "PutWorkflowRequest.workflow.blocks: nested more than 8 levels deep"


async def test_nesting_past_protobufs_own_recursion_limit_is_invalid_argument_not_internal(
    secured: SecuredStack,
) -> None:
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        call = channel.unary_unary("/rote.v1.CacheService/PutWorkflow")
        details = await expect_status(call(raw_nested_request(150), metadata=META), grpc.StatusCode.INVALID_ARGUMENT)
    assert "not a valid message" in details


async def test_too_many_blocks_in_all_is_invalid_argument(secured: SecuredStack) -> None:
    workflow = workflow_pb2.Workflow(workflow_id="wide")
    for index in range(5):
        loop = workflow.blocks.add(label=f"loop_{index}", type=workflow_pb2.BLOCK_TYPE_FOR_LOOP, loop_over="[1]")
        for child in range(120):
            loop.children.add(label=f"c_{index}_{child}", type=workflow_pb2.BLOCK_TYPE_ACTION, goal="x")
    details = await expect_status(_put(secured, workflow), grpc.StatusCode.INVALID_ARGUMENT)
    assert "more than 500 items" in details


async def test_bytes_that_are_not_a_message_are_invalid_argument(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.cache.address) as channel:
        call = channel.unary_unary("/rote.v1.CacheService/GetRun")
        details = await expect_status(call(b"\xff\xff\xff\xff\x0f", metadata=META), grpc.StatusCode.INVALID_ARGUMENT)
    assert "GetRun" in details


async def test_executor_refuses_a_timeout_out_of_bounds_naming_the_field(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.executor.address) as channel:
        stream = executor_service_pb2_grpc.ExecutorServiceStub(channel).RunWorkflow(
            ex_pb.RunWorkflowRequest(workflow_id="w", timeout_seconds=99999), metadata=META
        )
        with pytest.raises(grpc.aio.AioRpcError) as info:
            async for _ in stream:
                pass
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (info.value.details() or "").startswith(
        "RunWorkflowRequest.timeout_seconds: must be greater than or equal to 0 and less than or equal to 3600,"
        " got 99999"
    )


async def test_codegen_refuses_a_path_like_script_id_naming_the_field(secured: SecuredStack) -> None:
    async with grpc.aio.insecure_channel(secured.stack.codegen.address) as channel:
        stub = codegen_service_pb2_grpc.CodegenServiceStub(channel)
        details = await expect_status(
            stub.GenerateScript(
                codegen_service_pb2.GenerateScriptRequest(script_id="../../etc", version=1), metadata=META
            ),
            grpc.StatusCode.INVALID_ARGUMENT,
        )
    assert details.startswith("GenerateScriptRequest.script_id:")


async def test_a_label_longer_than_declared_is_refused_with_its_path(secured: SecuredStack) -> None:
    workflow = workflow_from_mapping({"workflow_id": "long_label", "blocks": [{"label": "l" * 200, "type": "wait"}]})
    details = await expect_status(_put(secured, workflow), grpc.StatusCode.INVALID_ARGUMENT)
    assert details == "PutWorkflowRequest.workflow.blocks[0].label: must be at most 128 characters, got 200"


def test_key_request_fields_declare_their_constraints() -> None:
    """The limits live in the protos (protovalidate's (buf.validate.field) option), so every client can read them."""
    declared = {
        (ex_pb.RunWorkflowRequest, "timeout_seconds"),
        (ex_pb.RunWorkflowRequest, "workflow_id"),
        (codegen_service_pb2.GenerateScriptRequest, "script_id"),
        (codegen_service_pb2.GenerateScriptRequest, "version"),
        (workflow_pb2.Workflow, "workflow_id"),
        (workflow_pb2.Workflow, "blocks"),
        (workflow_pb2.Block, "label"),
        (workflow_pb2.Block, "code"),
        (workflow_pb2.Parameter, "key"),
    }
    for message, field in declared:
        options = message.DESCRIPTOR.fields_by_name[field].GetOptions()
        assert options.HasExtension(validate_pb2.field), f"{message.__name__}.{field}"
