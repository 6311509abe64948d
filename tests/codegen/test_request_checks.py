"""Malformed requests are refused with INVALID_ARGUMENT naming the item; uncacheable blocks are skipped."""

from __future__ import annotations

import pytest

from codegen_service.service import ScriptGenerator
from codegen_service.validation import check_request
from services.errors import InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2
from services.storage import ObjectStore
from tests.codegen.conftest import AT, BT, LK, demo_request, element, locator


def _with_action(action: trace_pb2.Action) -> codegen_service_pb2.GenerateScriptRequest:
    request = demo_request()
    request.traces[1].actions.append(action)
    return request


def _unknown_label() -> codegen_service_pb2.GenerateScriptRequest:
    request = demo_request()
    request.traces[0].label = "no_such_block"
    return request


def _secret_value() -> codegen_service_pb2.GenerateScriptRequest:
    request = demo_request()
    request.parameter_values["password"] = "whatever-it-is"
    return request


def _type_mismatch() -> codegen_service_pb2.GenerateScriptRequest:
    request = demo_request()
    request.traces[0].type = BT.BLOCK_TYPE_EXTRACTION
    return request


def _bad_script_id() -> codegen_service_pb2.GenerateScriptRequest:
    return demo_request(script_id="../escape")


def _unknown_reused() -> codegen_service_pb2.GenerateScriptRequest:
    request = demo_request()
    request.reused.add(label="ghost", run_signature="await ghost(page, ctx)", file={"path": "blocks/ghost.py"})
    return request


def _twice() -> codegen_service_pb2.GenerateScriptRequest:
    request = demo_request()
    request.traces.append(request.traces[0])
    return request


CASES = [
    (_unknown_label, "no_such_block"),
    (lambda: _with_action(trace_pb2.Action(type=AT.ACTION_TYPE_UNSPECIFIED)), "action 8"),
    (lambda: _with_action(trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, element=element(
        locator(LK.LOCATOR_KIND_LABEL, "X")), parameter_key="nope")), "'nope'"),
    (lambda: _with_action(trace_pb2.Action(type=AT.ACTION_TYPE_CLICK)), "needs the element"),
    (_secret_value, "'password'"),
    (_type_mismatch, "differs"),
    (_bad_script_id, "script_id"),
    (_unknown_reused, "'ghost'"),
    (_twice, "traced twice"),
]


@pytest.mark.parametrize(("build", "named"), CASES)
async def test_malformed_request_is_invalid_argument_naming_the_item(
    build, named: str, local_store: ObjectStore
) -> None:
    with pytest.raises(InvalidArgument) as raised:
        await ScriptGenerator(local_store).generate("default", build())
    assert named in raised.value.message
    assert not await local_store.list_keys("default/"), "nothing is stored for a refused request"


def test_the_refusal_of_a_secret_never_repeats_its_value() -> None:
    with pytest.raises(InvalidArgument) as raised:
        check_request(_secret_value())
    assert "whatever-it-is" not in raised.value.message


async def test_an_element_with_no_stable_locator_skips_only_its_block(local_store: ObjectStore) -> None:
    request = _with_action(
        trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=element(locator(LK.LOCATOR_KIND_ID, "ember9921")))
    )
    response = await ScriptGenerator(local_store).generate("default", request)
    assert [b.label for b in response.blocks] == ["login", "extract_quote"]
    assert [(s.label, "no stable locator" in s.reason) for s in response.skipped] == [("fill_quote", True)]


@pytest.mark.parametrize(
    ("block_type", "reason"),
    [(BT.BLOCK_TYPE_WAIT, "never cached"), (BT.BLOCK_TYPE_CODE, "never cached"),
     (BT.BLOCK_TYPE_FOR_LOOP, "recorded no iteration")],
)
async def test_uncacheable_types_are_skipped_with_a_reason(
    block_type: int, reason: str, local_store: ObjectStore
) -> None:
    request = demo_request()
    request.workflow.blocks.append(workflow_pb2.Block(label="extra", type=block_type))
    request.traces.append(trace_pb2.BlockTrace(label="extra", type=block_type))
    response = await ScriptGenerator(local_store).generate("default", request)
    assert len(response.blocks) == 3
    assert response.skipped[0].label == "extra" and reason in response.skipped[0].reason
