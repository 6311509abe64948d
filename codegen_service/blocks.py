"""One block trace -> one ``@cached`` async function: its actions, extracted data and recorded end state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import parse_template_module, parse_template_statement

from codegen_service.actions import AT, action_statement, keyword, page_call, read_expression
from codegen_service.layout import multiline_dict
from codegen_service.literals import string_literal
from codegen_service.values import ValueResolver
from services.gen.rote.v1 import trace_pb2

_FUNCTION = '@cached({label})\nasync def {name}(page: Page, ctx: RunContext) -> {returns}:\n    pass\n'
_SIGNATURE = "await {name}(page, ctx)\n"


@dataclass(frozen=True)
class BlockCode:
    """A block's function node and what the cache service records about it."""

    label: str
    function_name: str
    function: cst.FunctionDef
    parameter_names: tuple[str, ...]

    @property
    def run_signature(self) -> str:
        return run_signature(self.function_name)


def signature_statement(function_name: str) -> cst.BaseStatement:
    """The statement ``await <name>(page, ctx)``."""
    return parse_template_statement(_SIGNATURE, name=cst.Name(function_name))


def run_signature(function_name: str) -> str:
    """The one statement that runs a block, as the cache service records it."""
    return cst.Module([]).code_for_node(signature_statement(function_name)).strip()


def function_node(label: str, name: str, body: list[cst.BaseStatement], *, returns: str) -> cst.FunctionDef:
    """``@cached("label") async def name(page: Page, ctx: RunContext) -> returns:`` with ``body``."""
    template = parse_template_module(
        _FUNCTION, label=string_literal(label), name=cst.Name(name), returns=cst.Name(returns)
    )
    function = template.body[0]
    assert isinstance(function, cst.FunctionDef)
    return function.with_changes(body=cst.IndentedBlock(body=body or [cst.SimpleStatementLine([cst.Pass()])]))


def _nested_fields(fields: list[tuple[str, cst.BaseExpression]], depth: int) -> cst.Dict:
    """Dotted field names ("quote.reference") become nested dicts, in first-seen order."""
    groups: dict[str, list[tuple[str, cst.BaseExpression]] | cst.BaseExpression] = {}
    for name, expression in fields:
        head, _, rest = name.partition(".")
        if rest:
            group = groups.setdefault(head, [])
            if isinstance(group, list):
                group.append((rest, expression))
        else:
            groups[head] = expression
    entries = [
        (string_literal(key), _nested_fields(value, depth + 1) if isinstance(value, list) else value)
        for key, value in groups.items()
    ]
    return multiline_dict(entries, depth)


def _extract_statement(action: trace_pb2.Action, where: str, first: bool) -> cst.BaseStatement:
    fields = [(field.name, read_expression(field, where)) for field in action.extract_fields]
    data = _nested_fields(fields, 1)
    if first:
        return parse_template_statement("data = {data}\n", data=data)
    return parse_template_statement("data.update({data})\n", data=data)


def _end_state(end_state: trace_pb2.EndState, values: ValueResolver) -> list[cst.BaseStatement]:
    args = []
    if end_state.url_pattern:
        # A regular expression: substituting parameter values would need escaping, so it stays literal.
        args.append(keyword("url_matches", string_literal(end_state.url_pattern)))
    if end_state.landmark_text:
        # "Signed in as alice" must follow the parameter on the next run, and must not copy its value.
        args.append(keyword("landmark", values.expression(end_state.landmark_text)))
    return [parse_template_statement("{call}\n", call=page_call("expect", args))] if args else []


def build_block(trace: trace_pb2.BlockTrace, name: str, parameter_values: Mapping[str, str]) -> BlockCode:
    """Generate the function for one block; raises UncacheableBlock when an element cannot be addressed."""
    values = ValueResolver(parameter_values)
    body: list[cst.BaseStatement] = []
    extracted = False
    for index, action in enumerate(trace.actions, start=1):
        where = f"block {trace.label!r}, action {index} ({AT.Name(action.type)})"
        if action.type == AT.ACTION_TYPE_EXTRACT:
            body.append(_extract_statement(action, where, first=not extracted))
            extracted = True
        else:
            body.append(action_statement(action, values, where))
    body.extend(_end_state(trace.end_state, values))
    if extracted:
        # ctx.output coerces the data to the block's JSON schema and fails the replay on a mismatch.
        body.append(parse_template_statement("return ctx.output(data)\n"))
    function = function_node(trace.label, name, body, returns="object" if extracted else "None")
    return BlockCode(trace.label, name, function, tuple(sorted(values.read)))
