"""A reused browser context shows a run nothing of the previous run of its org, and no org gets another's."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page
from prometheus_client import REGISTRY

from executor_service.browser.context_pool import ContextPool
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2
from services.workflows import workflow_from_mapping
from tests.executor.isolation_pages import IsolationSite
from tests.support.services import RunningStack

pytestmark = pytest.mark.browser

VISIT = workflow_from_mapping(
    {
        "workflow_id": "isolation_visit",
        "parameters": [{"key": "base_url", "required": True}, {"key": "path", "required": True}],
        "blocks": [
            {"label": "open", "type": "goto_url", "url": "{{ base_url }}/{{ path }}"},
            # The page reports to the site after load; the run (and so the reset) must not end before that.
            {"label": "settle", "type": "wait", "wait_seconds": 1.0},
        ],
    }
)
CLEAN = {
    "cookie": "", "name": "", "local": 0, "session": 0, "idb": [], "caches": [], "workers": 0, "controlled": False,
    "geolocation": "prompt", "notifications": "prompt",
}


def _count(event: str) -> float:
    return REGISTRY.get_sample_value("rote_executor_contexts_total", {"event": event}) or 0.0


async def _visit(client: ExecutorClient, site: IsolationSite, path: str) -> None:
    result = await client.run(VISIT, parameters={"base_url": site.url, "path": path}, run_with="agent")
    assert result.summary.status == run_pb2.RUN_STATUS_COMPLETED, result.summary.error


async def test_reused_context_and_other_org_see_none_of_the_planted_state(
    executor_stack: RunningStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    planting: dict[str, str] = {}
    acquire = ContextPool.acquire

    async def acquire_with_grant(self: ContextPool, org: str = "default", **kwargs: Any) -> tuple[BrowserContext, Page]:
        # A run arriving while its org's context is still being reset takes a ready spare instead: let the reset
        # end first, so the same org's next run does get the reset context this test is about.
        await self.resets_done()
        context, page = await acquire(self, org, **kwargs)
        if planting:
            # No page can grant itself a permission in headless Chromium; the grant a run could get is made here.
            await context.grant_permissions(["geolocation", "notifications"], origin=planting["origin"])
        return context, page

    monkeypatch.setattr(ContextPool, "acquire", acquire_with_grant)
    address = executor_stack.executor.address
    with IsolationSite() as site:
        async with ExecutorClient(address, "iso-x") as org_x, ExecutorClient(address, "iso-y") as org_y:
            planting["origin"] = site.url
            await _visit(org_x, site, "plant")
            planting.clear()
            planted = site.reports["plant"]
            assert "planted=js" in planted["cookie"] and planted["local"] == 1 and planted["session"] == 1
            assert planted["name"] == "planted-name"
            assert planted["idb"] == ["planted-db"] and planted["caches"] == ["planted-cache"]
            assert planted["workers"] == 1 and planted["geolocation"] == "granted"
            assert site.hits["/alive"] > 0, "the popup ran"
            assert site.hits["/cached.js"] == 1

            reused = _count("reused")
            await _visit(org_x, site, "report?tag=same-org")
            assert _count("reused") == reused + 1, "the same org's next run reused the reset context"
            alive = site.hits["/alive"]
            await _visit(org_y, site, "report?tag=other-org")
            assert _count("reused") == reused + 1, "another org never gets that context"

    for tag in ("same-org", "other-org"):
        seen = {key: site.reports[tag][key] for key in CLEAN}
        assert seen == CLEAN, f"{tag} run saw state planted by the earlier run"
        assert site.cookies_seen[tag] == "", f"{tag} run sent the planted cookies"
    # Each report page fetched the cached script from the site again: the HTTP cache was emptied too.
    assert site.hits["/cached.js"] == 3
    assert site.hits["/alive"] == alive, "the planted popup was closed before the context was reused"
    assert site.reports["same-org"]["history"] == site.reports["other-org"]["history"], "no history left"
