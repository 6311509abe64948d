"""What the page shows after a block: the verdict's marks on its record and the end state a regeneration needs."""

from __future__ import annotations

from executor_service.browser.block_facts import goal_values
from executor_service.browser.click_watch import appeared_texts
from executor_service.browser.completion import Verdict
from executor_service.browser.end_state import stable_landmark
from executor_service.engine.modes.scope import BT, STATUS, RunScope
from services.gen.rote.v1 import run_pb2, workflow_pb2

GOAL_CHECKED_TYPES = {BT.BLOCK_TYPE_NAVIGATION, BT.BLOCK_TYPE_ACTION, BT.BLOCK_TYPE_LOGIN, BT.BLOCK_TYPE_FILE_DOWNLOAD}


def mark(record: run_pb2.BlockRun, verdict: Verdict) -> None:
    """A block whose effect is not established: failed (the page says it did not happen) or unverified."""
    record.status = STATUS.BLOCK_STATUS_FAILED if verdict.status == "failed" else STATUS.BLOCK_STATUS_UNVERIFIED
    prefix = f"{record.reason}; then " if record.reason else ""
    record.reason = f"{prefix}{verdict.status}: {verdict.reason}"


async def note_end_state(scope: RunScope, record: run_pb2.BlockRun, start_url: str) -> None:
    """Complete the recorded end state: did the URL change, and what appeared after the last action."""
    end = record.trace.end_state
    end.url_changed = _path(scope.page.url) != _path(start_url)
    _, appeared = await appeared_texts(scope.page, limit=5)
    end.appeared_text = next((t for t in (stable_landmark(a) for a in appeared) if t), "")
    if not end.url_changed:
        # On a page that stayed put, its heading was there before the block and proves nothing (and breaks
        # replay when unrelated content changes, such as another product on the same page): what the block
        # made appear is the landmark, or none.
        end.landmark_text = end.appeared_text


def goal_values_of(scope: RunScope, block: workflow_pb2.Block, rendered: str) -> list[tuple[str, bool]]:
    """Parameter values the goal of an acting block names ("click the '{{ link }}' link"): what was acted on must
    bear them. Extraction and task goals describe data to read, so they are left to the schema."""
    if block.type not in GOAL_CHECKED_TYPES:
        return []
    return goal_values(block.goal, rendered, scope.ctx.parameters, scope.ctx.secret_keys)


def named_parameters(scope: RunScope) -> dict[str, str]:
    """The run's parameters a plain criterion's general nouns may stand for ("the module"), secrets left out."""
    return {k: v for k, v in scope.ctx.parameters.items() if k not in scope.ctx.secret_keys}


def _path(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]
