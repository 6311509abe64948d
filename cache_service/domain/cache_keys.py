"""Rendering of a workflow's cache_key template, which selects the script a run uses.

Bounded like every user template; one that does more than print names renders in a template worker process
under a hard time limit, so a hostile key never stalls the cache service. Any failure is INVALID_ARGUMENT.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from jinja2 import TemplateSyntaxError

from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2
from services.isolation import templating
from services.isolation.pool import template_pool, template_timeout_s

DEFAULT_CACHE_KEY = "default"
MAX_CACHE_KEY_LENGTH = 255


def _finish(rendered: str) -> str:
    rendered = rendered.strip()
    if len(rendered) > MAX_CACHE_KEY_LENGTH:
        raise InvalidArgument(f"cache_key renders to {len(rendered)} characters; at most {MAX_CACHE_KEY_LENGTH}")
    return rendered or DEFAULT_CACHE_KEY


@functools.lru_cache(maxsize=1024)
def _names(template: str) -> frozenset[str]:
    """Parsing is most of the cost of rendering a small key, and every run of a workflow has the same template."""
    try:
        return frozenset(templating.template_names(template))
    except TemplateSyntaxError:
        return frozenset()  # rendering reports the syntax error


def _with_absent_names(template: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` plus "" for each name the key reads that was not given: an optional parameter left out selects
    the key without it (the one template environment is strict, so the blank is given, not assumed)."""
    return {name: "" for name in _names(template)} | dict(values)


def render_cache_key(template: str, non_secret_parameters: Mapping[str, Any]) -> str:
    """The rendered, stripped key, in-process; "default" when the template is empty or renders to nothing."""
    if not template.strip():
        return DEFAULT_CACHE_KEY
    try:
        rendered = templating.render(template, _with_absent_names(template, non_secret_parameters))
    except templating.TemplateProblem as exc:
        raise InvalidArgument(f"cannot render cache_key {template!r}: {exc}") from None
    return _finish(rendered)


async def resolve_cache_key(workflow: workflow_pb2.Workflow, non_secret_parameters: Mapping[str, str]) -> str:
    """The key of a run: typed parameters (INTEGER an int, ...); a lone '{{ name }}' keeps the text as given."""
    template = workflow.cache_key
    if not template.strip() or "{" not in template or templating.is_simple(template):
        # Printing names only: each value prints as given, so the keys of existing scripts stay the same.
        return render_cache_key(template, non_secret_parameters)
    values = _with_absent_names(template, templating.typed_values(workflow.parameters, non_secret_parameters))
    job = {"op": "render", "text": template, "values": values}
    try:
        rendered = await template_pool().run(job, template_timeout_s())
    except templating.TemplateProblem as exc:
        raise InvalidArgument(f"cannot render cache_key {template!r}: {exc}") from None
    return _finish(str(rendered))
