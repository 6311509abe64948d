"""The executor's runs: admission under the concurrency bound, the set of running workflows, graceful shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc

from executor_service.application import ExecutorApp
from executor_service.engine.workflow_runner import RunPlan, WorkflowRunner
from services.errors import ResourceExhausted, Unavailable, from_rpc_error
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.logs import run_id_var

# Registers a callback for when the caller goes away (the gRPC context's add_done_callback, or a test's own).
OnCallerGone = Callable[[Callable[[], None]], None]


class RunSlots:
    """Bounds concurrent runs; past the bound a run waits its turn or is refused, as configured."""

    def __init__(self, limit: int, queue_when_busy: bool) -> None:
        self.limit = limit
        self._semaphore = asyncio.Semaphore(limit)
        self._queue = queue_when_busy

    async def acquire(self) -> None:
        if not self._queue and self._semaphore.locked():
            raise ResourceExhausted(
                f"this executor already runs {self.limit} workflows; retry later or raise ROTE_MAX_CONCURRENT_RUNS"
            )
        await self._semaphore.acquire()

    def release(self) -> None:
        self._semaphore.release()


async def _end_if_started(runner: WorkflowRunner, preparing: asyncio.Future[RunPlan]) -> None:
    try:
        plan = await preparing
    except Exception:  # noqa: BLE001 - nothing was started
        return
    if plan.recorded:
        await runner.finish_unstarted(plan, "the run was cancelled before it started")


def _cancel_unless_done(task: asyncio.Task[Any]) -> None:
    if not task.done():
        task.cancel()


class Runs:
    """Every run of this executor: admitted one slot each, tracked while they run, stopped together."""

    def __init__(self, app: ExecutorApp) -> None:
        self.app = app
        self.slots = RunSlots(app.settings.max_concurrent_runs, app.settings.queue_when_busy)
        self._runners: set[WorkflowRunner] = set()
        self._stopping = False

    async def shutdown(self, grace_s: float) -> None:
        """Graceful stop: refuse new runs, end the running ones as cancelled in the cache service (their callers
        get RunFinished), and wait for that at most ``grace_s`` seconds."""
        self._stopping = True
        runners = list(self._runners)
        for runner in runners:
            runner.stop("the executor is shutting down")
        pending = [runner.task for runner in runners if runner.task is not None]
        if pending:
            await asyncio.wait(pending, timeout=grace_s)

    async def run(
        self, org: str, request: ex_pb.RunWorkflowRequest, on_caller_gone: OnCallerGone
    ) -> AsyncIterator[ex_pb.RunWorkflowResponse]:
        """Admit, start and execute one run, yielding its events; a caller that goes away cancels it."""
        if self._stopping:
            raise Unavailable("this executor is shutting down; retry on another one")
        runner = WorkflowRunner(self.app, org=org, request=request)
        # The slot comes first: a run refused or cancelled while it waits for one is never started in the cache
        # service, so it can never be left RUNNING there (issue 16).
        await self.slots.acquire()
        try:
            if self._stopping:
                raise Unavailable("this executor is shutting down; retry on another one")
            preparing = asyncio.ensure_future(runner.prepare())
            runner.open_first_page()  # the first page loads while the cache service starts the run
            try:
                plan = await asyncio.shield(preparing)
                run_id_var.set(plan.run_id)  # this call's own log lines carry the run id too
            except grpc.aio.AioRpcError as exc:
                await asyncio.shield(runner.drop_early())
                raise from_rpc_error(exc, f"cache service at {self.app.cache.address}") from exc
            except asyncio.CancelledError:
                # The caller left while the run was being started: once StartRun lands, end it there.
                await asyncio.shield(_end_if_started(runner, preparing))
                await asyncio.shield(runner.drop_early())
                raise
            except BaseException:
                await asyncio.shield(runner.drop_early())
                raise
            timeout = request.timeout_seconds or self.app.settings.run_timeout_s
            task = asyncio.create_task(runner.execute(plan, timeout))
            runner.task = task
            self._runners.add(runner)
            task.add_done_callback(lambda _: self._runners.discard(runner))
            task.add_done_callback(lambda _: runner.events.close())
            # A caller that cancels ends the run at once, even when a wrapper around this generator keeps it
            # suspended instead of closing it.
            on_caller_gone(lambda: _cancel_unless_done(task))
            try:
                async for event in runner.events:
                    yield event
                await task
            finally:
                if not task.done():
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
        finally:
            self.slots.release()
