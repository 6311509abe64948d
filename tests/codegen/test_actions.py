"""Every ActionType becomes the runtime call the contract names; the block file compiles and passes the sandbox."""

from __future__ import annotations

import libcst as cst

from codegen_service.blocks import build_block, simple_generation
from codegen_service.module import Header, checked, render_file
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.codegen.conftest import AT, LK, element, locator

BUTTON = element(locator(LK.LOCATOR_KIND_ROLE, "button", "Go"))
FIELD = element(locator(LK.LOCATOR_KIND_LABEL, "Field"))


def _action(kind: int, **fields: object) -> trace_pb2.Action:
    return trace_pb2.Action(type=kind, **fields)  # type: ignore[arg-type]


ALL_TYPES = [
    (_action(AT.ACTION_TYPE_GOTO, url="https://x.test/a"), 'await page.goto("https://x.test/a")'),
    (_action(AT.ACTION_TYPE_CLICK, element=BUTTON, intent="Go on"),
     'await page.click(Target(role="button", name="Go"), intent="Go on")'),
    (_action(AT.ACTION_TYPE_TYPE, element=FIELD, value="v"), 'await page.fill(Target(label="Field"), "v")'),
    (_action(AT.ACTION_TYPE_SELECT_OPTION, element=FIELD, value="Gold"),
     'await page.select(Target(label="Field"), "Gold")'),
    (_action(AT.ACTION_TYPE_CHECK, element=FIELD), 'await page.check(Target(label="Field"))'),
    (_action(AT.ACTION_TYPE_UNCHECK, element=FIELD), 'await page.uncheck(Target(label="Field"))'),
    (_action(AT.ACTION_TYPE_CHECK, element=FIELD, value="true", parameter_key="roadside"),
     'await page.set_checked(Target(label="Field"), ctx.param("roadside"))'),
    (_action(AT.ACTION_TYPE_UNCHECK, element=FIELD, parameter_key="roadside"),
     'await page.set_checked(Target(label="Field"), ctx.param("roadside"))'),
    (_action(AT.ACTION_TYPE_UPLOAD_FILE, element=FIELD, parameter_key="file"),
     'await page.upload(Target(label="Field"), ctx.param("file"))'),
    (_action(AT.ACTION_TYPE_PRESS_KEY, value="Enter"), 'await page.press(None, "Enter")'),
    (_action(AT.ACTION_TYPE_PRESS_KEY, element=FIELD, value="Tab"), 'await page.press(Target(label="Field"), "Tab")'),
    (_action(AT.ACTION_TYPE_HOVER, element=BUTTON), 'await page.hover(Target(role="button", name="Go"))'),
    (_action(AT.ACTION_TYPE_SCROLL, amount=300), "await page.scroll(None, amount=300)"),
    (_action(AT.ACTION_TYPE_SCROLL, element=FIELD), 'await page.scroll(Target(label="Field"), amount=0)'),
    (_action(AT.ACTION_TYPE_WAIT, amount=1.5), "await page.wait(1.5)"),
    (_action(AT.ACTION_TYPE_DOWNLOAD, element=BUTTON, intent="Get the PDF"),
     'await page.download(Target(role="button", name="Go"), intent="Get the PDF")'),
    (_action(AT.ACTION_TYPE_PICK_DATE, element=FIELD, value="2027-03-03", parameter_key="arrival", intent="Pick"),
     'await page.pick_date(Target(label="Field"), ctx.param("arrival"), intent="Pick")'),
    (_action(AT.ACTION_TYPE_CLICK, element=BUTTON, intent="Close", only_if_present=True),
     'await page.click(Target(role="button", name="Go"), intent="Close", if_present=True)'),
    (_action(AT.ACTION_TYPE_EXTRACT, extract_fields=[trace_pb2.ExtractField(name="title", element=FIELD)]),
     'data = {\n        "title": await page.text(Target(label="Field"), intent="Read title"),\n    }'),
]


def _body(trace: trace_pb2.BlockTrace) -> str:
    block = build_block(trace, simple_generation({}, {trace.label: "every_action"}))
    return cst.Module([]).code_for_node(block.function)


def test_every_action_type_has_its_runtime_call() -> None:
    trace = trace_pb2.BlockTrace(label="every action", type=workflow_pb2.BLOCK_TYPE_TASK)
    trace.actions.extend(action for action, _ in ALL_TYPES)
    code = _body(trace)
    for _, expected in ALL_TYPES:
        assert f"    {expected}\n" in code
    assert code.endswith("    return ctx.output(data)\n")
    assert len({action.type for action, _ in ALL_TYPES}) == 14


def test_every_action_block_compiles_and_passes_the_sandbox() -> None:
    trace = trace_pb2.BlockTrace(label="every action", type=workflow_pb2.BLOCK_TYPE_TASK)
    trace.actions.extend(action for action, _ in ALL_TYPES)
    block = build_block(trace, simple_generation({}, {trace.label: "every_action"}))
    checked("blocks/every_action.py", render_file(Header("r", "w", 1), [block.function]))


def test_a_second_extract_updates_the_data_and_dotted_names_nest() -> None:
    fields = [
        trace_pb2.ExtractField(name="quote.reference", element=FIELD),
        trace_pb2.ExtractField(name="quote.total", element=FIELD),
    ]
    trace = trace_pb2.BlockTrace(
        label="x",
        actions=[
            _action(AT.ACTION_TYPE_EXTRACT, extract_fields=fields),
            _action(AT.ACTION_TYPE_EXTRACT, extract_fields=[trace_pb2.ExtractField(name="more", element=FIELD)]),
        ],
    )
    code = _body(trace)
    assert '    data = {\n        "quote": {\n            "reference": await' in code
    assert '\n        },\n    }\n    data.update({\n        "more": await' in code


def test_an_empty_trace_still_makes_a_valid_function() -> None:
    code = _body(trace_pb2.BlockTrace(label="nothing"))
    assert code.endswith("-> None:\n    pass\n")
