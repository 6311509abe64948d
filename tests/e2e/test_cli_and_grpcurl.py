"""What a user touches: `rote run --json`, CLI errors without tracebacks, and grpcurl against every service."""

from __future__ import annotations

import asyncio
import json
import pathlib
import subprocess
import sys

import pytest

from tests.support.services import RunningStack

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent
pytestmark = pytest.mark.browser


async def _command(*args: str) -> subprocess.CompletedProcess[str]:
    # In a worker thread: the services under test run on this event loop and must keep answering.
    return await asyncio.to_thread(subprocess.run, list(args), capture_output=True, text=True, timeout=240)


async def _rote(*args: str) -> subprocess.CompletedProcess[str]:
    return await _command(str(BIN / "rote"), *args)


async def test_rote_run_json_prints_the_summary(stack: RunningStack, demo_site) -> None:
    result = await _rote(
        "run", str(ROOT / "examples" / "workflows" / "demo_quote.yaml"),
        "--params-file", str(ROOT / "examples" / "params" / "demo_first.yaml"),
        "--param", f"base_url={demo_site.url}", "--run-with", "agent",
        "--executor", stack.executor.address, "--org", "cli-test", "--json",
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    for key in ("run_id", "status", "script_version", "agent_steps", "llm_calls", "wall_ms", "blocks"):
        assert key in summary
    assert summary["status"] == "completed"
    assert [b["label"] for b in summary["blocks"]] == ["login", "fill_quote", "extract_quote"]
    assert {b["mode"] for b in summary["blocks"]} == {"agent"}
    assert all({"label", "mode", "status", "agent_steps"} <= set(b) for b in summary["blocks"])


async def test_cli_error_is_one_line_without_traceback(stack: RunningStack, tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("workflow_id: bad\nblocks:\n  - {label: a, type: teleport}\n")
    result = await _rote("run", str(bad), "--executor", stack.executor.address)
    assert result.returncode == 1
    assert "unknown block type 'teleport'" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


async def test_cli_names_a_service_that_is_down(tmp_path: pathlib.Path) -> None:
    result = await _rote("run", str(ROOT / "examples" / "workflows" / "demo_quote.yaml"), "--executor", "127.0.0.1:9")
    assert result.returncode == 1
    assert "executor service at 127.0.0.1:9 is unreachable" in result.stderr


@pytest.mark.parametrize(
    ("which", "service"),
    [("executor", "rote.v1.ExecutorService"), ("cache", "rote.v1.CacheService"), ("codegen", "rote.v1.CodegenService")],
)
async def test_grpcurl_lists_service_health_and_reflection(stack: RunningStack, which: str, service: str) -> None:
    address = getattr(stack, which).address
    listed = await _command(str(BIN / "grpcurl"), "-plaintext", address, "list")
    assert listed.returncode == 0, listed.stderr
    names = set(listed.stdout.split())
    assert {service, "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"} <= names
    described = await _command(str(BIN / "grpcurl"), "-plaintext", address, "describe", service)
    assert described.returncode == 0 and "service" in described.stdout
    health = await _command(str(BIN / "grpcurl"), "-plaintext", address, "grpc.health.v1.Health/Check")
    assert '"status": "SERVING"' in health.stdout
