"""Builds agent tasks for the demo workflow's blocks, the way the engine renders them."""

from __future__ import annotations

import json
import pathlib

from executor_service.agents.base import AgentTask, RenderedValue
from executor_service.engine.templates import render, whole_parameter
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import workflow_pb2
from services.workflows import load_parameters_file, load_workflow_file

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORKFLOW = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")
SECRET_KEYS = {p.key for p in WORKFLOW.parameters if p.secret}


def demo_params(name: str, base_url: str) -> dict[str, str]:
    """A parameter file of the demo, with defaults filled in and the site's URL."""
    defaults = {p.key: p.default_value for p in WORKFLOW.parameters if p.has_default}
    return {**defaults, **load_parameters_file(ROOT / "examples" / "params" / f"{name}.yaml"), "base_url": base_url}


def block(label: str) -> workflow_pb2.Block:
    return next(b for b in WORKFLOW.blocks if b.label == label)


def task_for(label: str, params: dict[str, str]) -> AgentTask:
    b = block(label)
    payload = {
        key: RenderedValue(render(t, params), whole_parameter(t) or None, whole_parameter(t) in SECRET_KEYS)
        for key, t in b.payload.items()
    }
    schema = json.loads(b.extraction_schema_json) if b.extraction_schema_json else None
    return AgentTask(
        block=b,
        payload=payload,
        goal=render(b.goal, params),
        completion_criterion=b.completion_criterion,
        schema=schema,
        max_steps=b.max_steps or 10,
    )


def recorder_for(params: dict[str, str]) -> ActionRecorder:
    return ActionRecorder(parameters=params, secret_keys=SECRET_KEYS)
