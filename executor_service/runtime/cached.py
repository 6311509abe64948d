"""The @cached decorator that marks a generated block function and records its output."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from executor_service.runtime.context import RunContext
from executor_service.runtime.page import Page

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def cached(label: str) -> Callable[[F], F]:
    """Bind a generated function to its block label; its return value becomes the block's output."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        async def run(page: Page, ctx: RunContext, *args: Any, **kwargs: Any) -> Any:
            ctx.begin_block(label)
            result = await fn(page, ctx, *args, **kwargs)
            if result is not None:
                ctx.record_output(label, result)
            return result

        run.rote_label = label  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return decorate
