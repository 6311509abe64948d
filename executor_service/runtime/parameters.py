"""Typed parameter models: the ``class Parameters(WorkflowParameters)`` at the top of a generated module.

A generated module declares its workflow's inputs as annotated fields (``plan: str``, ``roadside: bool = False``,
``password: Secret``). ``Parameters.check(ctx)`` fails a run early when a value is missing or has the wrong type;
``Parameters.read(ctx)`` gives typed values to code that wants them. Block code itself keeps reading strings with
``ctx.param("name")``: this model documents and checks, it never changes what the blocks receive.
"""

from __future__ import annotations

import inspect
import json
import keyword
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from executor_service.runtime.context import RunContext
from executor_service.runtime.errors import ReplayFailed
from services.booleans import FALSE_WORDS, TRUE_WORDS

# An empty value reads as false: a boolean parameter left blank was not ticked.
_FALSE = FALSE_WORDS | {""}


class Secret(str):
    """The type of a secret parameter: its value is read by name at run time and never shown by repr."""

    def __repr__(self) -> str:
        return "Secret('***')"


@dataclass(frozen=True)
class ParameterField:
    """One declared input: its parameter key, the type its value converts to, and its default if any."""

    name: str
    key: str
    kind: type
    optional: bool
    has_default: bool
    default: Any = None


def parameter_key(field_name: str) -> str:
    """The workflow parameter a field stands for: ``class_`` is parameter ``class`` (a keyword), else the same."""
    stripped = field_name[:-1]
    if field_name.endswith("_") and keyword.iskeyword(stripped):
        return stripped
    return field_name


_NAMED_TYPES: dict[str, Any] = {
    "str": str, "int": int, "float": float, "bool": bool, "object": object, "Secret": Secret, "None": None,
}


def _from_text(annotation: str) -> tuple[type, bool]:
    """A postponed annotation ("str | None"), read by name only: no evaluation."""
    names = [part.strip() for part in annotation.split("|")]
    if not names or any(name not in _NAMED_TYPES for name in names):
        raise TypeError(f"unsupported parameter annotation {annotation!r}")
    kinds = [_NAMED_TYPES[name] for name in names if name != "None"]
    if len(kinds) != 1:
        raise TypeError(f"unsupported parameter annotation {annotation!r}")
    return kinds[0], len(kinds) < len(names)


def _unwrap(annotation: Any) -> tuple[type, bool]:
    """(the value type, whether None is allowed) for ``str``, ``int | None`` and the like."""
    if isinstance(annotation, str):
        # Code compiled under ``from __future__ import annotations`` keeps annotations as text.
        return _from_text(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kinds = [arg for arg in args if arg is not type(None)]
        if len(kinds) == 1 and isinstance(kinds[0], type):
            return kinds[0], len(kinds) < len(args)
        raise TypeError(f"unsupported parameter annotation {annotation!r}")
    if isinstance(annotation, type):
        return annotation, False
    raise TypeError(f"unsupported parameter annotation {annotation!r}")


def _convert(kind: type, text: str) -> Any:
    if kind is bool:
        lowered = text.strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"{text!r} is not true/false")
    if kind is int:
        return int(text.strip())
    if kind is float:
        return float(text.strip())
    if kind is object:
        return json.loads(text)
    if kind is Secret:
        return Secret(text)
    return str(text)


class WorkflowParameters:
    """Base of a generated ``Parameters`` class; subclasses only declare annotated fields."""

    fields: ClassVar[dict[str, ParameterField]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, ParameterField] = {}
        for name, annotation in inspect.get_annotations(cls, eval_str=False).items():
            kind, optional = _unwrap(annotation)
            has_default = name in cls.__dict__
            fields[name] = ParameterField(
                name, parameter_key(name), kind, optional, has_default, cls.__dict__.get(name)
            )
        cls.fields = fields

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name, None)!r}" for name in self.fields)
        return f"{type(self).__name__}({shown})"

    @classmethod
    def problems(cls, parameters: dict[str, str]) -> list[str]:
        """What is wrong with a run's values (missing, or not of the declared type); names only, never values."""
        found: list[str] = []
        for spec in cls.fields.values():
            if spec.key not in parameters:
                if not (spec.has_default or spec.optional):
                    found.append(f"parameter {spec.key!r} is missing")
                continue
            try:
                _convert(spec.kind, parameters[spec.key])
            except (TypeError, ValueError):
                found.append(f"parameter {spec.key!r} is not a valid {spec.kind.__name__}")
        return found

    @classmethod
    def check(cls, ctx: RunContext) -> None:
        """Fail the run before any block runs when the given values do not fit the model."""
        found = cls.problems(ctx.parameters)
        if found:
            raise ReplayFailed("; ".join(found))

    @classmethod
    def read(cls, ctx: RunContext) -> WorkflowParameters:
        """The run's values, converted to the declared types (defaults and None filled in)."""
        cls.check(ctx)
        values: dict[str, Any] = {}
        for spec in cls.fields.values():
            if spec.key in ctx.parameters:
                values[spec.name] = _convert(spec.kind, ctx.parameters[spec.key])
            else:
                values[spec.name] = spec.default if spec.has_default else None
        return cls(**values)
