"""Source text of the libcst nodes codegen builds: libcst's own tokens, written without its per-node machinery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import libcst as cst

# libcst writes each node through hooks and context managers kept for position metadata, which we never ask for:
# about 1.5 ms of a block's 10. Each function below writes exactly the tokens of the same node's `_codegen_impl`
# (libcst 1.x) for the node types and field values our builders emit; anything else raises _Unsupported and the
# caller renders the whole node with libcst instead, so an unexpected shape costs time, never different bytes.
# tests/codegen/test_render.py compares both renderings over every golden scenario.

_DEFAULT = cst.MaybeSentinel.DEFAULT
_INDENT = cst.Module([]).default_indent
_NEWLINE = cst.Module([]).default_newline
_EMPTY_MODULE = cst.Module([])


class _Unsupported(Exception):
    """A node type or field value the fast path does not write."""


_Out = list[str]
# Writers take the node type they are registered for (Any: Callable parameters are contravariant).
_Writer = Callable[[Any, _Out, str], None]


def _write(node: cst.CSTNode, out: _Out, indent: str) -> None:
    writer = _WRITERS.get(type(node))
    if writer is None:
        raise _Unsupported(type(node).__name__)
    writer(node, out, indent)


def _no_parens(node: cst.CSTNode) -> None:
    if getattr(node, "lpar", None) or getattr(node, "rpar", None):
        raise _Unsupported("parentheses")


# --------------------------------------------------------------------------------------------- whitespace, tokens


def _simple_whitespace(node: cst.SimpleWhitespace, out: _Out, indent: str) -> None:
    out.append(node.value)


def _parenthesized_whitespace(node: cst.ParenthesizedWhitespace, out: _Out, indent: str) -> None:
    _trailing(node.first_line, out, indent)
    for line in node.empty_lines:
        _empty_line(line, out, indent)
    if node.indent:
        out.append(indent)
    _write(node.last_line, out, indent)


def _newline(node: cst.Newline, out: _Out, indent: str) -> None:
    out.append(_NEWLINE if node.value is None else node.value)


def _trailing(node: cst.TrailingWhitespace, out: _Out, indent: str) -> None:
    _write(node.whitespace, out, indent)
    if node.comment is not None:
        out.append(node.comment.value)
    _newline(node.newline, out, indent)


def _empty_line(node: cst.EmptyLine, out: _Out, indent: str) -> None:
    if node.indent:
        out.append(indent)
    _write(node.whitespace, out, indent)
    if node.comment is not None:
        out.append(node.comment.value)
    _newline(node.newline, out, indent)


def _one_token(token: str) -> _Writer:
    def write(node: cst.CSTNode, out: _Out, indent: str) -> None:
        _write(node.whitespace_before, out, indent)  # type: ignore[attr-defined]
        out.append(token)
        _write(node.whitespace_after, out, indent)  # type: ignore[attr-defined]

    return write


def _comma(comma: object, default: bool, default_text: str, out: _Out, indent: str) -> None:
    if comma is _DEFAULT:
        if default:
            out.append(default_text)
    elif type(comma) is cst.Comma:
        _write(comma, out, indent)
    else:
        raise _Unsupported("comma")


# --------------------------------------------------------------------------------------------- expressions


def _value(node: cst.Name | cst.SimpleString | cst.Integer | cst.Float, out: _Out, indent: str) -> None:
    if node.lpar or node.rpar:
        raise _Unsupported("parentheses")
    out.append(node.value)


def _attribute(node: cst.Attribute, out: _Out, indent: str) -> None:
    _no_parens(node)
    _write(node.value, out, indent)
    _write(node.dot, out, indent)
    _write(node.attr, out, indent)


def _arg(node: cst.Arg, out: _Out, indent: str, default_comma: bool) -> None:
    out.append(node.star)
    _write(node.whitespace_after_star, out, indent)
    if node.keyword is not None:
        _write(node.keyword, out, indent)
    if node.equal is _DEFAULT:
        if node.keyword is not None:
            out.append(" = ")
    elif type(node.equal) is cst.AssignEqual:
        _write(node.equal, out, indent)
    else:
        raise _Unsupported("equal")
    _write(node.value, out, indent)
    _comma(node.comma, default_comma, ", ", out, indent)
    _write(node.whitespace_after_arg, out, indent)


def _call(node: cst.Call, out: _Out, indent: str) -> None:
    _no_parens(node)
    _write(node.func, out, indent)
    _write(node.whitespace_after_func, out, indent)
    out.append("(")
    _write(node.whitespace_before_args, out, indent)
    last = len(node.args) - 1
    for index, arg in enumerate(node.args):
        if type(arg) is not cst.Arg:
            raise _Unsupported("argument")
        _arg(arg, out, indent, index != last)
    out.append(")")


def _await(node: cst.Await, out: _Out, indent: str) -> None:
    _no_parens(node)
    out.append("await")
    _write(node.whitespace_after_await, out, indent)
    _write(node.expression, out, indent)


def _unary(node: cst.UnaryOperation, out: _Out, indent: str) -> None:
    _no_parens(node)
    if type(node.operator) is not cst.Minus:
        raise _Unsupported("unary operator")
    out.append("-")
    _write(node.operator.whitespace_after, out, indent)
    _write(node.expression, out, indent)


def _binary(node: cst.BinaryOperation, out: _Out, indent: str) -> None:
    _no_parens(node)
    _write(node.left, out, indent)
    _write(node.operator, out, indent)
    _write(node.right, out, indent)


def _comparison(node: cst.Comparison, out: _Out, indent: str) -> None:
    _no_parens(node)
    _write(node.left, out, indent)
    for target in node.comparisons:
        _write(target.operator, out, indent)
        _write(target.comparator, out, indent)


def _elements(elements: object, out: _Out, indent: str) -> None:
    assert isinstance(elements, list | tuple)
    last = len(elements) - 1
    for index, element in enumerate(elements):
        kind = type(element)
        if kind is cst.Element:
            _write(element.value, out, indent)
        elif kind is cst.DictElement:
            _write(element.key, out, indent)
            _write(element.whitespace_before_colon, out, indent)
            out.append(":")
            _write(element.whitespace_after_colon, out, indent)
            _write(element.value, out, indent)
        else:
            raise _Unsupported(kind.__name__)
        _comma(element.comma, index < last, ", ", out, indent)


def _dict(node: cst.Dict, out: _Out, indent: str) -> None:
    _no_parens(node)
    out.append("{")
    _write(node.lbrace.whitespace_after, out, indent)
    _elements(node.elements, out, indent)
    _write(node.rbrace.whitespace_before, out, indent)
    out.append("}")


def _list(node: cst.List, out: _Out, indent: str) -> None:
    _no_parens(node)
    out.append("[")
    _write(node.lbracket.whitespace_after, out, indent)
    _elements(node.elements, out, indent)
    _write(node.rbracket.whitespace_before, out, indent)
    out.append("]")


def _formatted_string(node: cst.FormattedString, out: _Out, indent: str) -> None:
    _no_parens(node)
    out.append(node.start)
    for part in node.parts:
        if type(part) is cst.FormattedStringText:
            out.append(part.value)
            continue
        if type(part) is not cst.FormattedStringExpression:
            raise _Unsupported("f-string part")
        if part.equal is not None or part.conversion is not None or part.format_spec is not None:
            raise _Unsupported("f-string conversion or format")
        out.append("{")
        _write(part.whitespace_before_expression, out, indent)
        _write(part.expression, out, indent)
        _write(part.whitespace_after_expression, out, indent)
        out.append("}")
    out.append(node.end)


def _annotation(node: cst.Annotation, out: _Out, indent: str, indicator: str) -> None:
    before = node.whitespace_before_indicator
    if before is _DEFAULT:
        if indicator == "->":
            out.append(" ")
    else:
        _write(before, out, indent)
    out.append(indicator)
    _write(node.whitespace_after_indicator, out, indent)
    _write(node.annotation, out, indent)


# --------------------------------------------------------------------------------------------- statements


def _semicolon(node: cst.BaseSmallStatement, last: bool, out: _Out) -> None:
    if node.semicolon is _DEFAULT:
        if not last:
            out.append("; ")
    else:
        raise _Unsupported("semicolon")


def _small(node: cst.BaseSmallStatement, out: _Out, indent: str, last: bool) -> None:
    kind = type(node)
    if kind is cst.Expr:
        _write(node.value, out, indent)  # type: ignore[attr-defined]
    elif kind is cst.Assign:
        for target in node.targets:  # type: ignore[attr-defined]
            _write(target.target, out, indent)
            _write(target.whitespace_before_equal, out, indent)
            out.append("=")
            _write(target.whitespace_after_equal, out, indent)
        _write(node.value, out, indent)  # type: ignore[attr-defined]
    elif kind is cst.AnnAssign:
        assert isinstance(node, cst.AnnAssign)
        _write(node.target, out, indent)
        _annotation(node.annotation, out, indent, ":")
        if node.equal is _DEFAULT:
            if node.value is not None:
                out.append(" = ")
        elif type(node.equal) is cst.AssignEqual:
            _write(node.equal, out, indent)
        else:
            raise _Unsupported("equal")
        if node.value is not None:
            _write(node.value, out, indent)
    elif kind is cst.Return:
        assert isinstance(node, cst.Return)
        out.append("return")
        if node.whitespace_after_return is _DEFAULT:
            if node.value is not None:
                out.append(" ")
        else:
            _write(node.whitespace_after_return, out, indent)
        if node.value is not None:
            _write(node.value, out, indent)
    elif kind is cst.Pass:
        out.append("pass")
    else:
        raise _Unsupported(kind.__name__)
    _semicolon(node, last, out)


def _simple_line(node: cst.SimpleStatementLine, out: _Out, indent: str) -> None:
    for line in node.leading_lines:
        _empty_line(line, out, indent)
    out.append(indent)
    if node.body:
        last = len(node.body) - 1
        for index, statement in enumerate(node.body):
            _small(statement, out, indent, index == last)
    else:
        out.append("pass")
    _trailing(node.trailing_whitespace, out, indent)


def _block(node: cst.IndentedBlock, out: _Out, indent: str) -> None:
    _trailing(node.header, out, indent)
    inner = indent + (_INDENT if node.indent is None else node.indent)
    if node.body:
        for statement in node.body:
            _write(statement, out, inner)
    else:
        out.extend((inner, "pass", _NEWLINE))
    for line in node.footer:
        _empty_line(line, out, inner)


def _leading(node: cst.FunctionDef | cst.ClassDef, out: _Out, indent: str) -> None:
    for line in node.leading_lines:
        _empty_line(line, out, indent)
    for decorator in node.decorators:
        for line in decorator.leading_lines:
            _empty_line(line, out, indent)
        out.extend((indent, "@"))
        _write(decorator.whitespace_after_at, out, indent)
        _write(decorator.decorator, out, indent)
        _trailing(decorator.trailing_whitespace, out, indent)
    for line in node.lines_after_decorators:
        _empty_line(line, out, indent)
    out.append(indent)
    if node.type_parameters is not None:
        raise _Unsupported("type parameters")


def _parameters(node: cst.Parameters, out: _Out, indent: str) -> None:
    if node.posonly_params or node.kwonly_params or node.star_kwarg is not None:
        raise _Unsupported("parameters")
    if node.star_arg is not _DEFAULT or node.posonly_ind is not _DEFAULT:
        raise _Unsupported("parameters")
    last = len(node.params) - 1
    for index, param in enumerate(node.params):
        if param.default is not None or param.equal is not _DEFAULT:
            raise _Unsupported("parameter default")
        star = "" if param.star is _DEFAULT else param.star
        assert isinstance(star, str)
        out.append(star)
        _write(param.whitespace_after_star, out, indent)
        _write(param.name, out, indent)
        if param.annotation is not None:
            _annotation(param.annotation, out, indent, ":")
        _comma(param.comma, index < last, ", ", out, indent)
        _write(param.whitespace_after_param, out, indent)


def _function(node: cst.FunctionDef, out: _Out, indent: str) -> None:
    _leading(node, out, indent)
    if node.asynchronous is not None:
        out.append("async")
        _write(node.asynchronous.whitespace_after, out, indent)
    out.append("def")
    _write(node.whitespace_after_def, out, indent)
    _write(node.name, out, indent)
    _write(node.whitespace_after_name, out, indent)
    _write(node.whitespace_after_type_parameters, out, indent)
    out.append("(")
    _write(node.whitespace_before_params, out, indent)
    _parameters(node.params, out, indent)
    out.append(")")
    if node.returns is not None:
        _annotation(node.returns, out, indent, "->")
    _write(node.whitespace_before_colon, out, indent)
    out.append(":")
    _write(node.body, out, indent)


def _class(node: cst.ClassDef, out: _Out, indent: str) -> None:
    _leading(node, out, indent)
    if node.lpar is not _DEFAULT or node.rpar is not _DEFAULT:
        raise _Unsupported("class parentheses")
    out.append("class")
    _write(node.whitespace_after_class, out, indent)
    _write(node.name, out, indent)
    _write(node.whitespace_after_name, out, indent)
    _write(node.whitespace_after_type_parameters, out, indent)
    args = [*node.bases, *node.keywords]
    if args:
        out.append("(")
    for index, arg in enumerate(args):
        _arg(arg, out, indent, index != len(args) - 1)
    if args:
        out.append(")")
    _write(node.whitespace_before_colon, out, indent)
    out.append(":")
    _write(node.body, out, indent)


def _for(node: cst.For, out: _Out, indent: str) -> None:
    if node.orelse is not None:
        raise _Unsupported("for-else")
    for line in node.leading_lines:
        _empty_line(line, out, indent)
    out.append(indent)
    if node.asynchronous is not None:
        out.append("async")
        _write(node.asynchronous.whitespace_after, out, indent)
    out.append("for")
    _write(node.whitespace_after_for, out, indent)
    _write(node.target, out, indent)
    _write(node.whitespace_before_in, out, indent)
    out.append("in")
    _write(node.whitespace_after_in, out, indent)
    _write(node.iter, out, indent)
    _write(node.whitespace_before_colon, out, indent)
    out.append(":")
    _write(node.body, out, indent)


def _if(node: cst.If, out: _Out, indent: str, keyword: str = "if") -> None:
    for line in node.leading_lines:
        _empty_line(line, out, indent)
    out.extend((indent, keyword))
    _write(node.whitespace_before_test, out, indent)
    _write(node.test, out, indent)
    _write(node.whitespace_after_test, out, indent)
    out.append(":")
    _write(node.body, out, indent)
    orelse = node.orelse
    if type(orelse) is cst.If:
        _if(orelse, out, indent, "elif")
    elif type(orelse) is cst.Else:
        for line in orelse.leading_lines:
            _empty_line(line, out, indent)
        out.extend((indent, "else"))
        _write(orelse.whitespace_before_colon, out, indent)
        out.append(":")
        _write(orelse.body, out, indent)
    elif orelse is not None:
        raise _Unsupported("orelse")


_WRITERS: dict[type, _Writer] = {
    cst.SimpleWhitespace: _simple_whitespace,
    cst.ParenthesizedWhitespace: _parenthesized_whitespace,
    cst.Newline: _newline,
    cst.TrailingWhitespace: _trailing,
    cst.EmptyLine: _empty_line,
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
    cst.SimpleStatementLine: _simple_line,
    cst.IndentedBlock: _block,
    cst.FunctionDef: _function,
    cst.ClassDef: _class,
    cst.For: _for,
    cst.If: _if,
}


def fast_text(node: cst.CSTNode) -> str | None:
    """The node's text written by the fast path; None when it holds a shape the fast path leaves to libcst."""
    out: _Out = []
    try:
        _write(node, out, "")
    except _Unsupported:
        return None
    return "".join(out)


def code_of(node: cst.CSTNode) -> str:
    """The source text of one node, as ``cst.Module([]).code_for_node`` writes it (no trailing newline for
    expressions)."""
    text = fast_text(node)
    return libcst_code_of(node) if text is None else text


def libcst_code_of(node: cst.CSTNode) -> str:
    """The same text written by libcst itself (the reference the fast path is tested against)."""
    return _EMPTY_MODULE.code_for_node(node)
