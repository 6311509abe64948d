"""A fill typed again at once into the same field with the same input (replayed code's, then the agent's when it
took over) is written once: each takeover used to add one more fill of the same value to the next script."""

from __future__ import annotations

import libcst as cst

from codegen_service.blocks import build_block, simple_generation
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.codegen.conftest import AT, LK, element, locator

ASSIGNEE = element(locator(LK.LOCATOR_KIND_LABEL, "Assignee"))
TITLE = element(locator(LK.LOCATOR_KIND_LABEL, "Title"))


def _fill(field: trace_pb2.ElementFingerprint, key: str, value: str) -> trace_pb2.Action:
    return trace_pb2.Action(type=AT.ACTION_TYPE_TYPE, element=field, value=value, parameter_key=key,
                            intent=f"Enter the {key}")


def _code(*actions: trace_pb2.Action) -> str:
    trace = trace_pb2.BlockTrace(label="issue", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=list(actions))
    generation = simple_generation({"assignee": "Ada Lovelace", "title": "Slow login"}, {"issue": "issue"})
    return cst.Module([]).code_for_node(build_block(trace, generation).function)


def test_a_fill_typed_again_at_once_is_written_once() -> None:
    code = _code(_fill(TITLE, "title", "Slow login"), _fill(ASSIGNEE, "assignee", "Ada Lovelace"),
                 _fill(ASSIGNEE, "assignee", "Ada Lovelace"), _fill(ASSIGNEE, "assignee", "Ada Lovelace"))
    assert code.count('Target(label="Assignee")') == 1
    assert code.count('Target(label="Title")') == 1


def test_fills_apart_or_of_other_values_all_stay() -> None:
    apart = _code(_fill(ASSIGNEE, "assignee", "Ada Lovelace"), _fill(TITLE, "title", "Slow login"),
                  _fill(ASSIGNEE, "assignee", "Ada Lovelace"))
    assert apart.count('Target(label="Assignee")') == 2  # something came between: both stay
    other = _code(_fill(ASSIGNEE, "assignee", "Ada Lovelace"), _fill(ASSIGNEE, "title", "Slow login"))
    assert other.count('Target(label="Assignee")') == 2
