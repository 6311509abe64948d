"""ROTE_ALLOWED_HOSTS: the executor refuses to open hosts outside the allowlist, and says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from executor_service import url_policy
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2
from services.workflows import workflow_from_mapping

pytestmark = pytest.mark.browser


@pytest.fixture
def allow_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ROTE_ALLOWED_HOSTS", "shop.example.com,*.partner.example")
    url_policy._allowed_hosts.cache_clear()
    yield
    monkeypatch.delenv("ROTE_ALLOWED_HOSTS")
    url_policy._allowed_hosts.cache_clear()


def _open() -> object:
    return workflow_from_mapping(
        {
            "workflow_id": "allowlist",
            "parameters": [{"key": "target", "required": True}],
            "blocks": [{"label": "open", "type": "goto_url", "url": "{{ target }}"}],
        }
    )


async def test_a_host_outside_the_allowlist_is_refused_with_the_reason(
    client: ExecutorClient, site, allow_only: None
) -> None:
    result = await client.run(_open(), parameters={"target": f"{site.url}/login"}, run_with="agent")
    summary = result.summary
    assert summary.status == run_pb2.RUN_STATUS_FAILED
    assert "not in ROTE_ALLOWED_HOSTS" in summary.blocks[0].reason


async def test_without_an_allowlist_only_non_http_schemes_are_refused(client: ExecutorClient, site) -> None:
    opened = await client.run(_open(), parameters={"target": f"{site.url}/login"}, run_with="agent")
    assert opened.summary.status == run_pb2.RUN_STATUS_COMPLETED, opened.summary.error
    refused = await client.run(_open(), parameters={"target": "file:///etc/passwd"}, run_with="agent")
    assert refused.summary.status == run_pb2.RUN_STATUS_FAILED
    assert "only http and https" in refused.summary.blocks[0].reason
