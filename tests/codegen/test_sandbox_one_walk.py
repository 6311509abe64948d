"""The sandbox check walks a file once: it accepts and refuses (with the same message) what the two-walk check did."""

from __future__ import annotations

import ast
import pathlib

import pytest

from services.sandbox import SAFE_BUILTINS, UnsafeScript, allowlist, validate_script, validate_snippet
from tests.codegen.test_sandbox import (
    CLASS_ESCAPES,
    ESCAPES_IN_BLOCKS,
    HEADER,
    MODULE_HEADER,
    TOP_LEVEL_ESCAPES,
    in_block,
    in_loop,
)

GOLDEN = pathlib.Path(__file__).parent / "golden"


class _ReferenceChecker(allowlist._Checker):
    """The checker as ast.NodeVisitor walks it: handlers found by name for each node, fields read by iter_fields."""

    visit = ast.NodeVisitor.visit  # type: ignore[assignment]

    def generic_visit(self, node: ast.AST) -> None:
        allowed = allowlist._ALLOWED if self.snippet else allowlist._ALLOWED_IN_SCRIPTS
        if not isinstance(node, allowed):
            raise self.fail(node, allowlist._construct(node))
        ast.NodeVisitor.generic_visit(self, node)


def _reference_bound_names(tree: ast.AST) -> set[str]:
    """The names the code binds, found by a walk of its own (ast.iter_child_nodes, class bodies left out)."""
    names: set[str] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.ClassDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        if not isinstance(node, ast.ClassDef):
            pending.extend(ast.iter_child_nodes(node))
    return names


def _reference_verdict(source: str, *, snippet: bool) -> str:
    """'' when the two-walk check (every bound name known before the walk) accepts ``source``, else its message."""
    tree = ast.parse(source)
    given = set(SAFE_BUILTINS) | (allowlist.SNIPPET_GLOBALS if snippet else set())
    try:
        filename = "<snippet>" if snippet else "<script>"
        _ReferenceChecker(filename, snippet=snippet, known=_reference_bound_names(tree) | given).visit(tree)
    except UnsafeScript as exc:
        return str(exc)
    return ""


def _verdict(source: str, *, snippet: bool) -> str:
    try:
        validate_snippet(source) if snippet else validate_script(source)
    except UnsafeScript as exc:
        return str(exc)
    return ""


# Orders the walk meets violations in: an unknown name read before or after another violation, a name read before
# the line that binds it, a class before the import of its base.
ORDER_CASES = [
    in_block("x = unknown_one\nimport os"),
    in_block("import os\nx = unknown_one"),
    in_block("x = later\nlater = 1"),
    in_block("x = later\ny = eval('1')\nlater = 1"),
    HEADER + "class P(WorkflowParameters):\n    x: str\n\n\nfrom executor_service.runtime import WorkflowParameters\n",
    HEADER + "class P(WorkflowParameters):\n    x: str\n\n\nx = 1\n",
    HEADER + "class P(WorkflowParameters):\n    x: str\n\n\n@cached('b')\nasync def b(page, ctx):\n    x = eval('1')\n",
    HEADER + "@cached('b')\nasync def b(page, ctx):\n    await c(page, ctx)\n\n\n"
    "@cached('c')\nasync def c(page, ctx):\n    pass\n",
    HEADER + "@cached('b')\nasync def b(page, ctx):\n    x = nowhere\n    await page.goto(_private)\n",
]
SOURCES = [
    *(in_block(body) for body in ESCAPES_IN_BLOCKS),
    *(in_loop(body) for body in ESCAPES_IN_BLOCKS),
    *(HEADER + source + "\n" for source in TOP_LEVEL_ESCAPES),
    *(MODULE_HEADER + source + "\n" for source in CLASS_ESCAPES),
    *ORDER_CASES,
    *(path.read_text() for path in sorted(GOLDEN.rglob("*.golden"))),
]
SNIPPETS = [
    "await page.click(None)\nresult = {'name': ctx.param('name'), 'n': len([1, 2])}\n",
    "x = later\nlater = 1\n",
    "x = unknown_one\nimport os\n",
    "import os\nx = unknown_one\n",
    "class P(WorkflowParameters):\n    x: str\n",
    "x = page.__class__\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_a_script_gets_the_two_walk_verdict(source: str) -> None:
    assert _verdict(source, snippet=False) == _reference_verdict(source, snippet=False)


@pytest.mark.parametrize("source", SNIPPETS)
def test_a_snippet_gets_the_two_walk_verdict(source: str) -> None:
    assert _verdict(source, snippet=True) == _reference_verdict(source, snippet=True)


def test_the_cases_cover_acceptance_and_each_kind_of_refusal() -> None:
    verdicts = [_verdict(source, snippet=False) for source in SOURCES]
    assert "" in verdicts
    assert any("unknown name" in verdict for verdict in verdicts)
    assert any("without importing" in verdict for verdict in verdicts)
    assert any(verdict and "unknown name" not in verdict for verdict in verdicts)
