"""Workflow definitions the executor tests run against the demo site (quote form, invoices, wizard)."""

from __future__ import annotations

import json
import pathlib
from typing import Any

from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.workflows import load_parameters_file, load_workflow_file, workflow_from_mapping

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")


def demo(workflow_id: str) -> workflow_pb2.Workflow:
    """The demo quote workflow under another id, so each test owns its scripts."""
    copy = workflow_pb2.Workflow()
    copy.CopyFrom(DEMO)
    copy.workflow_id = workflow_id
    return copy


def demo_params(name: str, base_url: str) -> dict[str, str]:
    return {**load_parameters_file(ROOT / "examples" / "params" / f"{name}.yaml"), "base_url": base_url}


LOGIN = {
    "label": "login",
    "type": "login",
    "url": "{{ base_url }}/login",
    "goal": "Sign in to the portal",
    "payload": {"username": "{{ username }}", "password": "{{ password }}"},
    "completion_criterion": "url:/quote$",
}
INVOICE_SCHEMA = {
    "type": "object",
    "properties": {"amount_due": {"type": "number"}, "billed_to": {"type": "string"}},
    "required": ["amount_due", "billed_to"],
}


def every_block(workflow_id: str) -> workflow_pb2.Workflow:
    """One workflow with every block type: login, goto_url, wait, code, extraction, conditional, for_loop
    (goto_url + extraction + file_download per item), task (a three-step wizard), task_v2 (planned) and action;
    navigation is the demo workflow's fill_quote."""
    return workflow_from_mapping(
        {
            "workflow_id": workflow_id,
            "parameters": [
                {"key": "base_url", "required": True},
                {"key": "username", "required": True},
                {"key": "password", "required": True, "secret": True},
                {"key": "invoices", "type": "json", "required": True},
                {"key": "route", "default_value": "loop"},
                {"key": "company", "default_value": "Analytical Engines Ltd"},
                {"key": "size", "default_value": "medium"},
                {"key": "contact", "default_value": "Phone"},
                {"key": "preferred_date", "default_value": "2025-10-01"},
            ],
            "blocks": [
                LOGIN,
                {"label": "open_invoices", "type": "goto_url", "url": "{{ base_url }}/invoices"},
                {"label": "pause", "type": "wait", "wait_seconds": 0.05},
                {
                    "label": "where_am_i",
                    "type": "code",
                    "code": 'title = await page.title()\nresult = {"title": title, "user": ctx.param("username")}',
                },
                {
                    "label": "read_list",
                    "type": "extraction",
                    "goal": "Read the invoices",
                    "extraction_schema": {
                        "type": "object",
                        "properties": {
                            "invoices": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "number": {"type": "string"},
                                        "customer": {"type": "string"},
                                        "amount": {"type": "number"},
                                    },
                                    "required": ["number", "customer", "amount"],
                                },
                            }
                        },
                        "required": ["invoices"],
                    },
                },
                {
                    "label": "route_choice",
                    "type": "conditional",
                    "branches": [
                        {"expression": "route == 'loop'", "next_block_label": "each_invoice"},
                        {"expression": "", "next_block_label": "apply"},
                    ],
                },
                {
                    "label": "each_invoice",
                    "type": "for_loop",
                    "loop_over": "{{ invoices }}",
                    "next_block_label": "check_invoice",
                    "children": [
                        {
                            "label": "open_invoice",
                            "type": "goto_url",
                            "url": "{{ base_url }}/invoices/{{ current_item }}",
                        },
                        {
                            "label": "read_invoice",
                            "type": "extraction",
                            "goal": "Read the amount due",
                            "extraction_schema": INVOICE_SCHEMA,
                        },
                        {"label": "get_pdf", "type": "file_download", "goal": "Download PDF"},
                    ],
                },
                {
                    "label": "apply",
                    "type": "task",
                    "url": "{{ base_url }}/wizard/1",
                    "goal": "Complete the application",
                    "payload": {
                        "company_name": "{{ company }}",
                        "company_size": "{{ size }}",
                        "contact_preference": "{{ contact }}",
                        "preferred_date": "{{ preferred_date }}",
                        "comments": "Sent by Rote",
                        "terms": "yes",
                    },
                    "completion_criterion": "Application received",
                    "extraction_schema": {
                        "type": "object",
                        "properties": {"application_reference": {"type": "string"}},
                        "required": ["application_reference"],
                    },
                },
                {
                    "label": "check_invoice",
                    "type": "task_v2",
                    "url": "{{ base_url }}/invoices/INV-1002",
                    "goal": "Read what invoice INV-1002 asks for",
                    "extraction_schema": INVOICE_SCHEMA,
                },
                {"label": "sign_out", "type": "action", "goal": "Click Sign out"},
            ],
        }
    )


def every_block_params(base_url: str, invoices: list[str], **extra: str) -> dict[str, str]:
    return {"base_url": base_url, "username": "demo", "password": "rote-demo-pass",
            "invoices": json.dumps(invoices), **extra}


def outputs(summary: run_pb2.RunSummary) -> dict[str, Any]:
    return {label: json.loads(text) for label, text in summary.outputs_json.items()}


def modes(summary: run_pb2.RunSummary) -> dict[str, int]:
    return {block.label: block.mode for block in summary.blocks}
