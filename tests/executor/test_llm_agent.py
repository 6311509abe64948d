"""The LLM agent against a local scripted OpenAI-compatible endpoint: it drives the demo workflow, every request
is counted, the API key and secret values never leave where they belong, and the code run makes no requests."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from examples.demo_site import DemoSite
from examples.demo_site.quote_math import expected_quote_rows
from executor_service.agents.factory import make_agent
from executor_service.agents.heuristic import HeuristicAgent
from executor_service.agents.llm import LLMAgent
from executor_service.agents.llm_client import ChatClient, LLMUnavailable
from executor_service.bootstrap import start_executor_service
from executor_service.settings import ExecutorSettings
from services.client import ExecutorClient
from services.errors import InvalidArgument
from services.gen.rote.v1 import run_pb2
from services.server import ServiceServer
from tests.executor.scripted_llm import ScriptedEndpoint, scripted_endpoint
from tests.executor.workflows import demo, demo_params, outputs
from tests.support.services import RunningStack

pytestmark = pytest.mark.browser
API_KEY = "sk-test-not-a-real-key-0123456789"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[ScriptedEndpoint]:
    with scripted_endpoint() as running:
        yield running


@pytest.fixture(scope="module")
async def llm_executor(executor_stack: RunningStack, endpoint: ScriptedEndpoint) -> AsyncIterator[ServiceServer]:
    settings = dataclasses.replace(
        ExecutorSettings.from_env(),
        cache_address=executor_stack.cache.address,
        storage=executor_stack.storage,
        settle_timeout_ms=1500.0,
        agent="llm",
        llm_base_url=endpoint.url,
        llm_model="scripted-model",
        llm_api_key=API_KEY,
    )
    server = await start_executor_service(settings)
    yield server
    await server.stop(1)


@pytest.fixture(scope="module")
async def llm_runs(llm_executor: ServiceServer, endpoint: ScriptedEndpoint, site: DemoSite) -> dict[str, object]:
    workflow = demo("llm_demo")
    async with ExecutorClient(llm_executor.address) as client:
        agent_run = await client.run(workflow, parameters=demo_params("demo_first", site.url), run_with="agent")
        after_agent = endpoint.requests
        code_run = await client.run(workflow, parameters=demo_params("demo_second", site.url), run_with="code")
        after_code = endpoint.requests
        site.variant = "submit_changed"
        try:
            healed = await client.run(workflow, parameters=demo_params("demo_second", site.url), run_with="code")
        finally:
            site.variant = "default"
    return {"agent": agent_run.summary, "code": code_run.summary, "healed": healed.summary,
            "after_agent": after_agent, "after_code": after_code, "after_heal": endpoint.requests}


async def test_the_llm_agent_drives_the_demo_and_counts_every_request(llm_runs, site: DemoSite) -> None:
    summary = llm_runs["agent"]
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    assert summary.llm_calls == llm_runs["after_agent"] == summary.agent_steps == 3
    params = demo_params("demo_first", site.url)
    extracted = outputs(summary)["extract_quote"]
    assert extracted["options"] == expected_quote_rows(full_name=params["full_name"], plan="Standard", roadside=True)
    assert summary.published_version == 1


async def test_the_code_run_makes_no_llm_request(llm_runs) -> None:
    assert llm_runs["code"].status == run_pb2.RUN_STATUS_COMPLETED, llm_runs["code"].error
    assert llm_runs["code"].llm_calls == 0 and llm_runs["code"].agent_steps == 0
    assert llm_runs["after_code"] == llm_runs["after_agent"]


async def test_healing_asks_the_model_once(llm_runs) -> None:
    healed = llm_runs["healed"]
    assert healed.status == run_pb2.RUN_STATUS_COMPLETED, healed.error
    assert healed.agent_steps == 1 and healed.llm_calls == 1
    assert llm_runs["after_heal"] == llm_runs["after_code"] + 1


async def test_the_prompt_is_compact_and_never_holds_a_secret_value(llm_runs, endpoint: ScriptedEndpoint) -> None:
    password = demo_params("demo_first", "")["password"]
    for body in endpoint.bodies:
        text = json.dumps(body)
        assert password not in text
        assert body["model"] == "scripted-model" and body["response_format"] == {"type": "json_object"}
        assert len(text) < 6000, "the element list is compact"
    assert any("<secret>" in json.dumps(body) for body in endpoint.bodies)
    assert set(endpoint.authorizations) == {f"Bearer {API_KEY}"}


async def test_the_api_key_is_never_logged_or_shown(endpoint: ScriptedEndpoint, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    settings = dataclasses.replace(
        ExecutorSettings.from_env(), agent="llm", llm_base_url=endpoint.url, llm_model="m", llm_api_key=API_KEY
    )
    agent = make_agent(settings)
    assert isinstance(agent, LLMAgent)
    assert API_KEY not in repr(settings) and API_KEY not in repr(agent)
    dead = ChatClient("http://127.0.0.1:9/v1", "m", API_KEY, timeout_s=2)
    with pytest.raises(LLMUnavailable) as failure:
        await dead.complete([{"role": "user", "content": "hi"}])
    assert API_KEY not in str(failure.value)
    assert API_KEY not in caplog.text


async def test_tokens_are_counted(endpoint: ScriptedEndpoint) -> None:
    client = ChatClient(endpoint.url, "m", API_KEY)
    reply = await client.complete([{"role": "system", "content": "x"}, {"role": "user", "content": "u" * 400}])
    assert (reply.prompt_tokens, reply.completion_tokens) == (100, 20)
    assert (client.usage.requests, client.usage.prompt_tokens, client.usage.completion_tokens) == (1, 100, 20)


def test_the_agent_is_chosen_by_settings() -> None:
    base = ExecutorSettings.from_env()
    assert isinstance(make_agent(dataclasses.replace(base, agent="heuristic")), HeuristicAgent)
    with pytest.raises(InvalidArgument, match="ROTE_LLM_BASE_URL"):
        make_agent(dataclasses.replace(base, agent="llm", llm_base_url=""))
    with pytest.raises(InvalidArgument, match="heuristic or llm"):
        make_agent(dataclasses.replace(base, agent="gpt"))
