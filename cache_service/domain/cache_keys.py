"""Rendering of a workflow's cache_key template, which selects the script a run uses."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from services.errors import InvalidArgument

DEFAULT_CACHE_KEY = "default"
MAX_CACHE_KEY_LENGTH = 255
_ENV = SandboxedEnvironment(autoescape=False)


def render_cache_key(template: str, non_secret_parameters: Mapping[str, str]) -> str:
    """The rendered, stripped key; "default" when the template is empty or renders to nothing."""
    if not template.strip():
        return DEFAULT_CACHE_KEY
    try:
        rendered = _ENV.from_string(template).render(dict(non_secret_parameters)).strip()
    except TemplateError as exc:
        raise InvalidArgument(f"cannot render cache_key {template!r}: {exc}") from exc
    if len(rendered) > MAX_CACHE_KEY_LENGTH:
        raise InvalidArgument(f"cache_key renders to {len(rendered)} characters; at most {MAX_CACHE_KEY_LENGTH}")
    return rendered or DEFAULT_CACHE_KEY
