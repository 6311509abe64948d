"""One recorded action -> one awaited runtime call, for each ActionType (EXTRACT is assembled in blocks.py)."""

from __future__ import annotations

import libcst as cst
from libcst.helpers import parse_template_statement

from codegen_service.literals import number_literal, string_literal
from codegen_service.locators import rank_locators
from codegen_service.values import ValueResolver
from services.gen.rote.v1 import trace_pb2

AT = trace_pb2.ActionType
# Action types whose runtime call takes a Target that must not be None.
NEEDS_TARGET = frozenset(
    {
        AT.ACTION_TYPE_CLICK, AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION, AT.ACTION_TYPE_CHECK,
        AT.ACTION_TYPE_UNCHECK, AT.ACTION_TYPE_UPLOAD_FILE, AT.ACTION_TYPE_HOVER, AT.ACTION_TYPE_DOWNLOAD,
    }
)
# Runtime method and whether the action's value is passed (after the target) as its second argument.
_METHODS: dict[int, tuple[str, bool]] = {
    AT.ACTION_TYPE_CLICK: ("click", False),
    AT.ACTION_TYPE_TYPE: ("fill", True),
    AT.ACTION_TYPE_SELECT_OPTION: ("select", True),
    AT.ACTION_TYPE_CHECK: ("check", False),
    AT.ACTION_TYPE_UNCHECK: ("uncheck", False),
    AT.ACTION_TYPE_UPLOAD_FILE: ("upload", True),
    AT.ACTION_TYPE_HOVER: ("hover", False),
    AT.ACTION_TYPE_DOWNLOAD: ("download", False),
}


class UncacheableBlock(Exception):
    """The trace cannot become code (e.g. an element with no stable locator); the block stays on the agent."""


def target_expression(element: trace_pb2.ElementFingerprint, where: str) -> cst.BaseExpression:
    """``Target(role="button", name="Get quote", css="...")``; raises UncacheableBlock when nothing stable is left."""
    spec = rank_locators(element)
    if not spec:
        raise UncacheableBlock(f"{where}: the element has no stable locator")
    args = [keyword(key, string_literal(value)) for key, value in spec.arguments]
    return cst.Call(func=cst.Name("Target"), args=args)


# libcst's default renders "k = v"; PEP 8 wants "k=v" for keyword arguments.
_EQUAL = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    """A ``name=value`` argument."""
    return cst.Arg(keyword=cst.Name(name), value=value, equal=_EQUAL)


def page_call(method: str, args: list[cst.Arg]) -> cst.BaseExpression:
    """``await page.<method>(args...)`` as an expression."""
    return cst.Await(expression=cst.Call(func=cst.Attribute(value=cst.Name("page"), attr=cst.Name(method)), args=args))


def _optional_target(action: trace_pb2.Action, where: str) -> cst.BaseExpression:
    if action.HasField("element") and rank_locators(action.element):
        return target_expression(action.element, where)
    return cst.Name("None")


def _intent(action: trace_pb2.Action) -> list[cst.Arg]:
    return [keyword("intent", string_literal(action.intent))] if action.intent else []


def value_expression(action: trace_pb2.Action, values: ValueResolver) -> cst.BaseExpression:
    """The typed or chosen value: the named parameter when the trace says so, else the resolved literal."""
    if action.parameter_key:
        return values.reference(action.parameter_key)
    return values.expression(action.value)


def action_statement(action: trace_pb2.Action, values: ValueResolver, where: str) -> cst.BaseStatement:
    """The statement replaying one non-EXTRACT action."""
    kind = action.type
    if kind == AT.ACTION_TYPE_GOTO:
        url = values.reference(action.parameter_key) if action.parameter_key else values.expression(
            action.url or action.value
        )
        expression = page_call("goto", [cst.Arg(url), *_intent(action)])
    elif kind in _METHODS:
        method, takes_value = _METHODS[kind]
        args = [cst.Arg(target_expression(action.element, where))]
        if takes_value:
            args.append(cst.Arg(value_expression(action, values)))
        args.extend(_intent(action))
        if kind == AT.ACTION_TYPE_CLICK and action.irreversible:
            args.append(keyword("irreversible", cst.Name("True")))
        expression = page_call(method, args)
    elif kind == AT.ACTION_TYPE_PRESS_KEY:
        # Keys ("Enter", "Tab") are part of the recipe, not data, so they stay literal.
        key = string_literal(action.value or "Enter")
        expression = page_call("press", [cst.Arg(_optional_target(action, where)), cst.Arg(key), *_intent(action)])
    elif kind == AT.ACTION_TYPE_SCROLL:
        args = [cst.Arg(_optional_target(action, where)), keyword("amount", number_literal(action.amount))]
        expression = page_call("scroll", [*args, *_intent(action)])
    elif kind == AT.ACTION_TYPE_WAIT:
        expression = page_call("wait", [cst.Arg(number_literal(action.amount)), *_intent(action)])
    else:
        raise ValueError(f"{where}: action type {AT.Name(kind)} has no statement form")
    return parse_template_statement("{call}\n", call=expression)


def read_expression(field: trace_pb2.ExtractField, where: str) -> cst.BaseExpression:
    """``await page.text(Target(...))`` for a scalar, ``await page.table(Target(...), columns={...})`` for a table."""
    target = target_expression(field.element, f"{where}, field {field.name!r}")
    intent = [keyword("intent", string_literal(f"Read {field.name}"))]
    if not field.columns:
        return page_call("text", [cst.Arg(target), *intent])
    # Map order is not stable on the wire; sorting keeps the output byte-identical for the same trace.
    columns = cst.Dict(
        [cst.DictElement(string_literal(key), string_literal(field.columns[key])) for key in sorted(field.columns)]
    )
    return page_call("table", [cst.Arg(target), keyword("columns", columns), *intent])
