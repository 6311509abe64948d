"""What replayed code already entered before a block fell back to the agent (pure: recorded actions only)."""

from __future__ import annotations

from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.agents.takeover import keys_done
from services.gen.rote.v1 import trace_pb2, workflow_pb2

AT = trace_pb2.ActionType


def _chosen(label: str, shown: str) -> trace_pb2.Action:
    return trace_pb2.Action(
        type=AT.ACTION_TYPE_SELECT_OPTION, value=shown, element=trace_pb2.ElementFingerprint(label=label),
        postcondition=trace_pb2.Postcondition(verified=True, observed=shown),
    )


def _task(payload: dict[str, str], done: list[trace_pb2.Action]) -> AgentTask:
    return AgentTask(block=workflow_pb2.Block(label="b"), payload={k: RenderedValue(v) for k, v in payload.items()},
                     actions_done=done)


def test_an_option_naming_more_than_the_value_entered_it_but_a_longer_name_made_of_it_did_not() -> None:
    # An address list's option holds the street and more: the street went in with it.
    assert "street" in keys_done(_task({"street": "120 Holly Bank"}, [_chosen("Address", "120 Holly Bank, Durham")]))
    # A region named after the country ("Australia and the Pacific") is another thing: the country is still to do.
    region = _chosen("Region", "Australia and the Pacific")
    assert "destination_country" not in keys_done(_task({"destination_country": "Australia"}, [region]))
