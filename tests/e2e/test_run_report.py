"""`rote runs report` on a run of the stack `rote up` starts (separate processes, the stack `make demo` drives):
the screenshot the executor kept at a fallback is fetched through the cache service's API and embedded, with no
object-storage setting on the CLI's side; `runs show` names why each agent block ran through the agent."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import pathlib
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from examples.demo_site import DemoSite, start_demo_site
from services.cli.local_stack import LocalStack, free_port
from services.client import CacheClient
from services.gen.rote.v1 import run_pb2

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
WORKFLOW = ROOT / "examples" / "workflows" / "demo_quote.yaml"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    demo = start_demo_site()
    yield demo
    demo.stop()


@pytest.fixture(scope="module")
async def up(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LocalStack]:
    stack = LocalStack(
        tmp_path_factory.mktemp("rote-report"),
        {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
    )
    await stack.start()
    yield stack
    await asyncio.to_thread(stack.stop)


async def rote(stack: LocalStack, cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    service = "executor" if args[0] == "run" else "cache"
    command = [str(BIN / "rote"), *args, f"--{service}", stack.address(service)]
    # The CLI gets no object-storage setting at all (its default folder would be cwd/.rote/objects, empty).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ROTE_STORAGE", "ROTE_S3", "ROTE_HOME"))}
    result = await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, timeout=240, env=env, cwd=cwd
    )
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result


async def _run(stack: LocalStack, cwd: pathlib.Path, site: DemoSite, run_with: str, params: str) -> dict[str, Any]:
    result = await rote(
        stack, cwd, "run", str(WORKFLOW), "--params-file", str(ROOT / "examples" / "params" / f"{params}.yaml"),
        "--param", f"base_url={site.url}", "--run-with", run_with, "--json",
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
async def fallen(up: LocalStack, site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo's drift: an agent run publishes v1, then a code run meets a dialog and falls back."""
    cwd = tmp_path_factory.mktemp("cli-cwd")
    first = await _run(up, cwd, site, "agent", "demo_first")
    assert first["status"] == "completed" and first["published_version"] == 1, first
    site.variant = "modal"
    try:
        run = await _run(up, cwd, site, "code", "demo_second")
    finally:
        site.variant = "default"
    assert run["status"] == "completed", run
    return run


async def test_the_report_embeds_the_fallback_screenshot_fetched_through_the_api(
    up: LocalStack, fallen: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    shown = json.loads((await rote(up, tmp_path, "runs", "show", fallen["run_id"], "--json")).stdout)
    fill = next(b for b in shown["blocks"] if b["label"] == "fill_quote")
    assert fill["mode"] == "fallback", shown
    record = await _record(up, tmp_path, fallen["run_id"], "fill_quote")
    stored = up.home / "objects" / record["screenshot_key"]  # where the executor put it (the stack's own folder)
    assert stored.read_bytes()[:4] == b"\x89PNG"
    target = tmp_path / "report.html"
    result = await rote(up, tmp_path, "runs", "report", fallen["run_id"], "-o", str(target))
    html = target.read_text()
    assert f'src="data:image/png;base64,{base64.b64encode(stored.read_bytes()).decode()}"' in html
    assert "Screenshot not shown" not in html and "not included" not in result.stdout
    assert not (tmp_path / ".rote").exists(), "nothing was read from a local object folder"


async def _record(stack: LocalStack, cwd: pathlib.Path, run_id: str, label: str) -> dict[str, Any]:
    """One block run as GetRun returns it (through the client: `runs show --json` shows summaries only)."""
    async with CacheClient(stack.address("cache")) as client:
        run = await client.get_run(run_id)
    record: run_pb2.BlockRun = next(r for r in run.block_runs if r.label == label)
    return {"screenshot_key": record.screenshot_key, "reason": record.reason}
