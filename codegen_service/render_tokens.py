"""Whitespace and expression nodes written as libcst writes them (render.py adds statements and the entry points)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import libcst as cst

# libcst writes each node through hooks and context managers kept for position metadata, which we never ask for:
# about 1.5 ms of a block's 10. Each function below writes exactly the tokens of the same node's `_codegen_impl`
# (libcst 1.x) for the node types and field values our builders emit; anything else raises Unsupported and the
# caller renders the whole node with libcst instead, so an unexpected shape costs time, never different bytes.
# tests/codegen/test_render.py compares both renderings over every golden scenario.

DEFAULT = cst.MaybeSentinel.DEFAULT
INDENT = cst.Module([]).default_indent
NEWLINE = cst.Module([]).default_newline


class Unsupported(Exception):
    """A node type or field value the fast path does not write."""


Out = list[str]


# Writers take the node type they are registered for (Any: Callable parameters are contravariant).
Writer = Callable[[Any, Out, str], None]


class LineFitter(list[str]):
    """An Out that lays out the value of each one-statement line: layout.py splits a long one, as fit_lines would."""

    def value_writer(self, statement: cst.BaseSmallStatement, indent: str) -> Writer:
        raise NotImplementedError


def write(node: cst.CSTNode, out: Out, indent: str) -> None:
    writer = WRITERS.get(type(node))
    if writer is None:
        raise Unsupported(type(node).__name__)
    writer(node, out, indent)


def no_parens(node: cst.CSTNode) -> None:
    if getattr(node, "lpar", None) or getattr(node, "rpar", None):
        raise Unsupported("parentheses")


# --------------------------------------------------------------------------------------------- whitespace, tokens


def _simple_whitespace(node: cst.SimpleWhitespace, out: Out, indent: str) -> None:
    out.append(node.value)


def _parenthesized_whitespace(node: cst.ParenthesizedWhitespace, out: Out, indent: str) -> None:
    trailing(node.first_line, out, indent)
    for line in node.empty_lines:
        empty_line(line, out, indent)
    if node.indent:
        out.append(indent)
    write(node.last_line, out, indent)


def _newline(node: cst.Newline, out: Out, indent: str) -> None:
    out.append(NEWLINE if node.value is None else node.value)


def trailing(node: cst.TrailingWhitespace, out: Out, indent: str) -> None:
    write(node.whitespace, out, indent)
    if node.comment is not None:
        out.append(node.comment.value)
    _newline(node.newline, out, indent)


def empty_line(node: cst.EmptyLine, out: Out, indent: str) -> None:
    if node.indent:
        out.append(indent)
    write(node.whitespace, out, indent)
    if node.comment is not None:
        out.append(node.comment.value)
    _newline(node.newline, out, indent)


def _one_token(token: str) -> Writer:
    def write_token(node: cst.CSTNode, out: Out, indent: str) -> None:
        write(node.whitespace_before, out, indent)  # type: ignore[attr-defined]
        out.append(token)
        write(node.whitespace_after, out, indent)  # type: ignore[attr-defined]

    return write_token


def comma(comma: object, default: bool, default_text: str, out: Out, indent: str) -> None:
    if comma is DEFAULT:
        if default:
            out.append(default_text)
    elif type(comma) is cst.Comma:
        write(comma, out, indent)
    else:
        raise Unsupported("comma")


# --------------------------------------------------------------------------------------------- expressions


def _value(node: cst.Name | cst.SimpleString | cst.Integer | cst.Float, out: Out, indent: str) -> None:
    if node.lpar or node.rpar:
        raise Unsupported("parentheses")
    out.append(node.value)


def _attribute(node: cst.Attribute, out: Out, indent: str) -> None:
    no_parens(node)
    write(node.value, out, indent)
    write(node.dot, out, indent)
    write(node.attr, out, indent)


def arg_head(node: cst.Arg, out: Out, indent: str) -> None:
    """What an argument writes before its value: star, keyword and equal sign."""
    out.append(node.star)
    write(node.whitespace_after_star, out, indent)
    if node.keyword is not None:
        write(node.keyword, out, indent)
    if node.equal is DEFAULT:
        if node.keyword is not None:
            out.append(" = ")
    elif type(node.equal) is cst.AssignEqual:
        write(node.equal, out, indent)
    else:
        raise Unsupported("equal")


def write_arg(node: cst.Arg, out: Out, indent: str, default_comma: bool) -> None:
    arg_head(node, out, indent)
    write(node.value, out, indent)
    comma(node.comma, default_comma, ", ", out, indent)
    write(node.whitespace_after_arg, out, indent)


def _call(node: cst.Call, out: Out, indent: str) -> None:
    no_parens(node)
    write(node.func, out, indent)
    write(node.whitespace_after_func, out, indent)
    out.append("(")
    write(node.whitespace_before_args, out, indent)
    last = len(node.args) - 1
    for index, item in enumerate(node.args):
        if type(item) is not cst.Arg:
            raise Unsupported("argument")
        write_arg(item, out, indent, index != last)
    out.append(")")


def _await(node: cst.Await, out: Out, indent: str) -> None:
    no_parens(node)
    out.append("await")
    write(node.whitespace_after_await, out, indent)
    write(node.expression, out, indent)


def _unary(node: cst.UnaryOperation, out: Out, indent: str) -> None:
    no_parens(node)
    if type(node.operator) is not cst.Minus:
        raise Unsupported("unary operator")
    out.append("-")
    write(node.operator.whitespace_after, out, indent)
    write(node.expression, out, indent)


def _binary(node: cst.BinaryOperation, out: Out, indent: str) -> None:
    no_parens(node)
    write(node.left, out, indent)
    write(node.operator, out, indent)
    write(node.right, out, indent)


def _comparison(node: cst.Comparison, out: Out, indent: str) -> None:
    no_parens(node)
    write(node.left, out, indent)
    for target in node.comparisons:
        write(target.operator, out, indent)
        write(target.comparator, out, indent)


def _elements(elements: object, out: Out, indent: str) -> None:
    assert isinstance(elements, list | tuple)
    last = len(elements) - 1
    for index, element in enumerate(elements):
        kind = type(element)
        if kind is cst.Element:
            write(element.value, out, indent)
        elif kind is cst.DictElement:
            write(element.key, out, indent)
            write(element.whitespace_before_colon, out, indent)
            out.append(":")
            write(element.whitespace_after_colon, out, indent)
            write(element.value, out, indent)
        else:
            raise Unsupported(kind.__name__)
        comma(element.comma, index < last, ", ", out, indent)


def _dict(node: cst.Dict, out: Out, indent: str) -> None:
    no_parens(node)
    out.append("{")
    write(node.lbrace.whitespace_after, out, indent)
    _elements(node.elements, out, indent)
    write(node.rbrace.whitespace_before, out, indent)
    out.append("}")


def _list(node: cst.List, out: Out, indent: str) -> None:
    no_parens(node)
    out.append("[")
    write(node.lbracket.whitespace_after, out, indent)
    _elements(node.elements, out, indent)
    write(node.rbracket.whitespace_before, out, indent)
    out.append("]")


def _formatted_string(node: cst.FormattedString, out: Out, indent: str) -> None:
    no_parens(node)
    out.append(node.start)
    for part in node.parts:
        if type(part) is cst.FormattedStringText:
            out.append(part.value)
            continue
        if type(part) is not cst.FormattedStringExpression:
            raise Unsupported("f-string part")
        if part.equal is not None or part.conversion is not None or part.format_spec is not None:
            raise Unsupported("f-string conversion or format")
        out.append("{")
        write(part.whitespace_before_expression, out, indent)
        write(part.expression, out, indent)
        write(part.whitespace_after_expression, out, indent)
        out.append("}")
    out.append(node.end)


def annotation(node: cst.Annotation, out: Out, indent: str, indicator: str) -> None:
    before = node.whitespace_before_indicator
    if before is DEFAULT:
        if indicator == "->":
            out.append(" ")
    else:
        write(before, out, indent)
    out.append(indicator)
    write(node.whitespace_after_indicator, out, indent)
    write(node.annotation, out, indent)


WRITERS: dict[type, Writer] = {
    cst.SimpleWhitespace: _simple_whitespace,
    cst.ParenthesizedWhitespace: _parenthesized_whitespace,
    cst.Newline: _newline,
    cst.TrailingWhitespace: trailing,
    cst.EmptyLine: empty_line,
    cst.Comma: _one_token(","),
    cst.Dot: _one_token("."),
    cst.AssignEqual: _one_token("="),
    cst.Equal: _one_token("=="),
    cst.BitOr: _one_token("|"),
    cst.Name: _value,
    cst.SimpleString: _value,
    cst.Integer: _value,
    cst.Float: _value,
    cst.Attribute: _attribute,
    cst.Call: _call,
    cst.Await: _await,
    cst.UnaryOperation: _unary,
    cst.BinaryOperation: _binary,
    cst.Comparison: _comparison,
    cst.Dict: _dict,
    cst.List: _list,
    cst.FormattedString: _formatted_string,
}
