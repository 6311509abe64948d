"""Sandboxed Jinja rendering of block templates and conditional expressions."""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from services.errors import InvalidArgument

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def render(template: str, values: dict[str, Any]) -> str:
    """Render ``template`` over parameters and outputs; a missing name is an error, not an empty string."""
    if "{" not in template:
        return template
    try:
        return _ENV.from_string(template).render(values)
    except TemplateError as exc:
        raise InvalidArgument(f"cannot render {template!r}: {exc}") from exc


def whole_parameter(template: str) -> str:
    """The parameter name when ``template`` is exactly one '{{ name }}' reference, else ''."""
    stripped = template.strip()
    if stripped.startswith("{{") and stripped.endswith("}}"):
        inner = stripped[2:-2].strip()
        if inner.isidentifier():
            return inner
    return ""


def evaluate_condition(expression: str, values: dict[str, Any]) -> bool:
    """Truth of a branch expression, written either bare (plan == 'pro') or as '{{ ... }}'."""
    text = expression.strip()
    if text.startswith("{{") and text.endswith("}}"):
        text = text[2:-2]
    try:
        result = _ENV.compile_expression(text, undefined_to_none=False)(**values)
    except TemplateError as exc:
        raise InvalidArgument(f"cannot evaluate condition {expression!r}: {exc}") from exc
    if isinstance(result, str):
        return result.strip().lower() not in {"", "false", "0", "no", "none"}
    return bool(result)


def evaluate_value(expression: str, values: dict[str, Any]) -> Any:
    """The native value of one expression ('invoices', 'extract.rows'), not its text (lists stay lists)."""
    try:
        return _ENV.compile_expression(expression, undefined_to_none=False)(**values)
    except TemplateError as exc:
        raise InvalidArgument(f"cannot evaluate {expression!r}: {exc}") from exc
