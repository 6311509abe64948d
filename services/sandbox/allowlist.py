"""AST allowlist: only the runtime import, @cached async functions and plain statements; no way out of the sandbox."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from services.errors import InvalidArgument
from services.sandbox.safe_builtins import SAFE_BUILTINS

RUNTIME_MODULE = "executor_service.runtime"
# The names a script may import from the runtime (ReplayFailed exists there but scripts never raise it).
RUNTIME_EXPORTS: frozenset[str] = frozenset({"Page", "RunContext", "Target", "cached"})
# Names a user snippet sees without importing anything.
SNIPPET_GLOBALS: frozenset[str] = frozenset({"page", "ctx"})

# Named for a clear message; most are also simply unknown names, which are rejected anyway.
FORBIDDEN_NAMES: frozenset[str] = frozenset(
    {
        "exec", "eval", "compile", "open", "getattr", "setattr", "delattr", "hasattr", "globals", "locals",
        "vars", "breakpoint", "input", "type", "super", "memoryview", "help", "dir", "classmethod",
        "staticmethod", "property", "print", "exit", "quit", "id", "hash", "format", "callable", "isinstance",
        "issubclass", "iter", "next", "aiter", "anext", "bytearray", "bytes", "frozenset", "set", "map",
        "filter", "reversed", "chr", "ord", "repr", "ascii", "copyright", "credits", "license",
    }
)
# Attributes without a leading underscore that still reach frames, code, globals or formatting machinery.
FORBIDDEN_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "format", "format_map", "mro", "gi_frame", "gi_code", "gi_yieldfrom", "gi_running", "cr_frame", "cr_code",
        "cr_await", "cr_origin", "ag_frame", "ag_code", "ag_await", "f_globals", "f_locals", "f_builtins", "f_back",
        "f_code", "f_trace", "tb_frame", "tb_next", "co_code", "co_consts", "func_globals", "func_code",
        "im_func", "im_self", "im_class", "exc_info", "with_traceback", "tb_lineno", "register",
    }
)

_OPERATORS: tuple[type[ast.AST], ...] = (
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
    ast.Load, ast.Store,
)
# Pow is left out on purpose: 10 ** 10 ** 10 stalls the worker before any timeout can fire.
_EXPRESSIONS: tuple[type[ast.AST], ...] = (
    ast.Await, ast.Call, ast.keyword, ast.Name, ast.Attribute, ast.Constant, ast.Dict, ast.List, ast.Tuple,
    ast.JoinedStr, ast.FormattedValue, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.BinOp, ast.IfExp,
    ast.Subscript, ast.Slice, ast.ListComp, ast.DictComp, ast.comprehension,
)
_STATEMENTS: tuple[type[ast.AST], ...] = (
    ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.If, ast.For, ast.AsyncFor, ast.Pass,
    ast.Break, ast.Continue,
)
_SCRIPT_ONLY: tuple[type[ast.AST], ...] = (ast.ImportFrom, ast.alias, ast.AsyncFunctionDef, ast.arguments, ast.arg)
_ALLOWED = (ast.Module,) + _OPERATORS + _EXPRESSIONS + _STATEMENTS


class UnsafeScript(InvalidArgument):
    """Code that uses something outside the sandbox allowlist; the message names the construct and line."""


def _where(node: ast.AST, filename: str) -> str:
    return f"{filename} line {getattr(node, 'lineno', '?')}"


def _construct(node: ast.AST) -> str:
    names = {
        ast.Lambda: "lambda", ast.ClassDef: "class definition", ast.FunctionDef: "non-async function",
        ast.Import: "import", ast.Global: "global", ast.Nonlocal: "nonlocal", ast.Try: "try",
        ast.With: "with", ast.AsyncWith: "async with", ast.Yield: "yield", ast.YieldFrom: "yield from",
        ast.GeneratorExp: "generator expression", ast.NamedExpr: "assignment expression (:=)",
        ast.While: "while loop", ast.Delete: "del", ast.Raise: "raise", ast.Assert: "assert",
        ast.Pow: "** operator", ast.Starred: "star argument", ast.SetComp: "set comprehension",
        ast.Set: "set literal", ast.Match: "match statement", ast.TryStar: "try",
    }
    return names.get(type(node), type(node).__name__)


class _Checker(ast.NodeVisitor):
    """Walks the whole tree once; the first disallowed node raises UnsafeScript."""

    def __init__(self, filename: str, *, snippet: bool, known: Iterable[str]) -> None:
        self.filename = filename
        self.snippet = snippet
        self.known = set(known)
        self.function_depth = 0

    def fail(self, node: ast.AST, what: str) -> UnsafeScript:
        return UnsafeScript(f"{what} is not allowed ({_where(node, self.filename)})")

    def generic_visit(self, node: ast.AST) -> None:
        allowed = _ALLOWED if self.snippet else _ALLOWED + _SCRIPT_ONLY
        if not isinstance(node, allowed):
            raise self.fail(node, _construct(node))
        super().generic_visit(node)

    def visit_Module(self, node: ast.Module) -> None:
        if not self.snippet:
            for statement in node.body:
                if not isinstance(statement, ast.ImportFrom | ast.AsyncFunctionDef):
                    raise self.fail(statement, f"top-level {_construct(statement)}")
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if self.snippet:
            raise self.fail(node, "import in a snippet")
        if node.module != RUNTIME_MODULE or node.level != 0:
            raise self.fail(node, f"import from {node.module or '.'!s}")
        for alias in node.names:
            if alias.name == "*":
                raise self.fail(node, "star import")
            if alias.name not in RUNTIME_EXPORTS:
                raise self.fail(node, f"importing {alias.name!r} from the runtime")
            if alias.asname is not None:
                raise self.fail(node, f"renaming import {alias.name!r}")

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        if self.function_depth:
            raise self.fail(node, f"nested function {node.name!r}")
        self._check_identifier(node, node.name, "function name")
        for decorator in node.decorator_list:
            if not _is_cached_decorator(decorator):
                raise self.fail(decorator, "decorator other than @cached(\"label\")")
        args = node.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or args.defaults:
            raise self.fail(node, f"parameters other than plain positional ones in {node.name!r}")
        self.function_depth += 1
        try:
            self.generic_visit(node)
        finally:
            self.function_depth -= 1

    def visit_arg(self, node: ast.arg) -> None:
        self._check_identifier(node, node.arg, "parameter name")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        self._check_identifier(node, node.id, "name")
        if isinstance(node.ctx, ast.Load) and node.id not in self.known:
            raise self.fail(node, f"unknown name {node.id!r}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr.startswith("_"):
            raise self.fail(node, f"private attribute {node.attr!r}")
        if node.attr in FORBIDDEN_ATTRIBUTES:
            raise self.fail(node, f"attribute {node.attr!r}")
        if not isinstance(node.ctx, ast.Load):
            # Writing attributes could rewire the runtime (e.g. which parameters count as secret).
            raise self.fail(node, f"assigning attribute {node.attr!r}")
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg is None:
            raise self.fail(node, "** argument unpacking")
        # Keyword names bind nothing in our scope, so only the privacy rule applies (Target(id=...) is fine).
        if node.arg.startswith("_"):
            raise self.fail(node, f"keyword argument {node.arg!r} (names starting with '_' are private)")
        self.generic_visit(node)

    def visit_Await(self, node: ast.Await) -> None:
        if not self.snippet and not self.function_depth:
            raise self.fail(node, "await outside a function")
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if node.is_async:
            raise self.fail(node, "async comprehension")
        self.generic_visit(node)

    def _check_identifier(self, node: ast.AST, name: str, kind: str) -> None:
        if name.startswith("_"):
            raise self.fail(node, f"{kind} {name!r} (names starting with '_' are private)")
        if name in FORBIDDEN_NAMES:
            raise self.fail(node, f"{kind} {name!r}")


def _is_cached_decorator(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "cached"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _bound_names(tree: ast.Module) -> set[str]:
    """Every name the code itself binds: imports, functions, parameters, assignment and loop targets."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _parse(source: str, filename: str) -> ast.Module:
    try:
        return ast.parse(source, filename=filename, mode="exec")
    except SyntaxError as exc:
        raise UnsafeScript(f"{filename} line {exc.lineno}: does not parse: {exc.msg}") from exc
    except ValueError as exc:  # e.g. NUL bytes in the source
        raise UnsafeScript(f"{filename}: does not parse: {exc}") from exc


def validate_script(source: str, filename: str = "<script>") -> ast.Module:
    """Return the parsed module if it uses only the runtime API; raise UnsafeScript naming the first violation."""
    tree = _parse(source, filename)
    known = _bound_names(tree) | set(SAFE_BUILTINS)
    _Checker(filename, snippet=False, known=known).visit(tree)
    return tree


def validate_snippet(source: str, filename: str = "<snippet>") -> ast.Module:
    """Like validate_script for a user code block: plain statements with top-level awaits over ``page`` and ``ctx``."""
    tree = _parse(source, filename)
    known = _bound_names(tree) | set(SAFE_BUILTINS) | SNIPPET_GLOBALS
    _Checker(filename, snippet=True, known=known).visit(tree)
    return tree
