"""Replay on drifted pages: a changed element heals in one agent step, a blocked form falls back to the agent
(which never submits twice) and the repaired script then runs with 0 agent steps; tampered scripts are refused."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest

from examples.demo_site import DemoSite, start_demo_site
from services.client import ExecutorClient, RunResult
from services.gen.rote.v1 import run_pb2
from tests.executor.workflows import demo, demo_params, modes, outputs
from tests.support.services import RunningStack

pytestmark = pytest.mark.browser
CODE, FALLBACK, AGENT = run_pb2.BLOCK_MODE_CODE, run_pb2.BLOCK_MODE_FALLBACK, run_pb2.BLOCK_MODE_AGENT


@pytest.fixture(scope="module")
def drift_site() -> Iterator[DemoSite]:
    """A site of this module's own: tests switch its variant."""
    running = start_demo_site()
    yield running
    running.stop()


async def _record_v1(client: ExecutorClient, workflow_id: str, site: DemoSite) -> None:
    site.variant = "default"
    first = await client.run(demo(workflow_id), parameters=demo_params("demo_first", site.url), run_with="agent")
    assert first.summary.status == run_pb2.RUN_STATUS_COMPLETED, first.summary.error
    assert first.summary.published_version == 1


async def _code_run(client: ExecutorClient, workflow_id: str, site: DemoSite, variant: str) -> RunResult:
    site.variant = variant
    try:
        return await client.run(demo(workflow_id), parameters=demo_params("demo_second", site.url), run_with="code")
    finally:
        site.variant = "default"


def _block(result: RunResult, label: str) -> run_pb2.BlockSummary:
    return next(b for b in result.summary.blocks if b.label == label)


async def test_a_changed_submit_button_heals_with_exactly_one_agent_step(client, drift_site) -> None:
    await _record_v1(client, "heal_one", drift_site)
    result = await _code_run(client, "heal_one", drift_site, "submit_changed")
    summary = result.summary
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    fill = _block(result, "fill_quote")
    assert (fill.mode, fill.healed_actions, fill.agent_steps) == (CODE, 1, 1)
    assert "healed" in fill.reason and "Get quote" in fill.reason
    assert summary.agent_steps == 1
    healed = [e.action_done for e in result.events if e.HasField("action_done") and e.action_done.healed]
    assert len(healed) == 1 and healed[0].label == "fill_quote"
    assert healed[0].action.element.accessible_name == "Get my quote", "the trace keeps the element as found"


async def test_a_healed_block_is_regenerated_so_the_next_run_needs_no_agent(client, drift_site) -> None:
    await _record_v1(client, "heal_repair", drift_site)
    healed = await _code_run(client, "heal_repair", drift_site, "submit_changed")
    assert healed.summary.agent_steps == 1 and healed.summary.published_version == 2, healed.summary.error
    repaired = await _code_run(client, "heal_repair", drift_site, "submit_changed")
    assert repaired.summary.status == run_pb2.RUN_STATUS_COMPLETED, repaired.summary.error
    assert repaired.summary.agent_steps == 0 and repaired.summary.script_version == 2
    assert list(modes(repaired.summary).values()) == [CODE, CODE, CODE]
    assert repaired.summary.published_version == 0, "a clean replay regenerates nothing"


async def test_a_slow_form_is_waited_for_without_the_agent(client, drift_site) -> None:
    await _record_v1(client, "slow_form", drift_site)
    result = await _code_run(client, "slow_form", drift_site, "slow")
    assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error
    assert result.summary.agent_steps == 0
    assert set(modes(result.summary).values()) == {CODE}


async def test_a_blocking_dialog_falls_back_submits_once_and_the_repaired_script_needs_no_agent(
    client, drift_site, executor_stack: RunningStack
) -> None:
    await _record_v1(client, "modal", drift_site)
    before = drift_site.submissions
    fallen = await _code_run(client, "modal", drift_site, "modal")
    summary = fallen.summary
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    fill = _block(fallen, "fill_quote")
    assert fill.mode == FALLBACK and "fell back to the agent" in fill.reason
    assert drift_site.submissions == before + 1, "the form was submitted exactly once"
    assert fill.screenshot_key, "a screenshot is kept at a fallback"
    screenshot = pathlib.Path(executor_stack.storage.local_root) / fill.screenshot_key
    assert screenshot.read_bytes()[:4] == b"\x89PNG"
    assert summary.published_version == 2, "the fallback repairs the script"

    repaired = await _code_run(client, "modal", drift_site, "modal")
    assert repaired.summary.status == run_pb2.RUN_STATUS_COMPLETED, repaired.summary.error
    assert repaired.summary.agent_steps == 0 and repaired.summary.script_version == 2
    assert set(modes(repaired.summary).values()) == {CODE}


async def test_the_layout_changed_variant_heals_then_falls_back_then_is_repaired(client, drift_site) -> None:
    await _record_v1(client, "layout", drift_site)
    changed = await _code_run(client, "layout", drift_site, "layout_changed")
    fill = _block(changed, "fill_quote")
    assert changed.summary.status == run_pb2.RUN_STATUS_COMPLETED, changed.summary.error
    assert fill.mode == FALLBACK and fill.healed_actions == 1, fill.reason
    assert fill.reason.index("healed") < fill.reason.index("fell back")
    repaired = await _code_run(client, "layout", drift_site, "layout_changed")
    assert repaired.summary.agent_steps == 0, [b.reason for b in repaired.summary.blocks]
    expected = demo_params("demo_second", drift_site.url)["full_name"]
    assert outputs(repaired.summary)["extract_quote"]["customer"] == expected


async def test_a_missed_end_state_after_submitting_never_submits_again(client, drift_site) -> None:
    await _record_v1(client, "no_double_submit", drift_site)
    before = drift_site.submissions
    result = await _code_run(client, "no_double_submit", drift_site, "result_renamed")
    fill = _block(result, "fill_quote")
    assert fill.mode == FALLBACK and "end state" in fill.reason
    assert drift_site.submissions == before + 1, "the agent took over after the submit and did not repeat it"
    assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error


async def test_a_tampered_script_is_refused_the_run_says_why_and_the_next_run_is_regenerated(
    client, drift_site, executor_stack: RunningStack
) -> None:
    await _record_v1(client, "tampered", drift_site)
    first = await _code_run(client, "tampered", drift_site, "default")
    root = pathlib.Path(executor_stack.storage.local_root)
    files = [p for p in (root / "default" / "scripts" / first.summary.script_id).rglob("*.py")]
    assert files
    for path in files:
        path.write_text(path.read_text() + "\nawait page.goto('http://127.0.0.1:9/')\n")

    refused = await _code_run(client, "tampered", drift_site, "default")
    started = next(e.run_started for e in refused.events if e.HasField("run_started"))
    assert "refused" in started.warning and "sha256" in started.warning
    assert refused.summary.status == run_pb2.RUN_STATUS_COMPLETED, refused.summary.error
    assert set(modes(refused.summary).values()) == {FALLBACK}
    assert all("cached code not used" in b.reason for b in refused.summary.blocks)
    assert refused.summary.published_version == 2

    regenerated = await _code_run(client, "tampered", drift_site, "default")
    assert regenerated.summary.agent_steps == 0 and regenerated.summary.script_version == 2
