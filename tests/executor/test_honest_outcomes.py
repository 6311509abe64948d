"""Honest outcomes through the real services (issue 13): a block whose effect does not show is `unverified`, in
agent mode and after a fallback from code; it is never published; a termination criterion fails a block early."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.workflows import workflow_from_mapping
from tests.executor.postcondition_pages import serving

pytestmark = pytest.mark.browser
UNVERIFIED = run_pb2.BLOCK_STATUS_UNVERIFIED


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    with serving() as url:
        yield url


def contact(workflow_id: str, goal: str, **extra: str) -> workflow_pb2.Workflow:
    return workflow_from_mapping(
        {
            "workflow_id": workflow_id,
            "parameters": [{"key": "page"}, {"key": "email"}, {"key": "name"}],
            "blocks": [
                {
                    "label": "contact",
                    "type": "navigation",
                    "url": "{{ page }}",
                    "goal": goal,
                    "payload": {"email": "{{ email }}", "name": "{{ name }}"},
                    **extra,
                }
            ],
        }
    )


def params(page: str, email: str = "ada@example.com") -> dict[str, str]:
    return {"page": page, "email": email, "name": "Ada"}


async def test_a_click_without_effect_is_unverified_and_never_cached(client: ExecutorClient, pages: str) -> None:
    result = await client.run(contact("honest_noop", "Submit (does nothing)"), parameters=params(f"{pages}/spa"),
                              run_with="agent")
    summary = result.summary
    assert summary.status == run_pb2.RUN_STATUS_UNVERIFIED, summary.error
    block = summary.blocks[0]
    assert block.status == UNVERIFIED and "no observable effect" in block.reason, block.reason
    assert summary.published_version == 0
    finished = [e.block_finished.block for e in result.events if e.HasField("block_finished")]
    assert [b.status for b in finished] == [UNVERIFIED]
    again = await client.run(contact("honest_noop", "Submit (does nothing)"), parameters=params(f"{pages}/spa"),
                             run_with="code")
    assert again.summary.blocks[0].mode == run_pb2.BLOCK_MODE_AGENT, "an unverified block never became code"


async def test_a_verified_block_is_cached_and_a_broken_replay_falls_back_unverified(
    client: ExecutorClient, pages: str
) -> None:
    workflow = contact("honest_send", "Send")
    first = await client.run(workflow, parameters=params(f"{pages}/spa"), run_with="agent")
    assert first.summary.status == run_pb2.RUN_STATUS_COMPLETED, first.summary.error
    assert first.summary.published_version == 1
    code = await client.run(workflow, parameters=params(f"{pages}/spa", "grace@example.com"), run_with="code")
    assert code.summary.status == run_pb2.RUN_STATUS_COMPLETED, code.summary.error
    assert (code.summary.blocks[0].mode, code.summary.agent_steps) == (run_pb2.BLOCK_MODE_CODE, 0)
    # The page changed: Send does nothing now. Code notices (no dom_change), the agent cannot do better.
    broken = await client.run(workflow, parameters=params(f"{pages}/spa-broken"), run_with="code")
    block = broken.summary.blocks[0]
    assert broken.summary.status == run_pb2.RUN_STATUS_UNVERIFIED, broken.summary.error
    assert (block.mode, block.status) == (run_pb2.BLOCK_MODE_FALLBACK, UNVERIFIED)
    assert "expected a dom_change effect" in block.reason and "no observable effect" in block.reason
    assert broken.summary.published_version == 0, "a fallback's repair is published only if it verified"


async def test_validation_error_and_termination_criterion_fail_the_block(client: ExecutorClient, pages: str) -> None:
    bad = await client.run(contact("honest_invalid", "Send"), parameters=params(f"{pages}/spa", "ada-at-home"),
                           run_with="agent")
    block = bad.summary.blocks[0]
    assert bad.summary.status == run_pb2.RUN_STATUS_FAILED
    assert block.status == run_pb2.BLOCK_STATUS_FAILED and "Email is invalid" in block.reason, block.reason
    pay = workflow_from_mapping(
        {
            "workflow_id": "honest_pay",
            "parameters": [{"key": "page"}],
            "blocks": [{"label": "pay", "type": "action", "url": "{{ page }}", "goal": "Pay",
                        "completion_criterion": "text:Payment accepted",
                        "termination_criterion": "text:Card declined"}],
        }
    )
    declined = await client.run(pay, parameters={"page": f"{pages}/spa"}, run_with="agent")
    block = declined.summary.blocks[0]
    assert block.status == run_pb2.BLOCK_STATUS_FAILED
    assert "Card declined: insufficient funds" in block.reason, block.reason
