"""Codegen passes the click effect seen at record time to the runtime, so code mode expects the same kind."""

from __future__ import annotations

import libcst as cst

from codegen_service.blocks import build_block, simple_generation
from codegen_service.module import Header, checked, render_file
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.codegen.conftest import AT, LK, element, locator

BUTTON = element(locator(LK.LOCATOR_KIND_ROLE, "button", "Save"))


def _click(effect: int) -> trace_pb2.Action:
    action = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=BUTTON, intent="Save")
    action.postcondition.CopyFrom(trace_pb2.Postcondition(verified=effect != trace_pb2.CLICK_EFFECT_NONE,
                                                          effect=effect))  # type: ignore[arg-type]
    return action


def _code(*actions: trace_pb2.Action) -> str:
    trace = trace_pb2.BlockTrace(label="save", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=list(actions))
    block = build_block(trace, simple_generation({}, {"save": "save"}))
    checked("blocks/save.py", render_file(Header("r", "w", 1), [block.function]))  # still passes the sandbox
    return cst.Module([]).code_for_node(block.function)


def test_each_recorded_effect_kind_is_passed_by_name() -> None:
    for effect, name in [
        (trace_pb2.CLICK_EFFECT_NAVIGATION, "navigation"),
        (trace_pb2.CLICK_EFFECT_DOM_CHANGE, "dom_change"),
        (trace_pb2.CLICK_EFFECT_DISAPPEARED, "disappeared"),
        (trace_pb2.CLICK_EFFECT_DIALOG, "dialog"),
        (trace_pb2.CLICK_EFFECT_POPUP, "popup"),
    ]:
        assert f'await page.click(Target(role="button", name="Save"), intent="Save", effect="{name}")' in _code(
            _click(effect)
        )


def test_no_effect_or_an_old_trace_passes_none() -> None:
    for effect in (trace_pb2.CLICK_EFFECT_NONE, trace_pb2.CLICK_EFFECT_UNSPECIFIED):
        assert 'await page.click(Target(role="button", name="Save"), intent="Save")\n' in _code(_click(effect))
    plain = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=BUTTON, intent="Save")
    assert "effect=" not in _code(plain)


def test_a_notice_closed_after_the_first_action_is_named_at_the_top_of_the_block() -> None:
    notice = element(locator(LK.LOCATOR_KIND_ROLE, "button", "Accept all cookies"))
    dismiss = trace_pb2.Action(type=AT.ACTION_TYPE_CLICK, element=notice, intent="Dismiss", only_if_present=True)
    dismiss.postcondition.CopyFrom(trace_pb2.Postcondition(verified=True, effect=trace_pb2.CLICK_EFFECT_DISAPPEARED))
    box = trace_pb2.Action(type=AT.ACTION_TYPE_CHECK, element=element(locator(LK.LOCATOR_KIND_LABEL, "Roaming")))
    code = " ".join(_code(box, dismiss, _click(trace_pb2.CLICK_EFFECT_DOM_CHANGE)).split())  # lines as one
    named = 'await page.closes_notice( Target(role="button", name="Accept all cookies"), intent="Dismiss", '
    box_set = 'await page.check(Target(label="Roaming"))'
    closed = 'await page.click( Target(role="button", name="Accept all cookies"), intent="Dismiss", if_present=True, '
    assert code.index("RunContext) -> None: " + named) < code.index(box_set) < code.index(closed)  # first in the body
    assert code.count('effect="disappeared"') == 2  # named with the effect its click expects
    # A notice closed first in the block is named nowhere else: its own turn comes first.
    assert "closes_notice" not in _code(dismiss, box)
