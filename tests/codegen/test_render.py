"""The fast renderer writes exactly libcst's text for every node codegen renders, built or parsed."""

from __future__ import annotations

import collections

import libcst as cst
import pytest

from bench.synthetic_requests import synthetic_request
from codegen_service import layout, render
from codegen_service.nodes import signature_statement
from codegen_service.service import ScriptGenerator
from codegen_service.validation import function_name_of
from services.storage import ObjectStore
from tests.codegen.scenarios import SCENARIOS
from tests.codegen.test_golden import EXPECTED_PATHS, golden


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """Every fast rendering during the test (fitted or as built) is checked against libcst's; counts what the fast
    path wrote."""
    fast = render.fast_text
    written: collections.Counter[str] = collections.Counter()

    def checked(node: cst.CSTNode) -> str | None:
        text = fast(node)
        if text is not None:
            assert text == render.libcst_code_of(node), type(node).__name__
            written[type(node).__name__] += 1
        return text

    monkeypatch.setattr(render, "fast_text", checked)
    fast_fitted = layout.fast_fitted_text

    def checked_fitted(node: cst.BaseStatement) -> str | None:
        text = fast_fitted(node)
        if text is not None:
            assert text == render.libcst_code_of(layout.fit_lines(node)), type(node).__name__
            written[type(node).__name__] += 1
        return text

    monkeypatch.setattr(layout, "fast_fitted_text", checked_fitted)
    return written


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_built_nodes_render_as_libcst_writes_them(
    scenario: str, local_store: ObjectStore, compared: collections.Counter[str]
) -> None:
    await ScriptGenerator(local_store).generate("default", SCENARIOS[scenario]())
    # Block functions, run_workflow and the parameters model all took the fast path.
    assert compared["FunctionDef"] >= 2 and compared["ClassDef"] == 1


async def test_a_large_synthetic_request_renders_as_libcst_writes_it(
    local_store: ObjectStore, compared: collections.Counter[str]
) -> None:
    await ScriptGenerator(local_store).generate("default", synthetic_request(12, 10))
    assert compared["FunctionDef"] >= 13


class _Nodes(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_parsed_golden_nodes_render_as_libcst_writes_them(scenario: str) -> None:
    """Parsed trees spell out every whitespace field the builders leave to defaults."""
    fast = 0
    for path in EXPECTED_PATHS[scenario]:
        module = cst.parse_module(golden(scenario, path).read_text())
        visitor = _Nodes()
        module.visit(visitor)
        for node in visitor.nodes:
            if isinstance(node, cst.Module):
                continue
            text = render.fast_text(node)
            if text is not None:
                fast += 1
                assert text == render.libcst_code_of(node), (path, type(node).__name__)
    assert fast > 100


def test_shapes_the_fast_path_does_not_know_fall_back_to_libcst() -> None:
    statement = cst.parse_statement("while (x := f(*a, **k)):\n    del y\n")
    assert render.fast_text(statement) is None
    assert render.code_of(statement) == "while (x := f(*a, **k)):\n    del y\n"
    parenthesized = cst.parse_expression("(a + b)")
    assert render.fast_text(parenthesized) is None
    assert render.code_of(parenthesized) == "(a + b)"


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_run_signatures_are_the_text_libcst_writes_for_the_statement(
    scenario: str, local_store: ObjectStore
) -> None:
    response = await ScriptGenerator(local_store).generate("default", SCENARIOS[scenario]())
    for block in response.blocks:
        name = function_name_of(block.run_signature)
        assert name is not None
        assert block.run_signature == render.libcst_code_of(signature_statement(name)).strip()


def test_fitted_text_is_fit_lines_text_also_where_the_fast_path_gives_up() -> None:
    long_call = "f(" + ", ".join(f"argument_{index}" for index in range(12)) + ")"
    built = cst.parse_statement(f"async def g():\n    {long_call}\n")
    assert layout.fast_fitted_text(built) == render.libcst_code_of(layout.fit_lines(built))
    assert "\n        argument_0,\n" in layout.fitted_text(built)
    # A body indented otherwise than four spaces and a while loop: fit_lines' layout, written by libcst.
    tabbed = built.with_changes(body=built.body.with_changes(indent="\t"))
    for statement in (tabbed, cst.parse_statement(f"while x:\n    {long_call}\n")):
        assert layout.fast_fitted_text(statement) is None
        assert layout.fitted_text(statement) == render.libcst_code_of(layout.fit_lines(statement))
