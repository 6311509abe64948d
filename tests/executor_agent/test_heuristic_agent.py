"""The heuristic agent drives the demo workflow's blocks on the real demo site in real Chromium."""

from __future__ import annotations

import pytest
from playwright.async_api import BrowserContext, Page

from examples.demo_site import DemoSite
from examples.demo_site.quote_math import expected_quote_rows
from executor_service.agents.base import Agent, AgentResult, AgentTask, RenderedValue
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.recording import ActionRecorder
from services.gen.rote.v1 import trace_pb2, workflow_pb2
from tests.executor_agent.workflow_tasks import demo_params, recorder_for, task_for
from tests.support.demo_site import use_variant

pytestmark = pytest.mark.browser

AT = trace_pb2.ActionType


async def _run(page: Page, params: dict[str, str], labels: tuple[str, ...]) -> tuple[list[AgentResult], ActionRecorder]:
    agent, recorder = HeuristicAgent(), recorder_for(params)
    await recorder.goto(page, f"{params['base_url']}/login", intent="Open the login page")
    results = []
    for label in labels:
        result = await agent.run_block(page, task_for(label, params), recorder)
        assert result.completed, f"{label}: {result.reason}"
        results.append(result)
    return results, recorder


def test_heuristic_agent_satisfies_the_agent_protocol() -> None:
    assert isinstance(HeuristicAgent(), Agent)


async def test_agent_logs_in_fills_every_field_type_and_reaches_the_result(page: Page, demo_site: DemoSite) -> None:
    params = demo_params("demo_first", demo_site.url)
    before = demo_site.submissions
    results, recorder = await _run(page, params, ("login", "fill_quote"))
    assert page.url.startswith(f"{demo_site.url}/quote/result?ref=Q-")
    assert demo_site.submissions == before + 1
    submitted = demo_site.quotes[page.url.rsplit("=", 1)[1]]
    assert submitted == {
        "full_name": params["full_name"],
        "email": params["email"],
        "plan": "standard",
        "start_date": params["start_date"],
        "notes": params["notes"],
        "roadside": "yes",
    }
    kinds = {a.type for a in recorder.actions}
    assert {AT.ACTION_TYPE_TYPE, AT.ACTION_TYPE_SELECT_OPTION, AT.ACTION_TYPE_CHECK, AT.ACTION_TYPE_CLICK} <= kinds
    assert all(r.steps >= 1 and r.llm_calls == 0 for r in results)
    assert results[1].end_state is not None and results[1].end_state.landmark_text == "Your quote"


@pytest.mark.parametrize("params_file", ["demo_first", "demo_second"])
async def test_extraction_returns_the_rows_quote_math_predicts(
    page: Page, demo_site: DemoSite, params_file: str
) -> None:
    params = demo_params(params_file, demo_site.url)
    results, recorder = await _run(page, params, ("login", "fill_quote", "extract_quote"))
    output = results[-1].output
    assert output["options"] == expected_quote_rows(
        full_name=params["full_name"], plan=params["plan"], roadside=params["roadside"] == "true"
    )
    assert output["reference"] == page.url.rsplit("=", 1)[1]
    assert output["customer"] == params["full_name"]
    extract = recorder.actions[-1]
    assert extract.type == AT.ACTION_TYPE_EXTRACT
    fields = {f.name: f for f in extract.extract_fields}
    assert dict(fields["options"].columns) == {
        "plan": "Plan",
        "monthly_price": "Monthly price",
        "deductible": "Deductible",
    }
    assert fields["reference"].element.label == "Quote reference"


async def test_two_customers_get_different_extracted_data(demo_site: DemoSite) -> None:
    first, second = (demo_params(n, demo_site.url) for n in ("demo_first", "demo_second"))
    rows = [expected_quote_rows(full_name=p["full_name"], plan=p["plan"], roadside=True) for p in (first, second)]
    assert rows[0] != rows[1]


async def test_wrong_password_fails_without_signing_in_again_and_again(page: Page, demo_site: DemoSite) -> None:
    params = {**demo_params("demo_first", demo_site.url), "password": "not-the-password"}
    agent, recorder = HeuristicAgent(settle_timeout_ms=1500), recorder_for(params)
    await recorder.goto(page, f"{demo_site.url}/login", intent="Open the login page")
    result = await agent.run_block(page, task_for("login", params), recorder)
    assert not result.completed
    clicks = [a for a in recorder.actions if a.type == AT.ACTION_TYPE_CLICK]
    assert len(clicks) == 1, "an irreversible sign-in is not repeated on the same form"


async def test_fallback_does_not_repeat_an_irreversible_submit(page: Page, demo_site: DemoSite) -> None:
    params = demo_params("demo_first", demo_site.url)
    _, recorder = await _run(page, params, ("login", "fill_quote"))
    before = demo_site.submissions
    task = task_for("fill_quote", params)
    task.actions_done = [a for a in recorder.actions if a.url.endswith("/quote")]
    fallback = await HeuristicAgent().run_block(page, task, recorder_for(params))
    assert fallback.completed, fallback.reason
    assert demo_site.submissions == before


@pytest.mark.parametrize("variant", ["ids_changed", "reordered", "relabelled"])
async def test_agent_completes_the_form_on_drifted_pages(
    page: Page, context: BrowserContext, demo_site: DemoSite, variant: str
) -> None:
    await use_variant(context, demo_site, variant)
    params = demo_params("demo_second", demo_site.url)
    results, _ = await _run(page, params, ("login", "fill_quote", "extract_quote"))
    assert results[-1].output["options"] == expected_quote_rows(
        full_name=params["full_name"], plan=params["plan"], roadside=params["roadside"] == "true"
    )


async def test_a_quoted_control_the_page_lacks_is_named_instead_of_another_submit_clicked(page: Page) -> None:
    await page.set_content('<form method="post"><label>Note <textarea name="body"></textarea></label>'
                           "<button>Save draft</button><button>Publish now</button></form>")
    goal = "Write the note and click 'Archive'"
    task = AgentTask(block=workflow_pb2.Block(label="b", type=workflow_pb2.BLOCK_TYPE_NAVIGATION, goal=goal),
                     payload={"body": RenderedValue("Meeting moved to Friday", parameter_key="body")}, goal=goal)
    recorder = ActionRecorder(parameters={"body": "Meeting moved to Friday"}, effect_timeout_ms=500)
    result = await HeuristicAgent(settle_timeout_ms=500).run_block(page, task, recorder)
    assert not result.completed
    assert "the goal names 'Archive', which no control on the page bears (best: 'Save draft'" in result.reason
    assert "'Publish now'" in result.reason
    assert not [a for a in recorder.actions if a.type == AT.ACTION_TYPE_CLICK]
