"""The one template environment of every service: sandboxed Jinja whose range sizes, loop work, operator sizes
and output length are limited, and where a name that has no value is an error naming it (StrictUndefined).

Imported by the worker processes (so it must stay light: Jinja only, no gRPC) and by the services for the
in-process fast path of templates that only read names, and for reading which names a template uses.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from jinja2 import StrictUndefined, meta, nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from services.booleans import FALSE_WORDS, is_true

MAX_RANGE = 10_000  # items one range() may produce
MAX_RANGE_BUDGET = 100_000  # range() items one rendering may produce in all (nested loops multiply)
MAX_OUTPUT_CHARS = 1_000_000  # characters one rendering may produce
MAX_SEQUENCE_ITEMS = 1_000_000  # length of a string or list built with '*'
MAX_INT_BITS = 100_000  # size of an integer built with '*' or '**'
PARAMETER_TYPE_INTEGER, PARAMETER_TYPE_BOOLEAN, PARAMETER_TYPE_JSON = 2, 3, 4  # rote.v1.ParameterType

_FALSE_TEXTS = FALSE_WORDS | {"", "none"}

_range_budget: ContextVar[list[int]] = ContextVar("range_budget")


class TemplateProblem(Exception):
    """A user template or expression could not be rendered; the message says why (never a traceback)."""


class _BoundedRange:
    """range() for templates: at most MAX_RANGE items, and every item iterated counts against the budget."""

    def __init__(self, *args: int) -> None:
        self._values = range(*args)
        if len(self._values) > MAX_RANGE:
            raise TemplateProblem(f"range() of {len(self._values)} items; at most {MAX_RANGE}")

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, item: object) -> bool:
        return item in self._values

    def __getitem__(self, index: int) -> int:
        return self._values[index]

    def __iter__(self) -> Iterator[int]:
        budget = _range_budget.get(None)
        for value in self._values:
            if budget is not None:
                budget[0] -= 1
                if budget[0] < 0:
                    raise TemplateProblem(f"the template loops more than {MAX_RANGE_BUDGET} times over range()")
            yield value


def _finalize(value: Any) -> Any:
    """How a value prints: booleans as true/false and lists/objects as JSON, the way users wrote them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


class BoundedEnvironment(SandboxedEnvironment):
    """SandboxedEnvironment whose '*' and '**' cannot build huge values and whose range() is budgeted."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False, finalize=_finalize)
        self.globals["range"] = _BoundedRange

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0:
                if max(left.bit_length(), 1) * right > MAX_INT_BITS:
                    raise TemplateProblem(f"{left} ** {right} is too large")
            return left**right
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateProblem("the product is too large")
        elif isinstance(right, int) and right * _size(left) > MAX_SEQUENCE_ITEMS:
            raise TemplateProblem(f"a value of {right * _size(left)} items; at most {MAX_SEQUENCE_ITEMS}")
        elif isinstance(left, int) and left * _size(right) > MAX_SEQUENCE_ITEMS:
            raise TemplateProblem(f"a value of {left * _size(right)} items; at most {MAX_SEQUENCE_ITEMS}")
        return left * right


ENVIRONMENT = BoundedEnvironment()
# Globals such as range() or namespace() are not values a caller gives, though Jinja reports them as undeclared.
_BUILTIN_NAMES = frozenset(ENVIRONMENT.globals)
# Nodes of a template that only reads values: rendering it cannot loop, call, or compute.
_SIMPLE_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Const,
)


def problem_text(exc: BaseException) -> str:
    """One line saying what went wrong in a user template (the exception type when it has no message)."""
    if isinstance(exc, TemplateProblem):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "the template nests too deeply"
    if isinstance(exc, MemoryError):
        return "the template needs too much memory"
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


@functools.lru_cache(maxsize=512)
def _compiled(template: str) -> Any:
    """Compiling is most of the cost of a small rendering; the same templates come back run after run."""
    return ENVIRONMENT.from_string(template)


def template_names(template: str) -> set[str]:
    """Names ``template`` reads from its values (builtins such as range() left out); raises TemplateSyntaxError."""
    if "{" not in template:
        return set()
    return set(meta.find_undeclared_variables(ENVIRONMENT.parse(template))) - _BUILTIN_NAMES


@functools.lru_cache(maxsize=1024)
def is_simple(template: str) -> bool:
    """Whether ``template`` only prints names and their fields: such a template is rendered in-process."""
    if "{%" in template or "{#" in template:
        return False
    try:
        parsed = ENVIRONMENT.parse(template)
    except TemplateSyntaxError:
        return True  # rendering reports the syntax error at once, with no work done
    return all(isinstance(node, _SIMPLE_NODES) for node in parsed.find_all(nodes.Node))


def render(template: str, values: Mapping[str, Any]) -> str:
    """Render within the bounds; every failure (syntax, undefined name, type error, limit) is a TemplateProblem."""
    token = _range_budget.set([MAX_RANGE_BUDGET])
    try:
        compiled = _compiled(template)
        parts: list[str] = []
        length = 0
        for part in compiled.generate(dict(values)):
            length += len(part)
            if length > MAX_OUTPUT_CHARS:
                raise TemplateProblem(f"the template renders more than {MAX_OUTPUT_CHARS} characters")
            parts.append(part)
        return "".join(parts)
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - a user's template may raise anything; it is reported, not crashed on
        raise TemplateProblem(problem_text(exc)) from None
    finally:
        _range_budget.reset(token)


def evaluate(expression: str, values: Mapping[str, Any]) -> Any:
    """The native value of one expression (lists stay lists); failures are TemplateProblems."""
    token = _range_budget.set([MAX_RANGE_BUDGET])
    try:
        return ENVIRONMENT.compile_expression(expression, undefined_to_none=False)(**dict(values))
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - a user's expression may raise anything
        raise TemplateProblem(problem_text(exc)) from None
    finally:
        _range_budget.reset(token)


def truth(value: Any) -> bool:
    """Truth of a condition's value; the false words, "none" and "" are false strings."""
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE_TEXTS
    return bool(value)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data (what crosses to a worker), or a TemplateProblem naming its type."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise TemplateProblem(f"a {type(value).__name__} is not JSON data: {exc}") from None


def typed_value(kind: int, text: str) -> Any:
    """A parameter's value as its declared type: INTEGER an int, BOOLEAN a bool, JSON the parsed value.
    A value that does not read as its type stays text (the services refuse those before a run starts)."""
    try:
        if kind == PARAMETER_TYPE_INTEGER:
            return int(text.strip())
        if kind == PARAMETER_TYPE_BOOLEAN:
            return is_true(text)
        if kind == PARAMETER_TYPE_JSON:
            value = json.loads(text)
            if isinstance(value, float) and not math.isfinite(value):
                return text
            return value
    except ValueError:
        return text
    return text


def typed_values(parameters: Sequence[Any], values: Mapping[str, str]) -> dict[str, Any]:
    """Values by key, each with its parameter's type (``parameters`` are rote.v1.Parameter messages)."""
    kinds = {p.key: p.type for p in parameters}
    return {key: typed_value(kinds.get(key, 0), text) for key, text in values.items()}
