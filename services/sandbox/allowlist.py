"""AST allowlist: only the runtime import, @cached async functions, plain statements and one declarative shape of
class (a typed parameters model); no way out of the sandbox."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import Any

from services.errors import InvalidArgument
from services.sandbox.safe_builtins import SAFE_BUILTINS

RUNTIME_MODULE = "executor_service.runtime"
# The names a script may import from the runtime (ReplayFailed exists there but scripts never raise it).
RUNTIME_EXPORTS: frozenset[str] = frozenset(
    {"Page", "RunContext", "Secret", "Target", "WorkflowParameters", "cached"}
)
# The only base a class may have: a parameters model declares annotated fields and nothing else.
PARAMETERS_BASE = "WorkflowParameters"
# Types a parameters field may be annotated with (``X | None`` too).
FIELD_TYPES: frozenset[str] = frozenset({"str", "int", "float", "bool", "object", "Secret"})
# The runtime method that attaches a file, and the keyword its file argument may be passed by.
UPLOAD_METHOD = "upload"
UPLOAD_VALUE_KEYWORDS = frozenset({"file", "path"})
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
_ALLOWED_IN_SCRIPTS = _ALLOWED + _SCRIPT_ONLY  # built once: every node of every checked file is tested against it


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
        ast.AsyncFunctionDef: "async function", ast.Expr: "expression statement", ast.Assign: "assignment",
    }
    return names.get(type(node), type(node).__name__)


class _Checker(ast.NodeVisitor):
    """Walks the whole tree once; the first disallowed node raises UnsafeScript."""

    def __init__(self, filename: str, *, snippet: bool, known: Iterable[str] | None) -> None:
        """``known=None``: names that must be known are collected in ``deferred`` (checked once the walk has seen
        every binding, by _check)."""
        self.filename = filename
        self.snippet = snippet
        self.known = None if known is None else set(known)
        self.function_depth = 0
        self.bound: set[str] = set()  # what _bound_names finds, once the walk completes
        self.deferred: list[tuple[ast.AST, str, str]] = []  # (node, name, what is refused if it is unknown)

    def fail(self, node: ast.AST, what: str) -> UnsafeScript:
        return UnsafeScript(f"{what} is not allowed ({_where(node, self.filename)})")

    def visit(self, node: ast.AST) -> None:
        # ast.NodeVisitor.visit finds the handler by name for every node; the walk is most of a file's check, so
        # each node type's handler is looked up once (the same one: visit_<type>, else generic_visit).
        kind = type(node)
        handler = _HANDLERS.get(kind)
        if handler is None:
            handler = _HANDLERS[kind] = getattr(_Checker, "visit_" + kind.__name__, _Checker.generic_visit)
        handler(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        if not _allowed(type(node), self.snippet):
            raise self.fail(node, _construct(node))
        # ast.NodeVisitor.generic_visit's walk, without its per-field generator.
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def visit_Module(self, node: ast.Module) -> None:
        if not self.snippet:
            for statement in node.body:
                if not isinstance(statement, ast.ImportFrom | ast.AsyncFunctionDef | ast.ClassDef):
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
        self.bound.update(alias.name for alias in node.names)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.bound.add(node.name)
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

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        """Only ``class Name(WorkflowParameters):`` with a docstring and annotated fields with literal defaults.

        The body is checked here node by node and never walked generically: nothing else may appear in it.
        """
        self.bound.add(node.name)
        if self.snippet or self.function_depth:
            raise self.fail(node, "class definition")
        self._check_identifier(node, node.name, "class name")
        if node.decorator_list or node.keywords:
            raise self.fail(node, f"decorators or keywords on class {node.name!r}")
        bases = node.bases
        if len(bases) != 1 or not isinstance(bases[0], ast.Name) or bases[0].id != PARAMETERS_BASE:
            raise self.fail(node, f"class {node.name!r} with a base other than {PARAMETERS_BASE}")
        self._require_known(node, PARAMETERS_BASE, f"class {node.name!r} without importing {PARAMETERS_BASE}")
        for index, statement in enumerate(node.body):
            if isinstance(statement, ast.Pass):
                continue
            if index == 0 and isinstance(statement, ast.Expr) and _is_str(statement.value):
                continue
            if not isinstance(statement, ast.AnnAssign):
                raise self.fail(statement, f"{_construct(statement)} in class {node.name!r} (only annotated fields)")
            self._check_field(node.name, statement)

    def _check_field(self, class_name: str, field: ast.AnnAssign) -> None:
        target = field.target
        if not isinstance(target, ast.Name) or not field.simple:
            raise self.fail(field, f"field of class {class_name!r} that is not a plain name")
        # A field is a class attribute: it shadows no builtin, so only the privacy rule applies to its name.
        if target.id.startswith("_"):
            raise self.fail(field, f"field name {target.id!r} (names starting with '_' are private)")
        if not _is_field_type(field.annotation):
            raise self.fail(field, f"annotation of field {target.id!r} (allowed: {', '.join(sorted(FIELD_TYPES))})")
        if field.value is not None and not _is_literal(field.value):
            raise self.fail(field, f"default of field {target.id!r} is not a literal")

    def visit_arg(self, node: ast.arg) -> None:
        self.bound.add(node.arg)
        self._check_identifier(node, node.arg, "parameter name")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        self._check_identifier(node, node.id, "name")
        if isinstance(node.ctx, ast.Load):
            self._require_known(node, node.id, "")
        elif isinstance(node.ctx, ast.Store):
            self.bound.add(node.id)

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

    def visit_Call(self, node: ast.Call) -> None:
        # A file to upload is an object key from a parameter; a path written into code would be one of the
        # executor's own files (the runtime refuses it too, this says so before anything runs).
        if isinstance(node.func, ast.Attribute) and node.func.attr == UPLOAD_METHOD:
            given = [*node.args[1:2], *(k.value for k in node.keywords if k.arg in UPLOAD_VALUE_KEYWORDS)]
            if any(_is_literal_text(value) for value in given):
                raise self.fail(node, "a literal file path in upload() (pass an object key through a parameter)")
        self.generic_visit(node)

    def visit_Await(self, node: ast.Await) -> None:
        if not self.snippet and not self.function_depth:
            raise self.fail(node, "await outside a function")
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if node.is_async:
            raise self.fail(node, "async comprehension")
        self.generic_visit(node)

    def _require_known(self, node: ast.AST, name: str, what: str) -> None:
        """Refuse ``node`` (as ``what``, by default as an unknown name) unless the code binds ``name`` somewhere."""
        if self.known is None:
            self.deferred.append((node, name, what))
        elif name not in self.known:
            raise self.fail(node, what or f"unknown name {name!r}")

    def _check_identifier(self, node: ast.AST, name: str, kind: str) -> None:
        if name.startswith("_"):
            raise self.fail(node, f"{kind} {name!r} (names starting with '_' are private)")
        if name in FORBIDDEN_NAMES:
            raise self.fail(node, f"{kind} {name!r}")


_HANDLERS: dict[type[ast.AST], Callable[[_Checker, Any], object]] = {}


_ALLOWED_BY_TYPE: dict[tuple[type[ast.AST], bool], bool] = {}


def _allowed(kind: type[ast.AST], snippet: bool) -> bool:
    """isinstance(node, allowed) for every node of type ``kind``, decided once per type."""
    found = _ALLOWED_BY_TYPE.get((kind, snippet))
    if found is None:
        found = _ALLOWED_BY_TYPE[kind, snippet] = issubclass(kind, _ALLOWED if snippet else _ALLOWED_IN_SCRIPTS)
    return found


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


def _is_literal_text(node: ast.expr) -> bool:
    """A string written in the code: a constant, or an f-string with at least one literal piece."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | bytes)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _is_literal_text(node.left) or _is_literal_text(node.right)
    return False


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_field_type(node: ast.expr) -> bool:
    """``str``, ``Secret``, ``int | None``: allowed type names, optionally joined with None by ``|``."""
    if isinstance(node, ast.Name):
        return node.id in FIELD_TYPES and isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _is_field_type(node.left) and _is_field_type(node.right)
    return False


def _is_literal(node: ast.expr, depth: int = 0) -> bool:
    """Constants, negative numbers and (bounded) lists, tuples and dicts of them: JSON-like defaults."""
    if depth > 16:
        return False
    if isinstance(node, ast.Constant):
        return node.value is None or isinstance(node.value, str | int | float | bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float)
    if isinstance(node, ast.List | ast.Tuple):
        return all(_is_literal(element, depth + 1) for element in node.elts)
    if isinstance(node, ast.Dict):
        return all(key is not None and _is_literal(key, depth + 1) for key in node.keys) and all(
            _is_literal(value, depth + 1) for value in node.values
        )
    return False


def _bound_names(tree: ast.Module) -> set[str]:
    """Every name the code itself binds: imports, functions, classes, parameters, assignment and loop targets.

    Fields inside a class body are class attributes, not names code can read, so they are left out.
    """
    names: set[str] = set()
    for node in _walk_outside_classes(tree):
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _walk_outside_classes(tree: ast.AST) -> list[ast.AST]:
    found: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, ast.ClassDef):
            # ast.iter_child_nodes, inlined: this walk visits every node of every checked file.
            for field in node._fields:
                value = getattr(node, field, None)
                if isinstance(value, list):
                    pending.extend(item for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    pending.append(value)
    return found


def _parse(source: str, filename: str) -> ast.Module:
    try:
        return ast.parse(source, filename=filename, mode="exec")
    except SyntaxError as exc:
        raise UnsafeScript(f"{filename} line {exc.lineno}: does not parse: {exc.msg}") from exc
    except ValueError as exc:  # e.g. NUL bytes in the source
        raise UnsafeScript(f"{filename}: does not parse: {exc}") from exc


def _check(tree: ast.Module, filename: str, *, snippet: bool, given: frozenset[str]) -> None:
    """Raise UnsafeScript naming the first violation in walk order, names read counted known if bound anywhere.

    One walk checks every node and collects the names the code binds; the names it reads are checked after it.
    """
    checker = _Checker(filename, snippet=snippet, known=None)
    try:
        checker.visit(tree)
        checker.known = checker.bound | given
        for node, name, what in checker.deferred:
            checker._require_known(node, name, what)
    except UnsafeScript:
        # An unknown name read before the violation found may be the first one: walking again with every bound
        # name known beforehand reports the violation a reader meets first (a refused file's only cost).
        _Checker(filename, snippet=snippet, known=_bound_names(tree) | given).visit(tree)
        raise


_SCRIPT_GIVEN = frozenset(SAFE_BUILTINS)
_SNIPPET_GIVEN = frozenset(SAFE_BUILTINS) | SNIPPET_GLOBALS


def validate_script(source: str, filename: str = "<script>") -> ast.Module:
    """Return the parsed module if it uses only the runtime API; raise UnsafeScript naming the first violation."""
    tree = _parse(source, filename)
    _check(tree, filename, snippet=False, given=_SCRIPT_GIVEN)
    return tree


def validate_snippet(source: str, filename: str = "<snippet>") -> ast.Module:
    """Like validate_script for a user code block: plain statements with top-level awaits over ``page`` and ``ctx``."""
    tree = _parse(source, filename)
    _check(tree, filename, snippet=True, given=_SNIPPET_GIVEN)
    return tree
