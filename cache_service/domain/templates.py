"""Static analysis of Jinja templates: which names a template or expression reads."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from services.errors import InvalidArgument

_ENV = SandboxedEnvironment(autoescape=False)
# Globals such as range() or namespace() are not parameters even though Jinja reports them as undeclared.
_BUILTIN_NAMES = frozenset(_ENV.globals)


def template_names(template: str, where: str) -> set[str]:
    """Names ``template`` reads; a syntax error is an InvalidArgument naming ``where``."""
    if "{" not in template:
        return set()
    try:
        parsed = _ENV.parse(template)
    except TemplateSyntaxError as exc:
        raise InvalidArgument(f"{where}: template syntax error: {exc.message}") from exc
    return set(meta.find_undeclared_variables(parsed)) - _BUILTIN_NAMES


def expression_names(expression: str, where: str) -> set[str]:
    """Names a branch expression reads, written bare (plan == 'pro') or as '{{ ... }}'."""
    text = expression.strip()
    if not text:
        return set()
    if not (text.startswith("{{") and text.endswith("}}")):
        text = "{{ " + text + " }}"
    return template_names(text, where)
