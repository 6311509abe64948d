"""Live blocks (goto_url, wait, conditional, code) run as written on every run and are never cached."""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import Error as PlaywrightError

from executor_service.engine.modes.scope import BT, BlockOutcome, RunScope, first_line
from executor_service.engine.templates import evaluate_condition
from executor_service.runtime import ReplayFailed
from executor_service.url_policy import check_navigation
from services.errors import InvalidArgument
from services.gen.rote.v1 import workflow_pb2
from services.isolation.pool import SnippetFailed, run_snippet, worker_memory_mb
from services.sandbox import SAFE_BUILTINS, validate_snippet

# Page methods a code block may call (through its worker); their arguments and results are JSON data.
SNIPPET_PAGE_METHODS = frozenset({"title", "goto", "wait", "press", "scroll", "url"})


async def run_live(scope: RunScope, block: workflow_pb2.Block, outcome: BlockOutcome) -> None:
    values = scope.template_values()
    if block.type == BT.BLOCK_TYPE_GOTO_URL:
        url = await scope.render(block.url, values)
        check_navigation(url)
        await scope.replay.goto(url, intent=f"Open {url}")
    elif block.type == BT.BLOCK_TYPE_WAIT:
        await asyncio.sleep(max(0.0, block.wait_seconds))
    elif block.type == BT.BLOCK_TYPE_CONDITIONAL:
        outcome.next_label = await choose_branch(block, values)
        outcome.output = {"next_block_label": outcome.next_label}
    elif block.type == BT.BLOCK_TYPE_CODE:
        outcome.output = await run_code_block(scope, block)
    else:
        raise InvalidArgument(f"block {block.label!r}: type {BT.Name(block.type)} cannot run live")


async def choose_branch(block: workflow_pb2.Block, values: dict[str, Any]) -> str:
    for branch in block.branches:
        if not branch.expression.strip() or await evaluate_condition(branch.expression, values):
            return branch.next_block_label
    raise InvalidArgument(f"conditional {block.label!r}: no branch matched and there is no default branch")


async def condition_source(scope: RunScope, label: str) -> str:
    """The branch a conditional takes when replayed code evaluates it: the same choice as a live run's."""
    block = scope.blocks.get(label)
    if block is None or block.type != BT.BLOCK_TYPE_CONDITIONAL:
        raise ReplayFailed(f"the script evaluates {label!r}, which is not a conditional of this workflow")
    return await choose_branch(block, scope.template_values())


async def run_code_block(scope: RunScope, block: workflow_pb2.Block) -> Any:
    """The snippet runs in a worker process of its own under a time limit (and the run's deadline) and a
    memory limit; its ``page`` calls come back here. It gives data back by setting ``result`` (JSON data);
    an error, a non-JSON result or an attempt to change ``ctx`` fails the block with the message."""
    validate_snippet(block.code, filename=f"<code block {block.label}>")
    timeout = scope.limits.code_block_timeout_s
    if scope.deadline is not None:
        timeout = min(timeout, max(0.0, scope.deadline - asyncio.get_running_loop().time()))
    frames = [
        {"label": f.label, "index": f.index, "item": f.item, "outputs": f.outputs} for f in scope.ctx.frames
    ]
    snapshot = {
        "run_id": scope.ctx.run_id,
        "current_block": block.label,
        "parameters": scope.ctx.public_parameters,
        "secrets": {k: v for k, v in scope.ctx.parameters.items() if k in scope.ctx.secret_keys},
        "outputs": scope.ctx.outputs,
        "frames": frames,
    }

    async def page_call(name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return await _snippet_page_call(scope, name, args, kwargs)

    return await run_snippet(
        code=block.code, label=block.label, builtins=sorted(SAFE_BUILTINS), ctx=snapshot,
        on_page_call=page_call, timeout_s=timeout, memory_mb=worker_memory_mb(),
        max_inline_bytes=scope.limits.max_output_bytes,
    )


async def _snippet_page_call(scope: RunScope, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if name not in SNIPPET_PAGE_METHODS:
        allowed = ", ".join(sorted(SNIPPET_PAGE_METHODS))
        raise SnippetFailed(f"page.{name}() is not available to a code block (it may call {allowed})")
    if name == "url":
        return scope.page.url
    try:
        if name == "goto":
            check_navigation(str(args[0]) if args else str(kwargs.get("url", "")))
        return await getattr(scope.replay, name)(*args, **kwargs)
    except (PlaywrightError, InvalidArgument, ReplayFailed, TypeError) as exc:
        raise SnippetFailed(f"page.{name}() failed: {first_line(exc)}") from None
