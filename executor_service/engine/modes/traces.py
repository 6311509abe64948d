"""Actions made ready for a block's trace: parameter keys the trace may name, and bindings to the block's inputs."""

from __future__ import annotations

from typing import Any

from executor_service.bindings import bindings_for, template_inputs, whole_input
from executor_service.engine.modes.scope import RunScope
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2


def for_trace(actions: list[trace_pb2.Action], parameters: dict[str, str]) -> list[trace_pb2.Action]:
    """Replayed actions as trace input: parameter_key may name a workflow parameter or a loop item path
    (current_item.sku); anything else is dropped and the literal value kept."""
    cleaned = []
    for action in actions:
        loop_value = action.parameter_key.split(".")[0] in ("current_item", "current_value")
        if action.parameter_key and action.parameter_key not in parameters and not loop_value:
            copy = trace_pb2.Action()
            copy.CopyFrom(action)
            copy.parameter_key = ""
            action = copy
        cleaned.append(action)
    return cleaned


def with_bindings(
    scope: RunScope, block: workflow_pb2.Block, actions: list[trace_pb2.Action]
) -> list[trace_pb2.Action]:
    """Replayed actions bound to the block's inputs as the recorder binds the agent's, so a script regenerated
    from a run that replayed (then fell back) reads this run's inputs too, not their values."""
    probe = ActionRecorder(parameters=scope.ctx.parameters, secret_keys=set(scope.ctx.secret_keys))
    bind_inputs(scope, probe, block, scope.template_values())
    inputs = [*probe.payload_inputs.values(), *probe.inputs]
    opening = f"Open the page for {block.label}"  # the intent of the block URL's navigation (see run_agent)
    bound = []
    for action in actions:
        copy = trace_pb2.Action()
        copy.CopyFrom(action)
        if not action.bindings and inputs:
            copy.bindings.extend(bindings_for(copy, inputs, row_text=action.element.attributes.get("row", "")))
        templated = "{" in block.url
        if templated and action.type == trace_pb2.ACTION_TYPE_GOTO and action.intent == opening:
            copy.url_template = block.url
        bound.append(copy)
    return bound


def bind_inputs(scope: RunScope, recorder: ActionRecorder, block: workflow_pb2.Block, values: dict[str, Any]) -> None:
    """Tell the recorder which inputs the goal and payload were rendered from (issue 15: bindings)."""
    params, secrets = scope.ctx.parameters, scope.ctx.secret_keys
    goal = template_inputs(block.goal, values, parameters=params, secret_keys=secrets)
    payload = {
        key: found
        for key, template in block.payload.items()
        if (found := whole_input(template, values, parameters=params, secret_keys=secrets))
    }
    recorder.bind_inputs(goal, payload)
