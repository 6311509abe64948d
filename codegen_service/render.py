"""Source text of the libcst nodes codegen builds: libcst's own tokens, written without its per-node machinery."""

from __future__ import annotations

import libcst as cst

from codegen_service.render_tokens import (
    DEFAULT,
    INDENT,
    NEWLINE,
    WRITERS,
    LineFitter,
    Out,
    Unsupported,
    Writer,
    annotation,
    comma,
    empty_line,
    trailing,
    write,
    write_arg,
)

_EMPTY_MODULE = cst.Module([])


# --------------------------------------------------------------------------------------------- statements


def _semicolon(node: cst.BaseSmallStatement, last: bool, out: Out) -> None:
    if node.semicolon is DEFAULT:
        if not last:
            out.append("; ")
    else:
        raise Unsupported("semicolon")


def _small(node: cst.BaseSmallStatement, out: Out, indent: str, last: bool, value: Writer = write) -> None:
    """The statement; its value (expression, assigned, returned) written by ``value``."""
    kind = type(node)
    if kind is cst.Expr:
        value(node.value, out, indent)  # type: ignore[attr-defined]
    elif kind is cst.Assign:
        for target in node.targets:  # type: ignore[attr-defined]
            write(target.target, out, indent)
            write(target.whitespace_before_equal, out, indent)
            out.append("=")
            write(target.whitespace_after_equal, out, indent)
        value(node.value, out, indent)  # type: ignore[attr-defined]
    elif kind is cst.AnnAssign:
        assert isinstance(node, cst.AnnAssign)
        write(node.target, out, indent)
        annotation(node.annotation, out, indent, ":")
        if node.equal is DEFAULT:
            if node.value is not None:
                out.append(" = ")
        elif type(node.equal) is cst.AssignEqual:
            write(node.equal, out, indent)
        else:
            raise Unsupported("equal")
        if node.value is not None:
            value(node.value, out, indent)
    elif kind is cst.Return:
        assert isinstance(node, cst.Return)
        out.append("return")
        if node.whitespace_after_return is DEFAULT:
            if node.value is not None:
                out.append(" ")
        else:
            write(node.whitespace_after_return, out, indent)
        if node.value is not None:
            value(node.value, out, indent)
    elif kind is cst.Pass:
        out.append("pass")
    else:
        raise Unsupported(kind.__name__)
    _semicolon(node, last, out)


def _simple_line(node: cst.SimpleStatementLine, out: Out, indent: str) -> None:
    for line in node.leading_lines:
        empty_line(line, out, indent)
    out.append(indent)
    if len(node.body) == 1 and isinstance(out, LineFitter):
        _small(node.body[0], out, indent, True, out.value_writer(node.body[0], indent))
    elif node.body:
        last = len(node.body) - 1
        for index, statement in enumerate(node.body):
            _small(statement, out, indent, index == last)
    else:
        out.append("pass")
    trailing(node.trailing_whitespace, out, indent)


def _block(node: cst.IndentedBlock, out: Out, indent: str) -> None:
    if node.indent is not None and isinstance(out, LineFitter):
        raise Unsupported("indentation")  # fit_lines counts four columns per level
    trailing(node.header, out, indent)
    inner = indent + (INDENT if node.indent is None else node.indent)
    if node.body:
        for statement in node.body:
            write(statement, out, inner)
    else:
        out.extend((inner, "pass", NEWLINE))
    for line in node.footer:
        empty_line(line, out, inner)


def _leading(node: cst.FunctionDef | cst.ClassDef, out: Out, indent: str) -> None:
    for line in node.leading_lines:
        empty_line(line, out, indent)
    for decorator in node.decorators:
        for line in decorator.leading_lines:
            empty_line(line, out, indent)
        out.extend((indent, "@"))
        write(decorator.whitespace_after_at, out, indent)
        write(decorator.decorator, out, indent)
        trailing(decorator.trailing_whitespace, out, indent)
    for line in node.lines_after_decorators:
        empty_line(line, out, indent)
    out.append(indent)
    if node.type_parameters is not None:
        raise Unsupported("type parameters")


def _parameters(node: cst.Parameters, out: Out, indent: str) -> None:
    if node.posonly_params or node.kwonly_params or node.star_kwarg is not None:
        raise Unsupported("parameters")
    if node.star_arg is not DEFAULT or node.posonly_ind is not DEFAULT:
        raise Unsupported("parameters")
    last = len(node.params) - 1
    for index, param in enumerate(node.params):
        if param.default is not None or param.equal is not DEFAULT:
            raise Unsupported("parameter default")
        star = "" if param.star is DEFAULT else param.star
        assert isinstance(star, str)
        out.append(star)
        write(param.whitespace_after_star, out, indent)
        write(param.name, out, indent)
        if param.annotation is not None:
            annotation(param.annotation, out, indent, ":")
        comma(param.comma, index < last, ", ", out, indent)
        write(param.whitespace_after_param, out, indent)


def _function(node: cst.FunctionDef, out: Out, indent: str) -> None:
    _leading(node, out, indent)
    if node.asynchronous is not None:
        out.append("async")
        write(node.asynchronous.whitespace_after, out, indent)
    out.append("def")
    write(node.whitespace_after_def, out, indent)
    write(node.name, out, indent)
    write(node.whitespace_after_name, out, indent)
    write(node.whitespace_after_type_parameters, out, indent)
    out.append("(")
    write(node.whitespace_before_params, out, indent)
    _parameters(node.params, out, indent)
    out.append(")")
    if node.returns is not None:
        annotation(node.returns, out, indent, "->")
    write(node.whitespace_before_colon, out, indent)
    out.append(":")
    write(node.body, out, indent)


def _class(node: cst.ClassDef, out: Out, indent: str) -> None:
    _leading(node, out, indent)
    if node.lpar is not DEFAULT or node.rpar is not DEFAULT:
        raise Unsupported("class parentheses")
    out.append("class")
    write(node.whitespace_after_class, out, indent)
    write(node.name, out, indent)
    write(node.whitespace_after_name, out, indent)
    write(node.whitespace_after_type_parameters, out, indent)
    args = [*node.bases, *node.keywords]
    if args:
        out.append("(")
    for index, item in enumerate(args):
        write_arg(item, out, indent, index != len(args) - 1)
    if args:
        out.append(")")
    write(node.whitespace_before_colon, out, indent)
    out.append(":")
    write(node.body, out, indent)


def _for(node: cst.For, out: Out, indent: str) -> None:
    if node.orelse is not None:
        raise Unsupported("for-else")
    for line in node.leading_lines:
        empty_line(line, out, indent)
    out.append(indent)
    if node.asynchronous is not None:
        out.append("async")
        write(node.asynchronous.whitespace_after, out, indent)
    out.append("for")
    write(node.whitespace_after_for, out, indent)
    write(node.target, out, indent)
    write(node.whitespace_before_in, out, indent)
    out.append("in")
    write(node.whitespace_after_in, out, indent)
    write(node.iter, out, indent)
    write(node.whitespace_before_colon, out, indent)
    out.append(":")
    write(node.body, out, indent)


def _if(node: cst.If, out: Out, indent: str, keyword: str = "if") -> None:
    for line in node.leading_lines:
        empty_line(line, out, indent)
    out.extend((indent, keyword))
    write(node.whitespace_before_test, out, indent)
    write(node.test, out, indent)
    write(node.whitespace_after_test, out, indent)
    out.append(":")
    write(node.body, out, indent)
    orelse = node.orelse
    if type(orelse) is cst.If:
        _if(orelse, out, indent, "elif")
    elif type(orelse) is cst.Else:
        for line in orelse.leading_lines:
            empty_line(line, out, indent)
        out.extend((indent, "else"))
        write(orelse.whitespace_before_colon, out, indent)
        out.append(":")
        write(orelse.body, out, indent)
    elif orelse is not None:
        raise Unsupported("orelse")


WRITERS.update(
    {
        cst.SimpleStatementLine: _simple_line,
        cst.IndentedBlock: _block,
        cst.FunctionDef: _function,
        cst.ClassDef: _class,
        cst.For: _for,
        cst.If: _if,
    }
)


def fast_text(node: cst.CSTNode) -> str | None:
    """The node's text written by the fast path; None when it holds a shape the fast path leaves to libcst."""
    out: Out = []
    try:
        write(node, out, "")
    except Unsupported:
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
