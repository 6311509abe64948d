"""run_with=code_only (issue 13): cached code and nothing else. A block without code fails saying why, a replay
that cannot do or show its effect fails or ends unverified, and the agent is never used, not even to heal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.workflows import workflow_from_mapping
from tests.executor.postcondition_pages import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    with serving() as url:
        yield url


def contact(workflow_id: str) -> workflow_pb2.Workflow:
    return workflow_from_mapping(
        {
            "workflow_id": workflow_id,
            "parameters": [{"key": "page"}, {"key": "email"}, {"key": "name"}],
            "blocks": [
                {
                    "label": "contact",
                    "type": "navigation",
                    "url": "{{ page }}",
                    "goal": "Send",
                    "payload": {"email": "{{ email }}", "name": "{{ name }}"},
                }
            ],
        }
    )


def params(page: str, email: str = "ada@example.com") -> dict[str, str]:
    return {"page": page, "email": email, "name": "Ada"}


async def test_code_only_never_uses_the_agent(client: ExecutorClient, pages: str) -> None:
    workflow = contact("code_only_contact")
    # Nothing cached yet: the block fails at once, saying why, with no agent step and nothing published.
    first = await client.run(workflow, parameters=params(f"{pages}/spa"), run_with="code_only")
    block = first.summary.blocks[0]
    assert first.summary.status == run_pb2.RUN_STATUS_FAILED
    assert block.status == run_pb2.BLOCK_STATUS_FAILED and "run_with=code_only" in block.reason, block.reason
    assert (first.summary.agent_steps, first.summary.published_version) == (0, 0)
    # Cached by an agent run, the same block replays as code.
    recorded = await client.run(workflow, parameters=params(f"{pages}/spa"), run_with="agent")
    assert recorded.summary.status == run_pb2.RUN_STATUS_COMPLETED, recorded.summary.error
    replayed = await client.run(workflow, parameters=params(f"{pages}/spa", "grace@example.com"),
                                run_with="code_only")
    assert replayed.summary.status == run_pb2.RUN_STATUS_COMPLETED, replayed.summary.error
    assert (replayed.summary.blocks[0].mode, replayed.summary.agent_steps) == (run_pb2.BLOCK_MODE_CODE, 0)
    # The page broke (Send does nothing): the code notices, and the block ends there instead of falling back.
    broken = await client.run(workflow, parameters=params(f"{pages}/spa-broken"), run_with="code_only")
    block = broken.summary.blocks[0]
    assert broken.summary.status in (run_pb2.RUN_STATUS_FAILED, run_pb2.RUN_STATUS_UNVERIFIED), broken.summary.error
    assert block.mode == run_pb2.BLOCK_MODE_CODE and "run_with=code_only" in block.reason, block.reason
    assert broken.summary.agent_steps == 0
