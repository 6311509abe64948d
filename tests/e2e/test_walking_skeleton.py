"""The whole path: an agent run is recorded, turned into a script, and replayed as code with 0 agent steps."""

from __future__ import annotations

import ast
import json
import pathlib
import re

import pytest

from examples.demo_site.quote_math import expected_quote_rows
from services.client import ExecutorClient, InvalidArgumentError
from services.gen.rote.v1 import run_pb2
from services.workflows import load_parameters_file, load_workflow_file, workflow_from_mapping
from tests.support.services import RunningStack

ROOT = pathlib.Path(__file__).resolve().parents[2]
WORKFLOW = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")
pytestmark = pytest.mark.browser


def _params(name: str, base_url: str) -> dict[str, str]:
    return {**load_parameters_file(ROOT / "examples" / "params" / f"{name}.yaml"), "base_url": base_url}


def _expected(params: dict[str, str]) -> list[dict[str, object]]:
    return expected_quote_rows(
        full_name=params["full_name"], plan=params["plan"], roadside=params.get("roadside", "false") == "true"
    )


@pytest.fixture(scope="module")
async def recorded(stack: RunningStack, demo_site) -> dict[str, object]:
    """Run 1 (agent) then run 2 (code, different parameters), shared by the tests below."""
    first_params, second_params = _params("demo_first", demo_site.url), _params("demo_second", demo_site.url)
    async with ExecutorClient(stack.executor.address) as client:
        first = await client.run(WORKFLOW, parameters=first_params, run_with="agent")
        second = await client.run(WORKFLOW, parameters=second_params, run_with="code")
    return {"first": first, "second": second, "first_params": first_params, "second_params": second_params}


async def test_agent_run_publishes_version_1(recorded) -> None:
    first = recorded["first"].summary
    assert first.status == run_pb2.RUN_STATUS_COMPLETED, first.error
    assert first.agent_steps > 0
    assert first.published_version == 1
    assert [b.mode for b in first.blocks] == [run_pb2.BLOCK_MODE_AGENT] * 3


async def test_code_run_makes_zero_agent_steps_and_extracts_the_new_data(recorded) -> None:
    second = recorded["second"].summary
    assert second.status == run_pb2.RUN_STATUS_COMPLETED, second.error
    assert second.agent_steps == 0 and second.llm_calls == 0
    assert [b.mode for b in second.blocks] == [run_pb2.BLOCK_MODE_CODE] * 3
    assert second.script_version == 1
    assert second.published_version == 0, "an identical code run must not regenerate"
    extracted = json.loads(second.outputs_json["extract_quote"])
    assert extracted["options"] == _expected(recorded["second_params"])
    assert extracted["options"] != _expected(recorded["first_params"])


def _string_literals(source: str) -> list[str]:
    """Every string constant in the code (f-string parts included); comments are not code."""
    return [node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)
            and isinstance(node.value, str)]


async def test_generated_script_has_no_secret_and_no_literal_parameter_values(recorded, stack: RunningStack) -> None:
    root = pathlib.Path(stack.storage.local_root)
    objects = [p for p in root.rglob("*") if p.is_file()]
    # Published modules hold every cached block; a run's drafts (scripts/draft-<run>/) hold one block each.
    modules = [p for p in objects if p.name == "module.py" and not p.parent.parent.name.startswith("draft-")]
    assert modules, "no module.py was stored"
    params = recorded["first_params"]
    for path in objects:
        assert params["password"].encode() not in path.read_bytes(), f"secret value in stored object {path}"
    for path in modules:
        source = path.read_text()
        assert 'ctx.param("password")' in source
        literals = _string_literals(source)
        for key in ("username", "full_name", "email", "plan", "start_date"):
            # Whole words only: the username "demo" is not a copy of it inside "demo_quote".
            value = re.compile(rf"(?<![\w-]){re.escape(params[key])}(?![\w-])")
            leaks = [text for text in literals if value.search(text)]
            assert not leaks, f"literal copy of parameter {key} in {path}: {leaks}"


async def test_malformed_workflow_is_refused_before_anything_runs(stack: RunningStack) -> None:
    bad = workflow_from_mapping(
        {
            "workflow_id": "dupes",
            "blocks": [
                {"label": "same", "type": "goto_url", "url": "http://127.0.0.1:9/"},
                {"label": "same", "type": "goto_url", "url": "http://127.0.0.1:9/"},
            ],
        }
    )
    async with ExecutorClient(stack.executor.address) as client:
        with pytest.raises(InvalidArgumentError, match="same"):
            await client.run(bad, run_with="agent")


async def test_missing_required_parameter_is_refused(stack: RunningStack, demo_site) -> None:
    params = _params("demo_first", demo_site.url)
    del params["email"]
    async with ExecutorClient(stack.executor.address) as client:
        with pytest.raises(InvalidArgumentError, match="email"):
            await client.run(WORKFLOW, parameters=params, run_with="agent")


async def test_reference_to_missing_parameter_is_refused(stack: RunningStack) -> None:
    bad = workflow_from_mapping(
        {"workflow_id": "dangling", "blocks": [{"label": "open", "type": "goto_url", "url": "{{ nowhere }}/x"}]}
    )
    async with ExecutorClient(stack.executor.address) as client:
        with pytest.raises(InvalidArgumentError, match="nowhere"):
            await client.run(bad, run_with="agent")
