"""Every block type runs through the agent, then as code with other parameter values and 0 agent steps:
login, goto_url, wait, code, extraction, conditional (both branches), for_loop with per-item downloads, task
(a three-step wizard with a select, radio, date, textarea and checkbox), task_v2 (planned) and action."""

from __future__ import annotations

import pathlib

import pytest

from examples.demo_site import DemoSite
from examples.demo_site.extra_pages import INVOICES
from services.client import ExecutorClient
from services.gen.rote.v1 import run_pb2
from tests.executor.workflows import every_block, every_block_params, modes, outputs
from tests.support.services import RunningStack

pytestmark = pytest.mark.browser
M = run_pb2.BlockMode
LIVE_BLOCKS = {"open_invoices", "pause", "where_am_i", "route_choice"}


def _invoice_output(number: str) -> dict[str, object]:
    invoice = INVOICES[number]
    return {"amount_due": invoice.amount_cents / 100, "billed_to": invoice.customer}


@pytest.fixture(scope="module")
async def runs(executor_stack: RunningStack, site: DemoSite) -> dict[str, run_pb2.RunSummary]:
    """Agent run (loop branch), code run with another list, then the wizard branch (auto), then as code."""
    workflow = every_block("every_block")
    plan = [
        ("agent", "agent", ["INV-1001", "INV-1003"], {}),
        ("code", "code", ["INV-1002"], {}),
        ("wizard_agent", "auto", ["INV-1001"], {"route": "wizard"}),
        ("wizard_code", "code", ["INV-1001"], {"route": "wizard", "company": "Difference Engines plc",
                                               "size": "large", "contact": "Email"}),
    ]
    summaries: dict[str, run_pb2.RunSummary] = {}
    async with ExecutorClient(executor_stack.executor.address) as client:
        for name, run_with, invoices, extra in plan:
            params = every_block_params(site.url, invoices, **extra)
            result = await client.run(workflow, parameters=params, run_with=run_with)
            summaries[name] = result.summary
    return summaries


async def test_agent_run_completes_every_block_and_publishes(runs) -> None:
    summary = runs["agent"]
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    assert summary.published_version == 1
    assert modes(summary) == {
        "login": M.BLOCK_MODE_AGENT, "open_invoices": M.BLOCK_MODE_LIVE, "pause": M.BLOCK_MODE_LIVE,
        "where_am_i": M.BLOCK_MODE_LIVE, "read_list": M.BLOCK_MODE_AGENT, "route_choice": M.BLOCK_MODE_LIVE,
        "each_invoice": M.BLOCK_MODE_AGENT, "check_invoice": M.BLOCK_MODE_AGENT, "sign_out": M.BLOCK_MODE_AGENT,
    }
    data = outputs(summary)
    assert data["where_am_i"] == {"title": "Invoices · Rote Insurance", "user": "demo"}
    assert data["route_choice"] == {"next_block_label": "each_invoice"}
    assert [row["number"] for row in data["read_list"]["invoices"]] == list(INVOICES)
    assert [it["read_invoice"] for it in data["each_invoice"]] == [_invoice_output(n) for n in ("INV-1001", "INV-1003")]
    assert data["check_invoice"] == _invoice_output("INV-1002")


async def test_downloaded_files_are_in_object_storage(runs, executor_stack: RunningStack) -> None:
    root = pathlib.Path(executor_stack.storage.local_root)
    for iteration, number in zip(outputs(runs["agent"])["each_invoice"], ("INV-1001", "INV-1003"), strict=True):
        key = iteration["get_pdf"]["file_key"]
        assert key.startswith(f"default/runs/{runs['agent'].run_id}/downloads/")
        assert (root / key).read_bytes() == INVOICES[number].pdf()


async def test_code_run_with_other_parameters_makes_zero_agent_steps(runs) -> None:
    summary = runs["code"]
    assert summary.status == run_pb2.RUN_STATUS_COMPLETED, summary.error
    assert summary.agent_steps == 0 and summary.llm_calls == 0
    assert summary.published_version == 0
    assert {label for label, mode in modes(summary).items() if mode == M.BLOCK_MODE_LIVE} == LIVE_BLOCKS
    assert {mode for label, mode in modes(summary).items() if label not in LIVE_BLOCKS} == {M.BLOCK_MODE_CODE}
    loop = outputs(summary)["each_invoice"]
    assert [it["read_invoice"] for it in loop] == [_invoice_output("INV-1002")]
    assert loop[0]["get_pdf"]["file_key"].endswith("INV-1002.pdf")
    assert outputs(summary)["check_invoice"] == _invoice_output("INV-1002")


async def test_the_other_branch_runs_through_the_agent_then_as_code(runs, site: DemoSite) -> None:
    first, second = runs["wizard_agent"], runs["wizard_code"]
    assert first.status == second.status == run_pb2.RUN_STATUS_COMPLETED, (first.error, second.error)
    assert modes(first)["apply"] == M.BLOCK_MODE_AGENT and "each_invoice" not in modes(first)
    assert first.published_version == 2, "the new branch is added to the script"
    assert modes(second)["apply"] == M.BLOCK_MODE_CODE and second.agent_steps == 0
    applications = site.applications
    by_agent = applications[outputs(first)["apply"]["application_reference"]]
    by_code = applications[outputs(second)["apply"]["application_reference"]]
    assert by_agent == {"company": "Analytical Engines Ltd", "size": "medium", "contact_preference": "phone",
                        "preferred_date": "2025-10-01", "comments": "Sent by Rote", "terms": "yes"}
    assert by_code["company"] == "Difference Engines plc" and by_code["size"] == "large"
