"""Every `rote` command against the services started the way `rote up` starts them (separate processes)."""

from __future__ import annotations

import asyncio
import json
import pathlib
import subprocess
import sys
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import yaml
from playwright.async_api import async_playwright

from examples.demo_site import DemoSite, start_demo_site
from executor_service.browser.launch import launch_chromium
from services.cli.local_stack import LocalStack, free_port

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
    home = tmp_path_factory.mktemp("rote-up")
    stack = LocalStack(
        home,
        {"executor": free_port(), "cache": free_port(), "codegen": free_port()},
        metrics_ports={"executor": free_port(), "cache": free_port(), "codegen": free_port()},
        extra_env={"ROTE_LOG_LEVEL": "INFO"},
    )
    await stack.start()
    yield stack
    await asyncio.to_thread(stack.stop)


async def rote(stack: LocalStack, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env_args = ["--cache", stack.address("cache")] if args[0] in {"runs", "scripts", "workflows", "coverage"} else []
    if args[0] == "run":
        env_args = ["--executor", stack.address("executor")]
    command = [str(BIN / "rote"), *args, *env_args]
    result = await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True, timeout=240)
    if check:
        assert result.returncode == 0, f"{args}: {result.stderr}"
    return result


async def rote_json(stack: LocalStack, *args: str) -> Any:
    return json.loads((await rote(stack, *args, "--json")).stdout)


async def _run(stack: LocalStack, site: DemoSite, run_with: str, workflow: pathlib.Path = WORKFLOW,
               params: str = "demo_first") -> dict[str, Any]:
    return await rote_json(
        stack, "run", str(workflow), "--params-file", str(ROOT / "examples" / "params" / f"{params}.yaml"),
        "--param", f"base_url={site.url}", "--run-with", run_with,
    )


@pytest.fixture(scope="module")
async def history(up: LocalStack, site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Agent run (v1), code run, then an edited workflow's agent run (v2): the material every command inspects."""
    agent = await _run(up, site, "agent")
    code = await _run(up, site, "code", params="demo_second")
    edited = yaml.safe_load(WORKFLOW.read_text())
    edited["blocks"][2]["goal"] = "Read the quote reference, the customer and every coverage option"
    edited_file = tmp_path_factory.mktemp("edited") / "demo_quote.yaml"
    edited_file.write_text(yaml.safe_dump(edited))
    put = await rote_json(up, "workflows", "put", str(edited_file))
    again = await _run(up, site, "agent", workflow=edited_file)
    return {"agent": agent, "code": code, "put": put, "again": again}


async def test_status_shows_every_service_serving(up: LocalStack) -> None:
    result = await rote(
        up, "status", "--json", "--executor", up.address("executor"), "--cache", up.address("cache"),
        "--codegen", up.address("codegen"),
    )
    assert {entry["status"] for entry in json.loads(result.stdout).values()} == {"SERVING"}


async def test_run_publishes_then_replays_as_code(history: dict[str, Any]) -> None:
    assert history["agent"]["status"] == "completed" and history["agent"]["published_version"] == 1
    assert history["code"]["agent_steps"] == 0 and {b["mode"] for b in history["code"]["blocks"]} == {"code"}
    assert history["put"]["created"] is True and history["put"]["version"] == 2
    assert history["again"]["published_version"] == 2, "the edited block is regenerated"


async def test_workflows_list_and_show(up: LocalStack, history: dict[str, Any]) -> None:
    listed = await rote_json(up, "workflows", "list")
    assert [(w["workflow_id"], w["latest_version"]) for w in listed] == [("demo_quote", 2)]
    shown = json.loads((await rote(up, "workflows", "show", "demo_quote")).stdout)
    assert shown["version"] == 2 and len(shown["blocks"]) == 3


async def test_runs_list_and_show(up: LocalStack, history: dict[str, Any]) -> None:
    runs = await rote_json(up, "runs", "list")
    assert {r["run_id"] for r in runs} >= {history["agent"]["run_id"], history["code"]["run_id"]}
    shown = await rote_json(up, "runs", "show", history["code"]["run_id"])
    assert shown["agent_steps"] == 0 and [b["mode"] for b in shown["blocks"]] == ["code"] * 3
    human = await rote(up, "runs", "show", history["agent"]["run_id"])
    assert "fill_quote" in human.stdout


async def test_scripts_list_show_versions_diff_pin_unpin_rollback(up: LocalStack, history: dict[str, Any]) -> None:
    scripts = await rote_json(up, "scripts", "list")
    assert len(scripts) == 1
    script_id = scripts[0]["script_id"]
    shown = await rote(up, "scripts", "show", script_id, "--version", "1")
    assert "async def fill_quote" in shown.stdout
    versions = await rote_json(up, "scripts", "versions", script_id)
    assert [v["version"] for v in versions["versions"]] == [2, 1]
    diff = await rote_json(up, "scripts", "diff", script_id, "1", "2")
    changes = {b["label"]: b.get("change") for b in diff["blocks"]}
    assert changes["login"] == "BLOCK_CHANGE_UNCHANGED"
    human_diff = await rote(up, "scripts", "diff", script_id, "1", "2")
    assert "login: unchanged" in human_diff.stdout
    pinned = await rote_json(up, "scripts", "pin", script_id, "1")
    assert pinned["version"]["pinned"] is True
    unpinned = await rote_json(up, "scripts", "unpin", script_id)
    assert unpinned["unpinned_version"] == 1
    rolled = await rote_json(up, "scripts", "rollback", script_id, "1")
    assert rolled["version"]["version"] == 3 and rolled["version"]["rolled_back_from"] == 1


async def test_coverage_counts_hits_and_misses(up: LocalStack, history: dict[str, Any]) -> None:
    coverage = await rote_json(up, "coverage", "demo_quote")
    blocks = {b["label"]: b for key in coverage["cache_keys"] for b in key["blocks"]}
    assert blocks["login"]["cached"] is True
    assert blocks["login"].get("hits", 0) >= 1 and blocks["login"].get("misses", 0) >= 1
    human = await rote(up, "coverage", "demo_quote")
    assert "fill_quote" in human.stdout


async def test_runs_report_renders_a_timeline_in_chromium(
    up: LocalStack, history: dict[str, Any], tmp_path: pathlib.Path
) -> None:
    report = tmp_path / "report.html"
    run_id = history["code"]["run_id"]
    await rote(up, "runs", "report", run_id, "-o", str(report))
    html = report.read_text()
    assert run_id in html and "<script" not in html.lower()
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        page = await browser.new_page(viewport={"width": 1000, "height": 900})
        await page.goto(report.as_uri())
        timeline = page.locator("#timeline .block")
        assert await timeline.count() == 3
        assert await page.locator("#timeline").is_visible()
        assert (await timeline.nth(0).locator(".mode").text_content() or "").strip() == "code"
        screenshot = tmp_path / "report.png"
        await page.screenshot(path=str(screenshot), full_page=True)
        await browser.close()
    assert screenshot.stat().st_size > 10_000, "the rendered report is not blank"


async def test_unknown_ids_say_so_in_one_line(up: LocalStack) -> None:
    result = await rote(up, "runs", "show", "no-such-run", check=False)
    assert result.returncode == 1
    assert "not found" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = await rote(up, "scripts", "show", "no-such-script", check=False)
    assert result.returncode == 1 and "not found" in result.stderr


def _scrape(port: int) -> dict[str, float]:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    values: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = values.get(name, 0.0) + float(value)
    return values


async def test_metrics_show_hits_agent_steps_saved_and_regenerations(up: LocalStack, history: dict[str, Any]) -> None:
    executor = await asyncio.to_thread(_scrape, up.metrics_ports["executor"])
    cache = await asyncio.to_thread(_scrape, up.metrics_ports["cache"])
    codegen = await asyncio.to_thread(_scrape, up.metrics_ports["codegen"])
    assert executor["rote_cache_hits_total"] >= 3
    assert executor["rote_agent_steps_saved_total"] >= 1
    assert executor["rote_agent_steps_total"] >= history["agent"]["agent_steps"]
    assert "rote_fallbacks_total" in executor
    assert cache["rote_regenerations_total"] >= 2
    assert codegen['rote_codegen_latency_seconds_count'] >= 2


async def test_one_run_can_be_followed_through_all_three_service_logs(up: LocalStack, history: dict[str, Any]) -> None:
    run_id = history["again"]["run_id"]  # an agent run that published: executor → cache → codegen
    for service in ("executor", "cache", "codegen"):
        lines = (up.home / "logs" / f"{service}.log").read_text().splitlines()
        records = [json.loads(line) for line in lines if line.startswith("{")]
        mine = [r for r in records if r.get("run_id") == run_id]
        assert mine, f"the {service} log has no line carrying run id {run_id}"
        assert all(r["service"] == service for r in mine)
