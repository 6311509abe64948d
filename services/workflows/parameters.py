"""Run parameters checked against the definition: required, unknown, secret, and typed values."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from services.booleans import BOOLEAN_WORDS
from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2

PT = workflow_pb2


def check_type(parameter: workflow_pb2.Parameter, value: str, *, what: str = "parameter") -> None:
    """Raise InvalidArgument when ``value`` cannot be read as the parameter's type."""
    if parameter.type == PT.PARAMETER_TYPE_INTEGER:
        try:
            int(value.strip())
        except ValueError:
            raise InvalidArgument(f"{what} {parameter.key!r} must be an integer, got {value!r}") from None
    elif parameter.type == PT.PARAMETER_TYPE_BOOLEAN:
        if value.strip().lower() not in BOOLEAN_WORDS:
            raise InvalidArgument(f"{what} {parameter.key!r} must be a boolean (true/false), got {value!r}")
    elif parameter.type == PT.PARAMETER_TYPE_JSON:
        try:
            json.loads(value)
        except ValueError:
            raise InvalidArgument(f"{what} {parameter.key!r} must be JSON, got {value!r}") from None


def validate_run_parameters(
    workflow: workflow_pb2.Workflow,
    values: Mapping[str, str],
    secret_names: Iterable[str],
    *,
    require_all: bool = True,
) -> dict[str, str]:
    """Non-secret values with defaults filled in; secret values are never accepted here, only names."""
    declared = {p.key: p for p in workflow.parameters}
    secret_given = set(secret_names)
    unknown = sorted((set(values) | secret_given) - set(declared))
    if unknown:
        raise InvalidArgument(f"unknown parameter(s): {', '.join(unknown)}")
    leaked = sorted(key for key in values if declared[key].secret)
    if leaked:
        raise InvalidArgument(f"secret parameter(s) must be named in secret_parameters, not sent: {', '.join(leaked)}")
    not_secret = sorted(key for key in secret_given if not declared[key].secret)
    if not_secret:
        raise InvalidArgument(f"parameter(s) listed as secret are not secret: {', '.join(not_secret)}")
    if require_all:
        given = set(values) | secret_given
        missing = [p.key for p in workflow.parameters if p.required and not p.has_default and p.key not in given]
        if missing:
            raise InvalidArgument(f"missing required parameter(s): {', '.join(missing)}")
    effective: dict[str, str] = {}
    for parameter in workflow.parameters:
        if parameter.secret:
            continue
        if parameter.key in values:
            check_type(parameter, values[parameter.key])
            effective[parameter.key] = values[parameter.key]
        elif parameter.has_default:
            effective[parameter.key] = parameter.default_value
    return effective
