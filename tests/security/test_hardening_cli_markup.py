"""Issue 16 defect 10: rich markup in user text (labels, reasons, ids, cache keys) prints as typed in every
`rote` command, against the services started as `rote up` starts them; it never crashes the CLI."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest
import yaml

from services.cli.local_stack import LocalStack, free_port

BIN = pathlib.Path(sys.executable).parent
pytestmark = pytest.mark.browser

LABEL = "[/bold] [red]x"
FAILING = "boom [/]"
MESSAGE = "bad [/] input [red]"
CACHE_KEY = "[/] key"


@pytest.fixture(scope="module")
async def up(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LocalStack]:
    home = tmp_path_factory.mktemp("rote-markup")
    stack = LocalStack(home, {"executor": free_port(), "cache": free_port(), "codegen": free_port()})
    await stack.start()
    yield stack
    await asyncio.to_thread(stack.stop)


async def rote(stack: LocalStack, *args: str) -> subprocess.CompletedProcess[str]:
    option = ["--executor", stack.address("executor")] if args[0] == "run" else ["--cache", stack.address("cache")]
    command = [str(BIN / "rote"), *args, *option]
    # Wide enough that rich never wraps a label inside a table cell.
    env = {**os.environ, "COLUMNS": "250"}
    return await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True, timeout=240, env=env)


@pytest.fixture(scope="module")
async def failed_run(up: LocalStack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    workflow = {
        "workflow_id": "markup",
        "cache_key": CACHE_KEY,
        "blocks": [
            {"label": LABEL, "type": "wait", "wait_seconds": 0.01},
            {"label": FAILING, "type": "code", "code": f"result = int({MESSAGE!r})"},
        ],
    }
    path = tmp_path_factory.mktemp("markup") / "markup.yaml"
    path.write_text(yaml.safe_dump(workflow))
    human = await rote(up, "run", str(path))
    assert "Traceback" not in human.stderr and "MarkupError" not in human.stderr, human.stderr
    assert human.returncode == 1, "the run fails (its code block raises) and says so"
    runs = json.loads((await rote(up, "runs", "list", "--json")).stdout)
    return {"human": human, "run_id": runs[0]["run_id"]}


def _clean(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_rote_run_prints_markup_in_labels_and_reasons_as_typed(failed_run: dict[str, Any]) -> None:
    output = failed_run["human"].stdout + failed_run["human"].stderr
    assert LABEL in output and FAILING in output
    assert MESSAGE in output


async def test_runs_show_prints_markup_in_labels_and_reasons_as_typed(
    up: LocalStack, failed_run: dict[str, Any]
) -> None:
    output = _clean(await rote(up, "runs", "show", failed_run["run_id"]))
    assert LABEL in output and FAILING in output and MESSAGE in output


async def test_coverage_and_runs_list_print_markup_as_typed(up: LocalStack, failed_run: dict[str, Any]) -> None:
    coverage = _clean(await rote(up, "coverage", "markup"))
    assert LABEL in coverage and CACHE_KEY in coverage
    _clean(await rote(up, "runs", "list"))
