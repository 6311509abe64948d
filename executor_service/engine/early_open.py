"""The run's first page opened while the cache service starts the run, so the two waits overlap (issue 18).

Only for a request that carries its definition, passes the same parameter checks the cache service makes, and
whose first block opens a URL known without rendering (a fixed URL, or one parameter's value as given); the run's
goto of that URL then takes the navigation over (``browser/early_navigation``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from playwright.async_api import BrowserContext, Page

from executor_service.browser import early_navigation
from executor_service.browser.context_pool import ContextPool
from executor_service.browser.page_events import page_events
from executor_service.engine.graph import BlockGraph
from executor_service.engine.run_start import parameters_with_defaults
from executor_service.engine.templates import whole_parameter
from executor_service.url_policy import check_navigation
from services.errors import RoteError
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import workflow_pb2
from services.workflows.parameters import validate_run_parameters

log = logging.getLogger(__name__)
_TEMPLATE_MARKS = ("{{", "{%", "{#")


@dataclass(frozen=True)
class EarlyPage:
    """A context leased for the run before it started, its page already on the way to ``url``."""

    context: BrowserContext
    page: Page
    url: str


def first_url(request: ex_pb.RunWorkflowRequest) -> str:
    """The URL the run will open first, when the request alone says it and the cache service would accept the
    parameters; else ''."""
    if not request.HasField("workflow"):
        return ""  # a stored workflow: its definition comes from the cache service
    workflow = request.workflow
    first = BlockGraph(list(workflow.blocks)).first()
    if first is None or first.type != workflow_pb2.BLOCK_TYPE_GOTO_URL:
        return ""
    try:
        values = parameters_with_defaults(workflow, dict(request.parameters))
        secret = {p.key for p in workflow.parameters if p.secret}
        validate_run_parameters(workflow, {k: v for k, v in values.items() if k not in secret}, secret & set(values))
    except RoteError:
        return ""  # refused by StartRun, with its own message; nothing is opened
    template = first.url
    name = whole_parameter(template)
    if name:
        url = values.get(name, "") if name not in secret else ""
    elif any(mark in template for mark in _TEMPLATE_MARKS) or template != template.strip():
        url = ""  # rendered in the template sandbox by the block itself
    else:
        url = template
    if not url:
        return ""
    try:
        check_navigation(url)
    except RoteError:
        return ""  # the block fails with the policy's reason
    return url


async def open_early(pool: ContextPool, org: str, url: str) -> EarlyPage:
    """Lease a context for ``org`` and start opening ``url`` on its page; the run takes both over."""
    context, page = await pool.acquire(org)
    page_events(page)  # listening before the first request, as a run's page does
    early_navigation.start(page, url)
    return EarlyPage(context, page, url)


async def give_back(pool: ContextPool, early: EarlyPage) -> None:
    """The run never began: its navigation is dropped and the context closed (it may be mid-load)."""
    await early_navigation.drop(early.page)
    await pool.release(early.context, reusable=False)
