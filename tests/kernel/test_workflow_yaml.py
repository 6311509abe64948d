"""Workflow YAML is read into the Workflow message, and malformed files are refused with the spot named."""

from __future__ import annotations

import pathlib

import pytest

from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2
from services.workflows import load_workflow_file, workflow_from_mapping

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_demo_workflow_loads() -> None:
    workflow = load_workflow_file(ROOT / "examples" / "workflows" / "demo_quote.yaml")
    assert workflow.workflow_id == "demo_quote"
    types = [block.type for block in workflow.blocks]
    assert types == [
        workflow_pb2.BLOCK_TYPE_LOGIN, workflow_pb2.BLOCK_TYPE_NAVIGATION, workflow_pb2.BLOCK_TYPE_EXTRACTION
    ]
    assert any(p.secret for p in workflow.parameters)


def test_unknown_block_type_is_named() -> None:
    with pytest.raises(InvalidArgument, match="blocks\\[0\\] \\(x\\): unknown block type 'teleport'"):
        workflow_from_mapping({"workflow_id": "w", "blocks": [{"label": "x", "type": "teleport"}]})


def test_unknown_field_is_named() -> None:
    with pytest.raises(InvalidArgument, match="no field named \"colour\""):
        workflow_from_mapping({"workflow_id": "w", "colour": "blue"})
