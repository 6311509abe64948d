"""Settings made of UI-kit switches (a <button role="switch" aria-checked>, as Headless UI or Radix draw them), one
yes/no value per setting. Before, such a switch was no field at all: every value found "no candidate", and the agent
pressed the first switch as if it were the form's send button. Now each is set as a checkbox is, from its value, in
the agent and in replayed code alike. Judged by what the server received."""

from __future__ import annotations

from typing import Any

import libcst as cst
import pytest
from playwright.async_api import Page

from codegen_service.blocks import build_block, simple_generation
from executor_service.recording import ActionRecorder
from executor_service.runtime import Page as ReplayPage
from executor_service.runtime import RunContext, Target
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor import form_site, page_fixtures
from tests.executor.form_site import Posts, run_agent

pytestmark = pytest.mark.browser
page, replay = page_fixtures.page, page_fixtures.replay
site, base_url, posted = form_site.site, form_site.base_url, form_site.posted
SETTLE_MS = 2000
PAGES = {
    "/privacy": """<!doctype html><title>Privacy</title><h1>Privacy settings</h1>
<form method="post" action="/sent">
<div><span id="l1">Show my profile in search results</span>
<button type="button" role="switch" aria-checked="true" aria-labelledby="l1" data-n="search"></button></div>
<div><span id="l2">Email me about new features</span>
<button type="button" role="switch" aria-checked="false" aria-labelledby="l2" data-n="news"></button></div>
<div><span id="l3">Share usage data with partners</span>
<button type="button" role="switch" aria-checked="true" aria-labelledby="l3" data-n="share"></button></div>
<input type="hidden" name="search" value="true"><input type="hidden" name="news" value="false">
<input type="hidden" name="share" value="true"><button type="submit">Save changes</button></form>
<script>
document.querySelectorAll('[role=switch]').forEach((s) => s.onclick = () => {
  const on = s.getAttribute('aria-checked') !== 'true';
  s.setAttribute('aria-checked', String(on));
  document.querySelector('input[name=' + s.dataset.n + ']').value = String(on);
});
</script>""",
}


PAYLOAD = {"show_in_search": "off", "feature_emails": "on", "share_data": "no"}


async def _agent_saves(page: Page, base_url: str) -> ActionRecorder:
    """The agent's run on the settings page with PAYLOAD, which must complete; its recorder."""
    await page.goto(f"{base_url}/privacy")
    result, recorder = await run_agent(page, "Update my privacy settings", PAYLOAD, SETTLE_MS)
    assert result.completed, result.reason
    return recorder


async def test_the_agent_sets_each_switch_from_its_value_and_then_saves(
    page: Page, base_url: str, posted: Posts
) -> None:
    recorder = await _agent_saves(page, base_url)
    assert posted == [{"search": ["false"], "news": ["true"], "share": ["false"]}]
    bound = {a.parameter_key for a in recorder.actions if a.parameter_key}
    assert bound == set(PAYLOAD)  # each switch is set from its parameter, so code sets the next run's


async def test_replayed_code_sets_each_switch_to_its_own_runs_value(page: Page, base_url: str, posted: Posts) -> None:
    await page.goto(f"{base_url}/privacy")
    code = replay(page)
    for name, value in (("Show my profile in search results", "yes"), ("Email me about new features", "no"),
                        ("Share usage data with partners", "false")):
        await code.set_checked(Target(role="switch", name=name), value, intent=f"Set {name}")
    await page.get_by_role("button", name="Save changes").click()
    await page.wait_for_load_state()
    assert posted == [{"search": ["true"], "news": ["false"], "share": ["false"]}]


async def test_code_generated_from_the_agents_run_sets_the_next_runs_switches(
    page: Page, base_url: str, posted: Posts
) -> None:
    recorder = await _agent_saves(page, base_url)
    trace = trace_pb2.BlockTrace(label="privacy", type=workflow_pb2.BLOCK_TYPE_ACTION, actions=recorder.actions)
    code = cst.Module([]).code_for_node(build_block(trace, simple_generation(PAYLOAD, {"p": "privacy"})).function)
    namespace: dict[str, Any] = {}
    exec(f"from executor_service.runtime import *\n{code}", namespace)  # noqa: S102 - the code generated above

    async def sink(action: trace_pb2.Action, healed: bool) -> None:
        return None

    posted.clear()
    await page.goto(f"{base_url}/privacy")
    ctx = RunContext(run_id="t", parameters={"show_in_search": "yes", "feature_emails": "no", "share_data": "yes"},
                     secret_keys=frozenset())
    await namespace["privacy"](ReplayPage(page, ctx, on_action=sink, settle_timeout_ms=SETTLE_MS), ctx)
    assert posted == [{"search": ["true"], "news": ["false"], "share": ["true"]}]
