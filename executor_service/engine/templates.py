"""Rendering of block templates and conditional expressions: bounded, and away from the event loop.

A template that only prints names ('{{ base_url }}/quote') is rendered in-process by the bounded environment;
anything that can loop, call or compute goes to a template worker process with a hard time limit, so one hostile
template never stalls the executor. Every failure is an InvalidArgument naming the template: the block fails with
that message and the run ends normally.
"""

from __future__ import annotations

from typing import Any

from jinja2 import TemplateSyntaxError

from services.errors import InvalidArgument
from services.isolation import templating
from services.isolation.pool import template_pool, template_timeout_s


def _names(template: str) -> set[str] | None:
    """Names the template reads (None when it does not parse: the worker reports the syntax error)."""
    try:
        return templating.template_names(template)
    except TemplateSyntaxError:
        return None


def _needed(template: str, values: dict[str, Any]) -> dict[str, Any]:
    names = _names(template)
    return {k: v for k, v in values.items() if names is None or k in names}


def render(template: str, values: dict[str, Any]) -> str:
    """In-process bounded rendering (for templates known to be simple, and for tests); a missing name is an error."""
    if "{" not in template:
        return template
    try:
        return templating.render(template, values)
    except templating.TemplateProblem as exc:
        raise InvalidArgument(f"cannot render {template!r}: {exc}") from None


async def render_isolated(template: str, values: dict[str, Any]) -> str:
    """Render ``template``; anything beyond printing names runs in a template worker under a time limit."""
    if "{" not in template:
        return template
    if templating.is_simple(template):
        return render(template, values)
    job = {"op": "render", "text": template, "values": _needed(template, values)}
    return str(await _in_worker(job, f"cannot render {template!r}"))


def whole_parameter(template: str) -> str:
    """The parameter name when ``template`` is exactly one '{{ name }}' reference, else ''."""
    stripped = template.strip()
    if stripped.startswith("{{") and stripped.endswith("}}"):
        inner = stripped[2:-2].strip()
        if inner.isidentifier():
            return inner
    return ""


def _bare(expression: str) -> str:
    text = expression.strip()
    if text.startswith("{{") and text.endswith("}}"):
        text = text[2:-2]
    return text


async def evaluate_condition(expression: str, values: dict[str, Any]) -> bool:
    """Truth of a branch expression, written either bare (plan == 'pro') or as '{{ ... }}'."""
    text = _bare(expression)
    job = {"op": "condition", "text": text, "values": _needed("{{ " + text + " }}", values)}
    return bool(await _in_worker(job, f"cannot evaluate condition {expression!r}"))


async def evaluate_value(expression: str, values: dict[str, Any]) -> Any:
    """The native value of one expression ('invoices', 'extract.rows'), not its text (lists stay lists)."""
    text = expression.strip()
    if text.isidentifier():
        if text not in values:
            raise InvalidArgument(f"cannot evaluate {expression!r}: {text!r} is undefined")
        return values[text]
    job = {"op": "value", "text": text, "values": _needed("{{ " + text + " }}", values)}
    return await _in_worker(job, f"cannot evaluate {expression!r}")


async def _in_worker(job: dict[str, Any], what: str) -> Any:
    try:
        return await template_pool().run(job, template_timeout_s())
    except templating.TemplateProblem as exc:
        raise InvalidArgument(f"{what}: {exc}") from None
    except (TypeError, ValueError) as exc:  # values that are not JSON data cannot reach a worker
        raise InvalidArgument(f"{what}: {exc}") from None
