"""Whitespace for readable output: calls and dicts split one item per line (as black would) when a line is too long."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TypeVar, cast

import libcst as cst

from codegen_service.render import code_of
from codegen_service.render_tokens import LineFitter, Out, Unsupported, Writer, arg_head, comma, no_parens, write

INDENT = "    "
# Lines longer than this are split; black's default is 88, the project's ruff limit is 120.
LINE_LIMIT = 100


# Nodes never change, so one line break (or comma before one) per depth serves every split in every file.
@functools.cache
def _break(extra_levels: int) -> cst.ParenthesizedWhitespace:
    # indent=True re-applies the enclosing block's indentation; last_line adds the node's own depth.
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace(INDENT * extra_levels)
    )


@functools.cache
def _comma(extra_levels: int) -> cst.Comma:
    """``,`` then a line break indented ``extra_levels`` past the statement."""
    return cst.Comma(whitespace_after=_break(extra_levels))


def multiline_dict(entries: Sequence[tuple[cst.BaseExpression, cst.BaseExpression]], depth: int = 1) -> cst.Dict:
    """A dict literal with one entry per line and a trailing comma; ``depth`` is its nesting inside the statement."""
    if not entries:
        return cst.Dict([])
    elements = []
    for index, (key, value) in enumerate(entries):
        last = index == len(entries) - 1
        comma = _comma(depth - 1 if last else depth)
        elements.append(cst.DictElement(key, value, comma=comma))
    return cst.Dict(elements, lbrace=cst.LeftCurlyBrace(whitespace_after=_break(depth)))


def blank_lines(count: int) -> list[cst.EmptyLine]:
    return [cst.EmptyLine() for _ in range(count)]


# Widths already measured, by node: fitting measures a call, then again each argument it splits. A node never
# changes (with_changes makes a new one) and the cache holds it, so its id is not reused while cached; fit_lines
# empties it when done (codegen runs on one thread).
_WIDTHS: dict[int, tuple[cst.CSTNode, int | None]] = {}


def _bare(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    # Exact types, here and in _measure: isinstance goes through ABCMeta for libcst's classes, tens of thousands of
    # times per request; a shape not matched is measured by rendering it, so the width is right either way.
    return type(whitespace) is cst.SimpleWhitespace and not cast(cst.SimpleWhitespace, whitespace).value


def _arg_width(arg: cst.Arg, last: bool) -> int | None:
    if not (_bare(arg.whitespace_after_star) and _bare(arg.whitespace_after_arg)):
        return None
    value = flat_width(arg.value)
    if value is None:
        return None
    width = len(arg.star) + value
    if arg.keyword is not None:
        width += len(arg.keyword.value)
        if arg.equal is cst.MaybeSentinel.DEFAULT:
            width += 3
        elif isinstance(arg.equal, cst.AssignEqual) and _bare(arg.equal.whitespace_before):
            if not _bare(arg.equal.whitespace_after):
                return None
            width += 1
        else:
            return None
    if arg.comma is cst.MaybeSentinel.DEFAULT:
        return width if last else width + 2
    comma = arg.comma
    if isinstance(comma, cst.Comma) and _bare(comma.whitespace_before):
        after = comma.whitespace_after
        return width + 1 + len(after.value) if isinstance(after, cst.SimpleWhitespace) else None
    return None


def flat_width(node: cst.CSTNode) -> int | None:
    """The width of ``node`` written on one line, None when it spans several lines (measured once per node)."""
    known = _WIDTHS.get(id(node))
    if known is not None:
        return known[1]
    width = _measure(node)
    _WIDTHS[id(node)] = (node, width)
    return width


_VALUE_TYPES = frozenset({cst.Name, cst.SimpleString, cst.Integer, cst.Float})


def _measure(node: cst.CSTNode) -> int | None:
    """The one-line width of ``node``.

    Rendering with libcst to measure costs as much as rendering the file, and fitting measures a node at each
    level it is split at; so the shapes our builders emit (names, strings, numbers, attributes, calls, awaits
    with plain whitespace) are measured by arithmetic, and anything else is rendered by libcst.
    """
    if getattr(node, "lpar", None) or getattr(node, "rpar", None):
        return _rendered_width(node)
    kind = type(node)
    if kind in _VALUE_TYPES:
        return len(cast(cst.Name, node).value)
    if kind is cst.Attribute:
        attribute = cast(cst.Attribute, node)
        dot = attribute.dot
        if type(dot) is cst.Dot and _bare(dot.whitespace_before) and _bare(dot.whitespace_after):
            owner = flat_width(attribute.value)
            return None if owner is None else owner + 1 + len(attribute.attr.value)
    elif kind is cst.Await:
        awaited = cast(cst.Await, node)
        space = awaited.whitespace_after_await
        if type(space) is cst.SimpleWhitespace:
            inner = flat_width(awaited.expression)
            return None if inner is None else 5 + len(space.value) + inner
    elif kind is cst.Call:
        call = cast(cst.Call, node)
        if _bare(call.whitespace_after_func) and _bare(call.whitespace_before_args):
            total = flat_width(call.func)
            last = len(call.args) - 1
            for index, arg in enumerate(call.args):
                width = _arg_width(arg, index == last)
                if width is None or total is None:
                    return _rendered_width(node)
                total += width
            return None if total is None else total + 2
    return _rendered_width(node)


def _rendered_width(node: cst.CSTNode) -> int | None:
    text = code_of(node)
    return None if "\n" in text else len(text)


def _fits(node: cst.CSTNode, column: int, tail: int) -> bool:
    # A node already laid out over several lines (the data dict of an extraction) is re-laid out below.
    width = flat_width(node)
    return width is not None and column + width + tail <= LINE_LIMIT


def fit(node: cst.BaseExpression, *, base: int, column: int, depth: int, tail: int) -> cst.BaseExpression:
    """``node`` unchanged when it fits on its line, else split: one argument or entry per line, trailing commas.

    ``base`` is the statement's indentation (columns), ``column`` where the node starts, ``depth`` how many
    bracket levels the node is nested in within its statement, ``tail`` what follows it on its line.
    """
    if _fits(node, column, tail):
        return node
    if isinstance(node, cst.Await):
        return node.with_changes(expression=fit(node.expression, base=base, column=column + 6, depth=depth, tail=tail))
    if isinstance(node, cst.Call) and len(node.args) == 1 and isinstance(node.args[0].value, cst.Dict):
        # A lone dict argument hugs the parentheses, as black writes it: data.update({ ... }).
        only = node.args[0]
        value = only.value
        if only.keyword is None and not only.star and isinstance(value, cst.Dict) and value.elements:
            return node.with_changes(args=[only.with_changes(value=_split_dict(value, base, depth))])
    if isinstance(node, cst.Call) and node.args:
        return _split_call(node, base, depth)
    if isinstance(node, cst.Dict) and node.elements:
        return _split_dict(node, base, depth)
    return node


def _split_call(call: cst.Call, base: int, depth: int) -> cst.Call:
    inner = base + len(INDENT) * (depth + 1)
    args = []
    for index, arg in enumerate(call.args):
        last = index == len(call.args) - 1
        prefix = len(arg.keyword.value) + 1 if arg.keyword is not None else len(arg.star)
        value = fit(arg.value, base=base, column=inner + prefix, depth=depth + 1, tail=1)
        comma = _comma(depth if last else depth + 1)
        args.append(arg.with_changes(value=value, comma=comma, whitespace_after_arg=cst.SimpleWhitespace("")))
    return call.with_changes(args=args, whitespace_before_args=_break(depth + 1))


def _split_dict(node: cst.Dict, base: int, depth: int) -> cst.Dict:
    inner = base + len(INDENT) * (depth + 1)
    elements: list[cst.BaseDictElement] = []
    for index, element in enumerate(node.elements):
        last = index == len(node.elements) - 1
        comma = _comma(depth if last else depth + 1)
        if isinstance(element, cst.DictElement):
            prefix = len(code_of(element.key)) + 2
            value = fit(element.value, base=base, column=inner + prefix, depth=depth + 1, tail=1)
            elements.append(element.with_changes(value=value, comma=comma))
        else:
            elements.append(element.with_changes(comma=comma))
    return node.with_changes(elements=elements, lbrace=cst.LeftCurlyBrace(whitespace_after=_break(depth + 1)))


def fit_small_statement(statement: cst.BaseSmallStatement, base: int) -> cst.BaseSmallStatement:
    """Split the value of ``expr``, ``target = value`` or ``return value`` when its line is too long."""
    if isinstance(statement, cst.Expr):
        return _with_value(statement, fit(statement.value, base=base, column=base, depth=0, tail=0))
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        column = base + len(code_of(statement.targets[0].target)) + 3
        return _with_value(statement, fit(statement.value, base=base, column=column, depth=0, tail=0))
    if isinstance(statement, cst.AnnAssign) and statement.value is not None:
        column = base + len(code_of(statement.target)) + len(code_of(statement.annotation.annotation)) + 5
        return _with_value(statement, fit(statement.value, base=base, column=column, depth=0, tail=0))
    if isinstance(statement, cst.Return) and statement.value is not None:
        return _with_value(statement, fit(statement.value, base=base, column=base + 7, depth=0, tail=0))
    return statement


_Small = TypeVar("_Small", cst.Expr, cst.Assign, cst.AnnAssign, cst.Return)


def _with_value(statement: _Small, value: cst.BaseExpression) -> _Small:
    # Most lines fit as they are: the statement itself is kept then (building a node validates it again).
    return statement if value is statement.value else statement.with_changes(value=value)


_Node = TypeVar("_Node", bound=cst.CSTNode)


def _fit_statement(statement: cst.BaseStatement, depth: int) -> cst.BaseStatement:
    """Fit one statement at ``depth`` indentation levels; compound statements recurse into their bodies only."""
    # A node whose parts all come back unchanged is kept as it is (most lines fit).
    if isinstance(statement, cst.SimpleStatementLine):
        if len(statement.body) != 1:
            return statement
        small = fit_small_statement(statement.body[0], len(INDENT) * depth)
        return statement if small is statement.body[0] else statement.with_changes(body=[small])
    if isinstance(statement, cst.FunctionDef | cst.ClassDef | cst.For | cst.While | cst.With):
        body = _fit_body(statement.body, depth + 1)
        return statement if body is statement.body else statement.with_changes(body=body)
    if isinstance(statement, cst.If):
        orelse = statement.orelse
        if isinstance(orelse, cst.If):
            fitted = _fit_statement(orelse, depth)
            orelse = fitted if isinstance(fitted, cst.If) else orelse
        elif isinstance(orelse, cst.Else):
            else_body = _fit_body(orelse.body, depth + 1)
            orelse = orelse if else_body is orelse.body else orelse.with_changes(body=else_body)
        body = _fit_body(statement.body, depth + 1)
        if body is statement.body and orelse is statement.orelse:
            return statement
        return statement.with_changes(body=body, orelse=orelse)
    return statement


def _fit_body(body: cst.BaseSuite, depth: int) -> cst.BaseSuite:
    if not isinstance(body, cst.IndentedBlock):
        return body
    fitted = [_fit_statement(statement, depth) for statement in body.body]
    if all(new is old for new, old in zip(fitted, body.body, strict=True)):
        return body
    return body.with_changes(body=fitted)


def fit_lines(node: _Node, depth: int = 0) -> _Node:
    """``node`` (a statement at ``depth`` indentation levels) with every too-long line split over several lines.

    Only statements are walked (not every expression node), and each statement is rendered about once, so the
    cost is linear in the size of the code.
    """
    assert isinstance(node, cst.BaseStatement)
    try:
        fitted = _fit_statement(node, depth)
    finally:
        _WIDTHS.clear()
    assert isinstance(fitted, type(node))
    return fitted


class _FittingOut(LineFitter):
    def value_writer(self, statement: cst.BaseSmallStatement, indent: str) -> Writer:
        """Writes the statement's value as fit_small_statement lays it out (the same columns)."""
        base = len(indent)
        if isinstance(statement, cst.Expr):
            column = base
        elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            column = base + len(code_of(statement.targets[0].target)) + 3
        elif isinstance(statement, cst.AnnAssign) and statement.value is not None:
            column = base + len(code_of(statement.target)) + len(code_of(statement.annotation.annotation)) + 5
        elif isinstance(statement, cst.Return) and statement.value is not None:
            column = base + 7
        else:
            return write
        return lambda value, out, indent: _write_fit(value, out, indent, column, 0, 0)


def _write_fit(node: cst.CSTNode, out: Out, indent: str, column: int, depth: int, tail: int) -> None:
    """The text of ``fit(node, ...)`` (same arguments, ``base`` being the indentation), without building it."""
    if _fits(node, column, tail):
        write(node, out, indent)
        return
    if isinstance(node, cst.Await):
        no_parens(node)
        out.append("await")
        write(node.whitespace_after_await, out, indent)
        _write_fit(node.expression, out, indent, column + 6, depth, tail)
        return
    if isinstance(node, cst.Call) and node.args:
        no_parens(node)
        write(node.func, out, indent)
        write(node.whitespace_after_func, out, indent)
        out.append("(")
        only = node.args[0]
        value = only.value
        if len(node.args) == 1 and isinstance(value, cst.Dict) and only.keyword is None and not only.star and (
            value.elements
        ):
            # A lone dict argument hugs the parentheses (fit's first case).
            write(node.whitespace_before_args, out, indent)
            arg_head(only, out, indent)
            _write_split_dict(value, out, indent, depth)
            comma(only.comma, False, ", ", out, indent)
            write(only.whitespace_after_arg, out, indent)
        else:
            _write_split_args(node, out, indent, depth)
        out.append(")")
        return
    if isinstance(node, cst.Dict) and node.elements:
        _write_split_dict(node, out, indent, depth)
        return
    write(node, out, indent)


def _write_split_args(call: cst.Call, out: Out, indent: str, depth: int) -> None:
    """The arguments as _split_call lays them out: one per line, each followed by a comma."""
    inner = len(indent) + len(INDENT) * (depth + 1)
    write(_break(depth + 1), out, indent)
    last = len(call.args) - 1
    for index, arg in enumerate(call.args):
        if type(arg) is not cst.Arg:
            raise Unsupported("argument")
        prefix = len(arg.keyword.value) + 1 if arg.keyword is not None else len(arg.star)
        arg_head(arg, out, indent)
        _write_fit(arg.value, out, indent, inner + prefix, depth + 1, 1)
        write(_comma(depth if index == last else depth + 1), out, indent)


def _write_split_dict(node: cst.Dict, out: Out, indent: str, depth: int) -> None:
    """The dict as _split_dict lays it out: one entry per line, each followed by a comma."""
    no_parens(node)
    inner = len(indent) + len(INDENT) * (depth + 1)
    out.append("{")
    write(_break(depth + 1), out, indent)
    last = len(node.elements) - 1
    for index, element in enumerate(node.elements):
        if type(element) is not cst.DictElement:
            raise Unsupported("dict element")
        write(element.key, out, indent)
        write(element.whitespace_before_colon, out, indent)
        out.append(":")
        write(element.whitespace_after_colon, out, indent)
        _write_fit(element.value, out, indent, inner + len(code_of(element.key)) + 2, depth + 1, 1)
        write(_comma(depth if index == last else depth + 1), out, indent)
    write(node.rbrace.whitespace_before, out, indent)
    out.append("}")


def fast_fitted_text(node: cst.BaseStatement) -> str | None:
    """``code_of(fit_lines(node))``, written straight from ``node`` with fit_lines' decisions (building the split
    tree, every node of it validated, cost more than writing it); None for a shape the fast path leaves to libcst."""
    out = _FittingOut()
    try:
        write(node, out, "")
    except Unsupported:
        return None
    finally:
        _WIDTHS.clear()
    return "".join(out)


def fitted_text(node: cst.BaseStatement) -> str:
    """The text of ``fit_lines(node)``."""
    text = fast_fitted_text(node)
    return code_of(fit_lines(node)) if text is None else text
