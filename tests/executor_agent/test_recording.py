"""Recorded actions: fingerprints whose locators resolve with the runtime's Target semantics, secrets redacted."""

from __future__ import annotations

from collections import defaultdict

import pytest
from google.protobuf import json_format
from playwright.async_api import Page

from examples.demo_site import DemoSite
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.recording import ActionRecorder
from executor_service.runtime.target import Target
from services.gen.rote.v1 import trace_pb2
from tests.executor_agent.workflow_tasks import demo_params, recorder_for, task_for

pytestmark = pytest.mark.browser

AT = trace_pb2.ActionType
LK = trace_pb2.LocatorKind
_TARGET_FIELD = {LK.LOCATOR_KIND_LABEL: "label", LK.LOCATOR_KIND_ID: "id", LK.LOCATOR_KIND_CSS: "css"}


@pytest.fixture
async def recorded(page: Page, demo_site: DemoSite) -> tuple[dict[str, str], list[trace_pb2.Action]]:
    """The whole demo workflow run by the heuristic agent, and every action it recorded."""
    params = demo_params("demo_first", demo_site.url)
    agent, recorder = HeuristicAgent(), recorder_for(params)
    await recorder.goto(page, f"{demo_site.url}/login", intent="Open the login page")
    for label in ("login", "fill_quote", "extract_quote"):
        assert (await agent.run_block(page, task_for(label, params), recorder)).completed
    return params, recorder.actions


def _target(locator: trace_pb2.Locator) -> Target:
    if locator.kind == LK.LOCATOR_KIND_ROLE:
        return Target(role=locator.value, name=locator.name)
    return Target(**{_TARGET_FIELD[locator.kind]: locator.value})


def _fingerprints(action: trace_pb2.Action) -> list[trace_pb2.ElementFingerprint]:
    found = [action.element] if action.HasField("element") else []
    return found + [f.element for f in action.extract_fields]


async def test_fingerprints_carry_several_locator_kinds(recorded) -> None:
    _, actions = recorded
    for action in actions:
        for fingerprint in _fingerprints(action):
            kinds = {loc.kind for loc in fingerprint.locators}
            assert len(kinds) >= 3, action
            assert {LK.LOCATOR_KIND_CSS, LK.LOCATOR_KIND_XPATH} <= kinds


async def test_each_label_role_id_css_locator_finds_exactly_the_recorded_element(recorded, page: Page) -> None:
    _, actions = recorded
    by_url: dict[str, list[trace_pb2.ElementFingerprint]] = defaultdict(list)
    for action in actions:
        by_url[action.url].extend(_fingerprints(action))
    checked = 0
    for url, fingerprints in by_url.items():
        await page.goto(url)
        for fingerprint in fingerprints:
            for locator in fingerprint.locators:
                if locator.kind not in (*_TARGET_FIELD, LK.LOCATOR_KIND_ROLE):
                    continue
                [(_, found)] = _target(locator).candidates(page)
                visible = found.filter(visible=True)
                assert await visible.count() == 1, f"{locator} on {url}"
                assert await visible.get_attribute("id") == fingerprint.attributes["id"], locator
                checked += 1
    assert checked >= 30


async def test_the_password_never_appears_in_any_recorded_action(recorded) -> None:
    params, actions = recorded
    for action in actions:
        assert params["password"] not in json_format.MessageToJson(action)
        assert params["password"].encode() not in action.SerializeToString()
    password_action = next(a for a in actions if a.parameter_key == "password")
    assert password_action.type == AT.ACTION_TYPE_TYPE and password_action.value == ""


async def test_typed_values_name_their_parameters(recorded) -> None:
    params, actions = recorded
    keyed = {a.parameter_key: a for a in actions if a.parameter_key}
    assert {"username", "password", "full_name", "email", "plan", "start_date", "notes", "roadside"} <= set(keyed)
    assert keyed["full_name"].value == params["full_name"]
    assert keyed["plan"].type == AT.ACTION_TYPE_SELECT_OPTION
    assert keyed["roadside"].type == AT.ACTION_TYPE_CHECK


async def test_submits_are_irreversible_and_fills_are_not(recorded) -> None:
    _, actions = recorded
    clicks = {a.element.accessible_name: a.irreversible for a in actions if a.type == AT.ACTION_TYPE_CLICK}
    assert clicks == {"Sign in": True, "Get quote": True}
    assert not any(a.irreversible for a in actions if a.type != AT.ACTION_TYPE_CLICK)


async def test_click_is_fingerprinted_on_the_page_it_happened_on(recorded, demo_site: DemoSite) -> None:
    _, actions = recorded
    get_quote = next(a for a in actions if a.element.accessible_name == "Get quote")
    assert get_quote.url == f"{demo_site.url}/quote"


async def test_a_secret_inside_a_longer_value_is_not_recorded_and_callbacks_see_each_action(
    page: Page, demo_site: DemoSite
) -> None:
    params = demo_params("demo_first", demo_site.url)
    seen: list[trace_pb2.Action] = []

    async def on_action(action: trace_pb2.Action) -> None:
        seen.append(action)

    recorder = ActionRecorder(parameters=params, secret_keys={"password"}, on_action=on_action)
    await recorder.goto(page, f"{demo_site.url}/login", intent="Open the login page")
    field = await page.get_by_label("Username").element_handle()
    action = await recorder.fill(page, field, f"note {params['password']} end", intent="Type a note")
    assert action.value == "" and action.parameter_key == ""
    literal = await recorder.fill(page, field, "someone", intent="Type a name")
    assert literal.value == "someone" and literal.parameter_key == ""
    assert seen == recorder.actions and len(seen) == 3
