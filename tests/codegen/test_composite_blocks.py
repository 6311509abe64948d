"""for_loop, task_v2 and conditional workflows: validation, loop items, secrets, reuse, skipped reasons, bench."""

from __future__ import annotations

import json
import logging
import time

import pytest

from bench.synthetic_requests import synthetic_request
from codegen_service.service import ScriptGenerator
from codegen_service.validation import check_request
from services.errors import InvalidArgument
from services.gen.rote.v1 import codegen_service_pb2, trace_pb2, workflow_pb2
from services.sandbox import validate_script
from services.storage import ObjectStore
from tests.codegen.conftest import AT, BT, LK, element, locator
from tests.codegen.scenarios import conditional_request, loops_request, task_v2_request
from tests.codegen.test_storage import reuse_all

SECRET_TOKEN = "tok-Sup3r-s3cret!"


async def _files(store: ObjectStore, response: codegen_service_pb2.GenerateScriptResponse) -> dict[str, str]:
    return {file.path: (await store.get(file.storage_key)).decode() for file in response.files}


def _loop_child(request: codegen_service_pb2.GenerateScriptRequest) -> trace_pb2.BlockTrace:
    return request.traces[0].children[0]


# --------------------------------------------------------------------------------------------- validation


def _child_not_in_loop() -> codegen_service_pb2.GenerateScriptRequest:
    request = loops_request()
    _loop_child(request).label = "download_invoice"  # a grandchild, not a child of each_customer
    return request


def _unknown_child() -> codegen_service_pb2.GenerateScriptRequest:
    request = loops_request()
    _loop_child(request).label = "made_up"
    return request


def _loop_key_outside_a_loop() -> codegen_service_pb2.GenerateScriptRequest:
    request = task_v2_request()
    request.traces[0].children[0].actions[1].parameter_key = "current_item.name"
    return request


def _unknown_key_in_a_loop() -> codegen_service_pb2.GenerateScriptRequest:
    request = loops_request()
    _loop_child(request).actions[1].parameter_key = "not_a_parameter"
    return request


def _bad_loop_item() -> codegen_service_pb2.GenerateScriptRequest:
    request = loops_request()
    request.traces[0].loop_item_json = "{not json"
    return request


def _children_on_a_plain_block() -> codegen_service_pb2.GenerateScriptRequest:
    request = conditional_request()
    request.traces[0].children.add(label="pro_checkout")
    return request


def _child_traced_twice() -> codegen_service_pb2.GenerateScriptRequest:
    request = task_v2_request()
    request.traces[0].children.append(request.traces[0].children[0])
    return request


def _child_without_target() -> codegen_service_pb2.GenerateScriptRequest:
    request = loops_request()
    _loop_child(request).actions.append(trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, intent="Click something"))
    return request


def _unsupported_action_in_a_child() -> codegen_service_pb2.GenerateScriptRequest:
    request = task_v2_request()
    request.traces[0].children[0].actions.append(trace_pb2.Action(type=99))
    return request


@pytest.mark.parametrize(
    ("build", "names"),
    [
        (_child_not_in_loop, "'download_invoice'"),
        (_unknown_child, "'made_up'"),
        (_loop_key_outside_a_loop, "'current_item.name'"),
        (_unknown_key_in_a_loop, "'not_a_parameter'"),
        (_bad_loop_item, "loop_item_json"),
        (_children_on_a_plain_block, "'pro_seats'"),
        (_child_traced_twice, "'search_flights'"),
        (_child_without_target, "'open_customer', action 5"),
        (_unsupported_action_in_a_child, "'search_flights', action 6"),
    ],
)
def test_bad_child_traces_are_invalid_arguments_naming_the_item(build, names: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        check_request(build())
    assert names in raised.value.message


def test_loop_names_are_valid_parameter_keys_inside_loops() -> None:
    request = loops_request()
    _loop_child(request).actions[1].parameter_key = "current_item.name"
    _loop_child(request).actions[0].parameter_key = "current_index"
    check_request(request)


# --------------------------------------------------------------------------------------------- generation


async def test_recorded_loop_keys_become_item_and_index_references(local_store: ObjectStore) -> None:
    request = loops_request()
    child = _loop_child(request)
    child.actions[1].value = "Someone Else"  # the recorder's key wins over the value
    child.actions[1].parameter_key = "current_item.name"
    child.actions.append(trace_pb2.Action(
        type=AT.ACTION_TYPE_TYPE, element=element(locator(LK.LOCATOR_KIND_LABEL, "Row")), value="0",
        parameter_key="current_index", intent="Row number",
    ))
    response = await ScriptGenerator(local_store).generate("default", request)
    code = (await _files(local_store, response))["blocks/each_customer.py"]
    assert 'ctx.item("name"),\n        intent="Search for the customer"' in code
    assert 'await page.fill(Target(label="Row"), str(ctx.index), intent="Row number")' in code


async def test_scalar_items_and_whole_number_fields(local_store: ObjectStore) -> None:
    request = loops_request()
    request.traces[0].children[1].loop_item_json = json.dumps({"number": "INV-7", "year": 2024})
    download = request.traces[0].children[1].children[0]
    download.actions.append(trace_pb2.Action(
        type=AT.ACTION_TYPE_TYPE, element=element(locator(LK.LOCATOR_KIND_LABEL, "Year")), value="2024",
        intent="Enter the year",
    ))
    response = await ScriptGenerator(local_store).generate("default", request)
    code = (await _files(local_store, response))["blocks/each_customer.py"]
    assert 'str(ctx.item("year"))' in code
    scalar = loops_request()
    scalar.traces[0].children[1].loop_item_json = json.dumps("INV-7")
    response = await ScriptGenerator(local_store).generate("default", scalar)
    code = (await _files(local_store, response))["blocks/each_customer.py"]
    assert "name=f\"Invoice {ctx.item()}\"" in code


async def test_a_value_of_the_outer_item_inside_a_nested_loop_skips_the_loop(local_store: ObjectStore) -> None:
    request = loops_request()
    download = request.traces[0].children[1].children[0]
    download.actions.append(trace_pb2.Action(
        type=AT.ACTION_TYPE_TYPE, element=element(locator(LK.LOCATOR_KIND_LABEL, "Customer")),
        value="C-1001", intent="Enter the customer id",
    ))
    response = await ScriptGenerator(local_store).generate("default", request)
    assert not response.blocks
    assert response.skipped[0].label == "each_customer"
    assert "enclosing loop" in response.skipped[0].reason and "'id'" in response.skipped[0].reason


async def test_selectors_naming_the_loop_item_are_dropped(local_store: ObjectStore) -> None:
    request = loops_request()
    click = request.traces[0].children[1].children[0].actions[0]
    click.element.locators.append(locator(LK.LOCATOR_KIND_CSS, "a[href$='INV-7.pdf']"))
    click.element.locators.append(locator(LK.LOCATOR_KIND_ID, "invoices"))
    response = await ScriptGenerator(local_store).generate("default", request)
    code = (await _files(local_store, response))["blocks/each_customer.py"]
    assert "INV-7" not in code
    assert "Target(role=\"button\", name=f\"Invoice {ctx.item('number')}\", id=\"invoices\")" in code


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("no_iteration", "recorded no iteration"),
        ("missing_child", "'open_customer' has no trace"),
        ("code_child", "always runs live"),
    ],
)
async def test_loops_that_cannot_be_code_are_skipped_with_the_reason(
    change: str, reason: str, local_store: ObjectStore
) -> None:
    request = loops_request()
    if change == "no_iteration":
        del request.traces[0].children[:]
    elif change == "missing_child":
        del request.traces[0].children[0]
    else:
        request.workflow.blocks[0].children.add(label="snippet", type=BT.BLOCK_TYPE_CODE, code="pass")
    response = await ScriptGenerator(local_store).generate("default", request)
    assert [skipped.label for skipped in response.skipped] == ["each_customer"]
    assert reason in response.skipped[0].reason
    assert [file.path for file in response.files] == ["module.py"]


async def test_task_v2_children_from_the_definition_run_in_definition_order(local_store: ObjectStore) -> None:
    request = task_v2_request()
    children = list(request.traces[0].children)
    request.workflow.blocks[0].children.extend(
        workflow_pb2.Block(label=child.label, type=child.type) for child in reversed(children)
    )
    response = await ScriptGenerator(local_store).generate("default", request)
    code = (await _files(local_store, response))["blocks/book_trip.py"]
    assert (
        "    await upload_passport(page, ctx)\n"
        "    await pick_cheapest(page, ctx)\n"
        "    await search_flights(page, ctx)\n"
    ) in code


async def test_a_reused_loop_keeps_its_children_in_the_module(local_store: ObjectStore) -> None:
    first = await ScriptGenerator(local_store).generate("default", loops_request())
    request = loops_request()
    request.version = 4
    del request.traces[:]
    request.reused.extend(reuse_all(first))
    second = await ScriptGenerator(local_store).generate("default", request)
    before, after = await _files(local_store, first), await _files(local_store, second)
    assert after["blocks/each_customer.py"] == before["blocks/each_customer.py"]
    for child in ("open_customer", "each_invoice", "download_invoice"):
        assert f"async def {child}(page: Page, ctx: RunContext)" in after["module.py"]
    validate_script(after["module.py"])


async def test_unstructured_branches_fall_back_to_definition_order(local_store: ObjectStore) -> None:
    request = conditional_request()
    request.workflow.blocks[-1].next_block_label = "check_plan"  # loops back
    response = await ScriptGenerator(local_store).generate("default", request)
    module = (await _files(local_store, response))["module.py"]
    assert "# The blocks loop back through a conditional" in module
    assert "    # check_plan (conditional block): evaluated live, in the engine\n" in module
    assert module.rstrip().endswith("await confirmation(page, ctx)")


async def test_secrets_inside_loops_stay_names_everywhere(
    generator: ScriptGenerator, store: ObjectStore, caplog: pytest.LogCaptureFixture
) -> None:
    request = loops_request()
    token = _loop_child(request).actions[2]
    assert token.parameter_key == "api_token"
    token.value = SECRET_TOKEN  # a faulty recorder kept the value: the key must win
    with caplog.at_level(logging.DEBUG):
        response = await generator.generate("default", request)
    stored = [await store.get(key) for key in await store.list_keys("")]
    assert stored and all(SECRET_TOKEN.encode() not in data for data in stored)
    assert SECRET_TOKEN not in caplog.text and SECRET_TOKEN.encode() not in response.SerializeToString()
    assert any(b'ctx.param("api_token")' in data for data in stored)


# --------------------------------------------------------------------------------------------- bench support


async def test_synthetic_requests_generate_completely_and_scale_about_linearly(local_store: ObjectStore) -> None:
    generator = ScriptGenerator(local_store)
    timings = {}
    for blocks in (20, 200):
        request = synthetic_request(blocks, 8)
        assert len(request.traces) == blocks and len(request.workflow.blocks) == blocks
        started = time.perf_counter()
        response = await generator.generate("default", request)
        timings[blocks] = time.perf_counter() - started
        assert not response.skipped and len(response.files) == blocks + 1
    # Ten times the blocks must not cost a hundred times the time (generous bound for a loaded CI machine).
    assert timings[200] < 30 * timings[20] + 1.0, timings
