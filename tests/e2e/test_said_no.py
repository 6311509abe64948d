"""A "No" the page never asked, through the real services: the agent leaves it out and says why, the code it
becomes replays for another "No" with no agent step, and a run whose value says more is handed to the agent
instead of replaying a page that never did what it asked (the server's record is the judge)."""

from __future__ import annotations

import pathlib
from collections.abc import AsyncIterator, Iterator

import pytest

from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2
from services.workflows import workflow_from_mapping
from tests.executor.agent_pages import Received, serving
from tests.support.services import RunningStack, running_stack

pytestmark = pytest.mark.browser

WORKFLOW = workflow_from_mapping({
    "workflow_id": "van_hire_said_no",
    "title": "Hire a van",
    "parameters": [{"key": k, "required": True} for k in ("start_url", "town", "start_date", "end_date")]
    + [{"key": "one_way", "required": True, "description": "Whether I drop the van at another depot"}],
    "blocks": [
        {"label": "open", "type": "goto_url", "url": "{{ start_url }}"},
        {"label": "book", "type": "navigation",
         "goal": "Hire a van from {{ town }} for the nights {{ start_date }} to {{ end_date }}"
                 " (one way: {{ one_way }})",
         "payload": {k: f"{{{{ {k} }}}}" for k in ("town", "start_date", "end_date", "one_way")}},
    ],
})


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningStack]:
    # Its own services and storage: the walking skeleton reads every module its shared stack stored.
    async with running_stack(pathlib.Path(tmp_path_factory.mktemp("rote-said-no"))) as running:
        yield running


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Received]]:
    with serving() as running:
        yield running


async def test_a_no_left_out_replays_only_for_another_no(stack: RunningStack, site: tuple[str, Received]) -> None:
    base, received = site
    url = f"{base}/van-hire"

    def values(town: str, one_way: str) -> dict[str, str]:
        return {"start_url": url, "town": town, "start_date": "2027-04-09", "end_date": "2027-04-12",
                "one_way": one_way}

    async with ExecutorClient(stack.executor.address) as client:
        first = (await client.run(WORKFLOW, parameters=values("Leeds", "No"), run_with="agent")).summary
        assert first.status == run_pb2.RUN_STATUS_COMPLETED, first.error
        assert received.last() == {"a": "09.04.2027", "b": "12.04.2027", "town": "Leeds"}
        assert first.published_version == 1

        second = (await client.run(WORKFLOW, parameters=values("York", "no"), run_with="code")).summary
        assert second.status == run_pb2.RUN_STATUS_COMPLETED, second.error
        assert second.agent_steps == 0
        assert received.last()["town"] == "York"

        sent = len(received.posts)
        third = (await client.run(WORKFLOW, parameters=values("Hull", "Yes"), run_with="code")).summary
    # The code does nothing for one_way; for "Yes" it hands the block to the agent, which finds no place for it
    # and sends nothing: an honest failure, never a booking that ignored the one-way hire.
    book = next(b for b in third.blocks if b.label == "book")
    assert book.mode == run_pb2.BLOCK_MODE_FALLBACK
    assert "one_way said no when recorded" in book.reason
    assert third.status != run_pb2.RUN_STATUS_COMPLETED
    assert len(received.posts) == sent
