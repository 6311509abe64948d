"""Declared completion and termination criteria are checked when a workflow is stored (INVALID_ARGUMENT naming them)."""

from __future__ import annotations

import pytest

from cache_service.domain.definitions import validate_workflow
from services.errors import InvalidArgument
from services.workflows import workflow_from_mapping


def _workflow(**criteria: str):  # type: ignore[no-untyped-def]
    return workflow_from_mapping(
        {"workflow_id": "w", "blocks": [{"label": "pay", "type": "action", "goal": "Pay", **criteria}]}
    )


@pytest.mark.parametrize(
    "criteria",
    [
        {"completion_criterion": "text:Paid", "termination_criterion": "text:Card declined"},
        {"completion_criterion": "selector:#receipt", "termination_criterion": "selector:.error"},
        {"completion_criterion": "absent:Loading", "termination_criterion": "url:/declined$"},
        {"completion_criterion": "value:input[name=zip]=12345"},
        {"completion_criterion": "Thank you"},
        {"completion_criterion": "url:{{ base }}/done("},  # a template: checked once rendered
    ],
)
def test_valid_criteria_are_accepted(criteria: dict[str, str]) -> None:
    validate_workflow(_workflow(**criteria))


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"completion_criterion": "url:(unclosed"}, "block 'pay' completion_criterion url: '(unclosed' is not a valid"),
        ({"termination_criterion": "selector:"}, "block 'pay' termination_criterion selector: has nothing"),
        ({"completion_criterion": "value:#zip"}, "value:<css selector>=<expected value>"),
    ],
)
def test_bad_criteria_are_invalid_argument_naming_them(criteria: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidArgument, match=None) as raised:
        validate_workflow(_workflow(**criteria))
    assert message in str(raised.value)
