"""Small libcst node builders used on hot paths (parsing a template costs about a millisecond per statement)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import libcst as cst

from codegen_service.literals import string_literal

# Whitespace libcst would otherwise build (and validate) afresh for every argument, call, await and line: about
# half the nodes of a block's code. Nodes never change (with_changes makes new ones), so one of each serves every
# tree; the values are libcst's defaults.
_NO_SPACE = cst.SimpleWhitespace("")
_SPACE = cst.SimpleWhitespace(" ")
_END_OF_LINE = cst.TrailingWhitespace()
# libcst's default renders "k = v"; PEP 8 wants "k=v" for keyword arguments.
_EQUAL = cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE)


# Nodes never change (with_changes makes new ones), so the few names and attributes every statement repeats
# ("intent", page.fill) are built once and shared by every tree; building a node validates it, which adds up.
@functools.cache
def _name(name: str) -> cst.Name:
    return cst.Name(name)


def shared_name(name: str) -> cst.Name:
    """``name`` as a node, one per name."""
    return _name(name)


def keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    """A ``name=value`` argument."""
    return cst.Arg(
        keyword=_name(name), value=value, equal=_EQUAL, whitespace_after_star=_NO_SPACE, whitespace_after_arg=_NO_SPACE
    )


def arg(value: cst.BaseExpression) -> cst.Arg:
    """A positional argument."""
    return cst.Arg(value=value, whitespace_after_star=_NO_SPACE, whitespace_after_arg=_NO_SPACE)


@functools.cache
def attribute(owner: str, name: str) -> cst.Attribute:
    """``owner.name``."""
    return cst.Attribute(value=_name(owner), attr=_name(name))


def call(func: cst.BaseExpression, args: Sequence[cst.Arg | cst.BaseExpression] = ()) -> cst.Call:
    """``func(args...)``; bare expressions become positional arguments."""
    # The exact type: isinstance goes through ABCMeta for libcst's classes, for every argument of every call.
    return cst.Call(
        func=func,
        args=[one if type(one) is cst.Arg else arg(one) for one in args],  # type: ignore[arg-type]
        whitespace_after_func=_NO_SPACE,
        whitespace_before_args=_NO_SPACE,
    )


def method(owner: str, name: str, args: Sequence[cst.Arg | cst.BaseExpression] = ()) -> cst.Call:
    """``owner.name(args...)``."""
    return call(attribute(owner, name), args)


def awaited(expression: cst.BaseExpression) -> cst.Await:
    return cst.Await(expression=expression, whitespace_after_await=_SPACE)


def line(expression: cst.BaseExpression) -> cst.SimpleStatementLine:
    """An expression statement on its own line."""
    return cst.SimpleStatementLine([cst.Expr(expression)], trailing_whitespace=_END_OF_LINE)


def assign(name: str, value: cst.BaseExpression) -> cst.SimpleStatementLine:
    """``name = value``."""
    return cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(name))], value)])


def returning(value: cst.BaseExpression) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([cst.Return(value)])


def block_of(statements: Sequence[cst.BaseStatement]) -> cst.IndentedBlock:
    """An indented body; ``pass`` when empty."""
    return cst.IndentedBlock(body=list(statements) or [cst.SimpleStatementLine([cst.Pass()])])


def async_function(
    name: str, body: Sequence[cst.BaseStatement], *, returns: str, label: str | None = None
) -> cst.FunctionDef:
    """``[@cached("label")] async def name(page: Page, ctx: RunContext) -> returns:`` with ``body``."""
    params = [
        cst.Param(cst.Name("page"), annotation=cst.Annotation(cst.Name("Page"))),
        cst.Param(cst.Name("ctx"), annotation=cst.Annotation(cst.Name("RunContext"))),
    ]
    decorators = [cst.Decorator(call(cst.Name("cached"), [string_literal(label)]))] if label is not None else []
    return cst.FunctionDef(
        name=cst.Name(name),
        params=cst.Parameters(params=params),
        body=block_of(body),
        decorators=decorators,
        returns=cst.Annotation(cst.Name(returns)),
        asynchronous=cst.Asynchronous(),
    )


def signature_statement(function_name: str) -> cst.SimpleStatementLine:
    """The statement ``await <name>(page, ctx)``."""
    return line(awaited(call(cst.Name(function_name), [cst.Name("page"), cst.Name("ctx")])))
