"""RunContext: what generated code may read about the run (parameters) and write (outputs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from executor_service.runtime.errors import ReplayFailed
from executor_service.runtime.schema_output import coerce, schema_errors


class ParameterValue(str):
    """A parameter's value that remembers its key, so recordings reference it instead of copying it."""

    key: str

    def __new__(cls, value: str, key: str) -> ParameterValue:
        obj = super().__new__(cls, value)
        obj.key = key
        return obj


@dataclass
class RunContext:
    """Per-run state shared by the generated functions of one run; never shared across runs."""

    run_id: str
    parameters: dict[str, str]
    secret_keys: frozenset[str] = frozenset()
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    current_block: str = ""

    def param(self, name: str) -> ParameterValue:
        """The value of parameter ``name`` (secret values too: code names them, never holds them)."""
        if name not in self.parameters:
            raise ReplayFailed(f"the script reads parameter {name!r}, which this run does not have")
        return ParameterValue(self.parameters[name], name)

    def begin_block(self, label: str) -> None:
        self.current_block = label

    def output(self, data: Any) -> Any:
        """Coerce extracted data to the block's JSON schema and check it; a mismatch fails the replay."""
        schema = self.schemas.get(self.current_block)
        if not schema:
            return data
        value = coerce(data, schema)
        errors = schema_errors(value, schema)
        if errors:
            raise ReplayFailed(f"extracted data does not match the block's schema: {'; '.join(errors[:3])}")
        return value
