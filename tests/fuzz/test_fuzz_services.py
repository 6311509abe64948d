"""Property: whatever a caller sends, each real service answers with a deliberate status and a message —
INVALID_ARGUMENT for bad input, NOT_FOUND for well-formed unknown ids, OK where the input is valid — and
never INTERNAL, UNKNOWN or a crash. Over 10,000 generated cases across the three services."""

from __future__ import annotations

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import given, settings
from hypothesis import strategies as st

from services.call_context import outgoing_metadata
from services.gen.rote.v1 import cache_service_pb2 as pb
from services.gen.rote.v1 import (
    cache_service_pb2_grpc,
    codegen_service_pb2,
    codegen_service_pb2_grpc,
    executor_service_pb2_grpc,
    workflow_pb2,
)
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.storage import open_object_store
from tests.fuzz.conftest import FuzzChannels, FuzzTally, examples
from tests.fuzz.strategies import messages, nasty_text, workflows

settings.load_profile("rote-fuzz")
META = outgoing_metadata("fuzz")
BAD_INPUT = {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND}
CACHE_RPCS = [
    "GetWorkflow",
    "StartRun",
    "ResolveScript",
    "RecordBlockRun",
    "FinishRun",
    "GetRun",
    "ListRuns",
    "ListScripts",
    "ListScriptVersions",
    "GetScriptVersion",
    "DiffScriptVersions",
    "PinScriptVersion",
    "UnpinScriptVersion",
    "RollbackScript",
    "GetCoverage",
    "ListWorkflows",
]
CACHE_METHODS = pb.DESCRIPTOR.services_by_name["CacheService"].methods_by_name


async def _outcome(call: object) -> tuple[grpc.StatusCode, str]:
    try:
        await call  # type: ignore[misc]
    except grpc.aio.AioRpcError as exc:
        return exc.code(), exc.details() or ""
    return grpc.StatusCode.OK, ""


def _deliberate(code: grpc.StatusCode, details: str, allowed: set[grpc.StatusCode], what: str) -> None:
    assert code in allowed | {grpc.StatusCode.OK}, f"{what}: {code.name} {details!r}"
    if code != grpc.StatusCode.OK:
        assert details.strip(), f"{what}: {code.name} without a message"
        assert "internal error" not in details


@settings(max_examples=examples(3000))
@given(workflow=workflows())
async def test_put_workflow_refuses_bad_definitions_with_a_message(
    fuzz_stack: FuzzChannels, tally: FuzzTally, workflow: workflow_pb2.Workflow
) -> None:
    stub = cache_service_pb2_grpc.CacheServiceStub(fuzz_stack.cache)
    code, details = await _outcome(stub.PutWorkflow(pb.PutWorkflowRequest(workflow=workflow), metadata=META))
    tally.count("cache.PutWorkflow", code)
    _deliberate(code, details, {grpc.StatusCode.INVALID_ARGUMENT}, "PutWorkflow")


@st.composite
def cache_calls(draw: st.DrawFn) -> tuple[str, object]:
    name = draw(st.sampled_from(CACHE_RPCS))
    return name, draw(messages(CACHE_METHODS[name].input_type))


@settings(max_examples=examples(3000))
@given(call=cache_calls())
async def test_cache_rpcs_answer_bad_ids_and_fields_deliberately(
    fuzz_stack: FuzzChannels, tally: FuzzTally, call: tuple[str, object]
) -> None:
    name, request = call
    stub = cache_service_pb2_grpc.CacheServiceStub(fuzz_stack.cache)
    code, details = await _outcome(getattr(stub, name)(request, metadata=META))
    tally.count(f"cache.{name}", code)
    # A well-formed request about a missing run may also find the run in the wrong state.
    _deliberate(code, details, BAD_INPUT | {grpc.StatusCode.FAILED_PRECONDITION}, f"{name}({request})")


_KEY_PARTS = st.one_of(st.sampled_from(["fuzz", "other", "runs", "..", ".", "", "shots", "a.png"]), nasty_text(12))
_RUN = "<the fuzz run>"  # stands for the id of the run the test starts, unknown when strategies are built


@st.composite
def artifact_requests(draw: st.DrawFn) -> pb.ReadRunArtifactRequest:
    """Any request, or one whose key looks like a run file's (of this organisation or another, with odd parts)."""
    if draw(st.booleans()):
        return draw(messages(pb.ReadRunArtifactRequest.DESCRIPTOR))  # type: ignore[no-any-return]
    run_id = draw(st.one_of(st.just(_RUN), st.just("run-1"), nasty_text(12)))
    parts = draw(st.one_of(st.just(["shots", "a.png"]), st.lists(_KEY_PARTS, min_size=0, max_size=4)))
    key = "/".join([draw(st.sampled_from(["fuzz", "fuzz", "other"])), "runs", run_id, *parts])
    return pb.ReadRunArtifactRequest(run_id=run_id, key=key)


@pytest.fixture(scope="module")
async def fuzz_run(fuzz_stack: FuzzChannels) -> str:
    """A run of the fuzz organisation with one file, so that reads also reach the store."""
    stub = cache_service_pb2_grpc.CacheServiceStub(fuzz_stack.cache)
    workflow = workflow_pb2.Workflow(
        workflow_id="fuzz_files", blocks=[workflow_pb2.Block(label="a", type=workflow_pb2.BLOCK_TYPE_NAVIGATION)]
    )
    await stub.PutWorkflow(pb.PutWorkflowRequest(workflow=workflow), metadata=META)
    started = await stub.StartRun(pb.StartRunRequest(workflow_id="fuzz_files"), metadata=META)
    store = open_object_store(fuzz_stack.stack.storage)
    await store.put(f"fuzz/runs/{started.run_id}/shots/a.png", b"\x89PNG fuzz")
    return started.run_id


@settings(max_examples=examples(1000))
@given(request=artifact_requests())
async def test_run_file_reads_answer_bad_keys_deliberately(
    fuzz_stack: FuzzChannels, fuzz_run: str, tally: FuzzTally, request: pb.ReadRunArtifactRequest
) -> None:
    request.run_id = request.run_id.replace(_RUN, fuzz_run)
    request.key = request.key.replace(_RUN, fuzz_run)
    stub = cache_service_pb2_grpc.CacheServiceStub(fuzz_stack.cache)
    code, details = grpc.StatusCode.OK, ""
    try:
        async for _ in stub.ReadRunArtifact(request, metadata=META):
            pass
    except grpc.aio.AioRpcError as exc:
        code, details = exc.code(), exc.details() or ""
    tally.count("cache.ReadRunArtifact", code)
    _deliberate(code, details, BAD_INPUT, f"ReadRunArtifact({request})")


@settings(max_examples=examples(2000))
@given(request=messages(codegen_service_pb2.GenerateScriptRequest.DESCRIPTOR))
async def test_codegen_refuses_malformed_generation_requests(
    fuzz_stack: FuzzChannels, tally: FuzzTally, request: codegen_service_pb2.GenerateScriptRequest
) -> None:
    stub = codegen_service_pb2_grpc.CodegenServiceStub(fuzz_stack.codegen)
    code, details = await _outcome(stub.GenerateScript(request, metadata=META))
    tally.count("codegen.GenerateScript", code)
    _deliberate(code, details, {grpc.StatusCode.INVALID_ARGUMENT}, "GenerateScript")


def _surely_invalid(workflow: workflow_pb2.Workflow) -> workflow_pb2.Workflow:
    """Whatever was generated, end with a block of no type: the definition can never start a browser."""
    workflow.blocks.add(label="fuzz_untyped_tail", type=workflow_pb2.BLOCK_TYPE_UNSPECIFIED)
    return workflow


@st.composite
def executor_requests(draw: st.DrawFn) -> ex_pb.RunWorkflowRequest:
    request = ex_pb.RunWorkflowRequest(
        run_with=draw(st.integers(min_value=-2, max_value=6)),
        timeout_seconds=draw(st.one_of(st.just(0), st.integers(min_value=-(2**31), max_value=2**31 - 1))),
    )
    for key, value in draw(st.dictionaries(nasty_text(12), nasty_text(), max_size=4)).items():
        request.parameters[key] = value
    if draw(st.booleans()):
        request.workflow.CopyFrom(_surely_invalid(draw(workflows())))
    else:
        # A well-formed id no organisation has stored, or a malformed one.
        request.workflow_id = draw(st.one_of(st.from_regex(r"\Anever_stored_[a-z0-9]{1,8}\Z"), nasty_text(20)))
    return request


@settings(max_examples=examples(2000))
@given(request=executor_requests())
async def test_executor_refuses_bad_runs_before_any_browser_work(
    fuzz_stack: FuzzChannels, tally: FuzzTally, request: ex_pb.RunWorkflowRequest
) -> None:
    stub = executor_service_pb2_grpc.ExecutorServiceStub(fuzz_stack.executor)
    events: list[ex_pb.RunWorkflowResponse] = []
    code, details = grpc.StatusCode.OK, ""
    try:
        async for event in stub.RunWorkflow(request, metadata=META):
            events.append(event)
            break
    except grpc.aio.AioRpcError as exc:
        code, details = exc.code(), exc.details() or ""
    tally.count("executor.RunWorkflow", code)
    assert not events, f"a run started for an invalid request: {events[0]}"
    assert code in BAD_INPUT, f"RunWorkflow: {code.name} {details!r}"
    assert details.strip() and "internal error" not in details


@settings(max_examples=examples(1000))
@given(
    target=st.sampled_from(
        [
            ("cache", "/rote.v1.CacheService/PutWorkflow"),
            ("cache", "/rote.v1.CacheService/GetRun"),
            ("cache", "/rote.v1.CacheService/FinishRun"),
            ("codegen", "/rote.v1.CodegenService/GenerateScript"),
        ]
    ),
    payload=st.binary(max_size=256),
)
async def test_arbitrary_bytes_never_reach_internal(
    fuzz_stack: FuzzChannels, tally: FuzzTally, target: tuple[str, str], payload: bytes
) -> None:
    service, method = target
    call = getattr(fuzz_stack, service).unary_unary(method)
    code, details = await _outcome(call(payload, metadata=META))
    tally.count(f"bytes.{method.rsplit('/', 1)[1]}", code)
    _deliberate(code, details, BAD_INPUT | {grpc.StatusCode.FAILED_PRECONDITION}, f"{method} {payload!r}")


@pytest.mark.parametrize("service", ["cache", "codegen", "executor"])
async def test_every_service_still_serves_after_the_fuzzing(fuzz_stack: FuzzChannels, service: str) -> None:
    reply = await health_pb2_grpc.HealthStub(getattr(fuzz_stack, service)).Check(health_pb2.HealthCheckRequest())
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
