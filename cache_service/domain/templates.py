"""Static analysis of Jinja templates: which names a template or expression reads."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError

from services.errors import InvalidArgument
from services.isolation import templating


def template_names(template: str, where: str) -> set[str]:
    """Names ``template`` reads; a syntax error is an InvalidArgument naming ``where``."""
    if "{" not in template:
        return set()
    try:
        return templating.template_names(template)
    except TemplateSyntaxError as exc:
        raise InvalidArgument(f"{where}: template syntax error: {exc.message}") from exc


def expression_names(expression: str, where: str) -> set[str]:
    """Names a branch expression reads, written bare (plan == 'pro') or as '{{ ... }}'."""
    text = expression.strip()
    if not text:
        return set()
    if not (text.startswith("{{") and text.endswith("}}")):
        text = "{{ " + text + " }}"
    return template_names(text, where)
