"""The typed parameters model of generated modules (executor_service.runtime.parameters) and its generation."""

from __future__ import annotations

import libcst as cst
import pytest

from codegen_service.module import parameters_model
from executor_service.runtime import ReplayFailed, RunContext, Secret, WorkflowParameters
from services.gen.rote.v1 import workflow_pb2

PT = workflow_pb2.ParameterType


class Parameters(WorkflowParameters):
    """A hand-written model like the generated ones."""

    base_url: str
    seats: int = 5
    newsletter: bool = False
    coupon: str | None = None
    filters: object = []  # noqa: RUF012 - declarative default, as generated
    password: Secret
    class_: str = "economy"


def test_read_converts_to_the_declared_types_and_hides_secrets() -> None:
    ctx = RunContext(run_id="r", parameters={
        "base_url": "http://x", "seats": "7", "newsletter": "yes", "filters": '["a"]', "password": "pw",
        "class": "business",
    })
    values = Parameters.read(ctx)
    assert (values.base_url, values.seats, values.newsletter, values.coupon, values.filters) == (  # type: ignore[attr-defined]
        "http://x", 7, True, None, ["a"],
    )
    assert values.class_ == "business"  # type: ignore[attr-defined]
    assert "pw" not in repr(values) and "Secret('***')" in repr(values)


def test_check_names_missing_and_mistyped_parameters_without_values() -> None:
    ctx = RunContext(run_id="r", parameters={"seats": "many", "password": "hunter2-secret"})
    with pytest.raises(ReplayFailed) as raised:
        Parameters.check(ctx)
    assert raised.value.reason == "parameter 'base_url' is missing; parameter 'seats' is not a valid int"
    assert "hunter2" not in raised.value.reason


def test_generated_model_declares_every_parameter() -> None:
    workflow = workflow_pb2.Workflow(workflow_id="w", title="T", parameters=[
        workflow_pb2.Parameter(key="class", type=PT.PARAMETER_TYPE_STRING, required=True),
        workflow_pb2.Parameter(key="_hidden", type=PT.PARAMETER_TYPE_STRING),
        workflow_pb2.Parameter(key="limit", type=PT.PARAMETER_TYPE_INTEGER, has_default=True, default_value="-3"),
        workflow_pb2.Parameter(key="items", type=PT.PARAMETER_TYPE_JSON, has_default=True,
                               default_value='[{"a": 1.5, "b": null}]'),
        workflow_pb2.Parameter(key="token", secret=True, has_default=True, default_value="dont-show-me"),
        workflow_pb2.Parameter(key="note", description="Line one\nline two " + "x" * 200),
    ])
    code = cst.Module([parameters_model(workflow)]).code
    assert "    class_: str\n" in code
    assert "# parameter '_hidden' has no field" in code
    assert "    limit: int = -3\n" in code
    assert '    items: object = [{"a": 1.5, "b": None}]\n' in code
    assert "    token: Secret  # secret" in code and "dont-show-me" not in code
    assert "    note: str | None = None  # Line one line two xxx" in code
    assert all(len(line) <= 100 for line in code.splitlines())
