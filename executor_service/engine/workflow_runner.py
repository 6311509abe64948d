"""One workflow run from start to finish: cache resolution, browser context, block walk, records, summary."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
import uuid
from dataclasses import dataclass, field

import grpc
from playwright.async_api import BrowserContext

from executor_service.application import ExecutorApp
from executor_service.cache_client import is_unreachable
from executor_service.engine.artifacts import RunArtifacts
from executor_service.engine.block_runner import BlockRunner, summary_of
from executor_service.engine.early_open import EarlyPage, first_url, give_back, open_early
from executor_service.engine.events import EventStream
from executor_service.engine.graph import BlockGraph
from executor_service.engine.records import RecordQueue
from executor_service.engine.run_metrics import observe_block, observe_run
from executor_service.engine.run_start import parameters_with_defaults, start_run
from executor_service.engine.script_loader import LoadedScript, ScriptRefused
from executor_service.redaction import Redactor, secret_values
from executor_service.runtime import RunContext
from services.gen.rote.v1 import cache_service_pb2 as cache_pb
from services.gen.rote.v1 import executor_service_pb2 as ex_pb
from services.gen.rote.v1 import run_pb2, script_pb2, workflow_pb2
from services.logs import run_id_var
from services.storage import ObjectStoreUnavailable, StoredObjectMissing

log = logging.getLogger(__name__)
RS = run_pb2.RunStatus
MAX_BLOCK_VISITS = 1000  # guards against a conditional loop that never ends
# RunFinished carries every output; past this many bytes in all, further outputs are listed by size only
# (each stays in its block record), so the summary always fits in one message.
SUMMARY_OUTPUTS_BUDGET = 4 * 1024 * 1024
CODE_MODES = (run_pb2.RUN_WITH_CODE, run_pb2.RUN_WITH_CODE_ONLY)


@dataclass
class RunPlan:
    """Everything decided before the first block runs."""

    run_id: str
    workflow: workflow_pb2.Workflow
    resolution: script_pb2.ScriptResolution
    recorded: bool
    parameters: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    # Cached blocks whose code could not be used (refused or unreadable), with why: they run through the agent
    # as fallbacks, so the cache service regenerates them.
    refused: dict[str, str] = field(default_factory=dict)
    # Set when the cache service accepted the start of the run but later records could not be delivered
    # (after retries): the cache's copy is incomplete, so the run is ended there as abandoned, best effort.
    records_lost: bool = False
    # The cache service stores the last block records sent with FinishRun (one call at the end, not two).
    final_records: bool = False


class WorkflowRunner:
    """Runs one RunWorkflow request; events go to ``events`` as they happen."""

    def __init__(self, app: ExecutorApp, *, org: str, request: ex_pb.RunWorkflowRequest) -> None:
        # The process's long-lived dependencies (context pool, cache client, loader, agent, store, limits): shared,
        # never rebuilt per run.
        self.app = app
        self.org = org
        self.request = request
        # Every event, record and error of the run passes it on its way out (issue 16): no secret value leaves.
        self.redactor = Redactor({})
        self.events = EventStream(self.redactor)
        # The task running execute(), and why the executor itself stopped it (graceful shutdown), if it did.
        self.task: asyncio.Task[run_pb2.RunSummary] | None = None
        self.stop_reason = ""
        # Set by execute(): block records on their way to the cache service while later blocks run.
        self.records: RecordQueue | None = None
        # The first page being opened while the run is started (open_first_page_early); execute() takes it over.
        self._early: asyncio.Task[EarlyPage] | None = None

    def open_first_page(self) -> None:
        """Start opening the run's first page now, beside prepare(), when the request alone names it."""
        if not self.app.settings.open_first_page_early or self.app.settings.skip_media_in_code:
            return  # a code-mode context skips media from its first request: known only once the run is started
        try:
            url = first_url(self.request)
        except Exception:  # noqa: BLE001 - opening early is a speed-up: whatever it trips on, the run goes on without
            log.warning("first page not opened early", exc_info=True)
            return
        if url:
            self._early = asyncio.ensure_future(open_early(self.app.contexts, self.org, url))

    async def _take_early(self) -> EarlyPage | None:
        early, self._early = self._early, None
        if early is None:
            return None
        try:
            return await early
        except Exception:  # noqa: BLE001 - no context to be had early: the run leases one as usual
            log.warning("first page not opened early", exc_info=True)
            return None

    async def drop_early(self) -> None:
        """The run was refused or its caller left before it began: the early page is given back, closed."""
        early = await self._take_early()
        if early is not None:
            await give_back(self.app.contexts, early)

    def stop(self, reason: str) -> None:
        """End the run now as cancelled, with ``reason``; unlike a caller's cancel, the caller gets RunFinished."""
        self.stop_reason = reason
        if self.task is not None and not self.task.done():
            self.task.cancel()

    async def finish_unstarted(self, plan: RunPlan, error: str) -> None:
        """End a run the cache service started but whose blocks never ran (its caller left first)."""
        summary = run_pb2.RunSummary(run_id=plan.run_id, workflow_id=plan.workflow.workflow_id, recorded=plan.recorded)
        await self._finish(plan, summary, RS.RUN_STATUS_CANCELLED, error, time.perf_counter())

    async def prepare(self) -> RunPlan:
        """Store the definition and start the run in the cache service; bad input raises before anything runs."""
        request = self.request
        try:
            started = await start_run(self.app.cache, self.org, request)
        except grpc.aio.AioRpcError as exc:
            if not is_unreachable(exc) or not request.HasField("workflow"):
                raise
            # The run is never lost for want of the cache: it goes on through the agent and says so.
            warning = f"cache service unreachable ({exc.code().name}); running in agent mode, run not recorded"
            log.warning(warning)
            parameters = parameters_with_defaults(request.workflow, dict(request.parameters))
            resolution = script_pb2.ScriptResolution()
            return RunPlan(str(uuid.uuid4()), request.workflow, resolution, False, parameters, [warning])
        response = started.response
        return RunPlan(
            response.run_id, response.workflow, response.resolution, True, started.parameters,
            final_records=response.takes_final_records,
        )

    async def execute(self, plan: RunPlan, timeout_s: float) -> run_pb2.RunSummary:
        """Run every block on the path, record it, finish the run; always ends with a summary event."""
        run_id_var.set(plan.run_id)
        started = time.perf_counter()
        ctx = RunContext(
            run_id=plan.run_id,
            parameters=plan.parameters,
            secret_keys=frozenset(p.key for p in plan.workflow.parameters if p.secret),
            schemas=_schemas(plan.workflow),
        )
        for key, value in secret_values(plan.parameters, ctx.secret_keys).items():
            self.redactor.add(key, value)
        ctx.redactor = self.redactor
        summary = run_pb2.RunSummary(
            run_id=plan.run_id,
            workflow_id=plan.workflow.workflow_id,
            cache_key=plan.resolution.cache_key,
            recorded=plan.recorded,
            script_id=plan.resolution.script_id,
        )
        status, error = RS.RUN_STATUS_COMPLETED, ""
        context: BrowserContext | None = None
        # Only a run that ended on its own gives its context back for reuse (after a verified reset); a timed-out,
        # cancelled or crashed one may still be mid-action (navigation, script, download), so it is closed.
        reusable = False
        artifacts = RunArtifacts(self.app.store, self.org, plan.run_id)
        self.records = RecordQueue(functools.partial(self._record, plan), keep_last=plan.final_records)
        # Everything after prepare() is inside the try: a cancellation at any await (loading the script,
        # opening the browser context) still ends the run as cancelled in the cache service.
        try:
            script = await self._load_script(plan)
            summary.script_version = plan.resolution.version if script else 0
            self.events.run_started(
                ex_pb.RunStarted(
                    run_id=plan.run_id,
                    workflow_id=plan.workflow.workflow_id,
                    workflow_version=plan.workflow.version,
                    script_version=summary.script_version,
                    cache_key=plan.resolution.cache_key,
                    cached_labels=sorted(script.signatures) if script else [],
                    warning="; ".join(plan.warnings),
                )
            )
            async with asyncio.timeout(timeout_s):
                code_mode = script is not None and self.request.run_with in CODE_MODES
                early = await self._take_early()
                if early is not None:
                    context, page = early.context, early.page
                else:
                    context, page = await self.app.contexts.acquire(self.org, code_mode=code_mode)
                runner = BlockRunner(
                    page=page, ctx=ctx, agent=self.app.agent, events=self.events, script=script,
                    limits=self.app.limits, workflow=plan.workflow, artifacts=artifacts, refused=plan.refused,
                    code_only=self._code_only(plan), deadline=asyncio.get_running_loop().time() + timeout_s,
                )
                status, error = await self._walk(plan, runner, summary)
                reusable = True
        except TimeoutError:
            status, error = RS.RUN_STATUS_TIMED_OUT, f"the run exceeded its deadline of {timeout_s:g}s"
        except asyncio.CancelledError:
            status, error = RS.RUN_STATUS_CANCELLED, self.stop_reason or "the run was cancelled"
            if not self.stop_reason:
                await asyncio.shield(self._finish(plan, summary, status, error, started))
                raise
            # Stopped by the executor (shutdown): recorded as cancelled below and the caller gets RunFinished.
            current = asyncio.current_task()
            if current is not None:
                current.uncancel()
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the run still ends with a status and summary
            log.exception("run failed unexpectedly")
            status, error = RS.RUN_STATUS_FAILED, f"the run failed unexpectedly ({type(exc).__name__})"
        finally:
            if context is not None:
                await asyncio.shield(self.app.contexts.release(context, reusable=reusable))
            elif self._early is not None:  # ended before it took its early page over
                await asyncio.shield(self.drop_early())
            # Files fetched for uploads live only as long as their run.
            artifacts.uploads.discard()
        await self._finish(plan, summary, status, error, started)
        summary.outputs_json.update(await _summary_outputs(ctx.outputs))
        observe_run(summary)
        self.events.run_finished(summary)
        self.redactor.close()
        return summary

    async def _walk(
        self, plan: RunPlan, runner: BlockRunner, summary: run_pb2.RunSummary
    ) -> tuple[run_pb2.RunStatus, str]:
        graph = BlockGraph(list(plan.workflow.blocks))
        block = graph.first()
        sequence = 0
        cached = {entry.label: entry for entry in plan.resolution.cached_blocks}
        unverified = ""
        while block is not None:
            if sequence >= MAX_BLOCK_VISITS:
                return RS.RUN_STATUS_FAILED, f"more than {MAX_BLOCK_VISITS} blocks ran: a conditional loops forever"
            outcome = await runner.run(block, sequence)
            sequence += 1
            record = outcome.record
            late = runner.deadline is not None and asyncio.get_running_loop().time() > runner.deadline
            if late and record.status != run_pb2.BLOCK_STATUS_FAILED:
                # Work that could not be interrupted ran past the deadline: it never counts as completed.
                record.status = run_pb2.BLOCK_STATUS_FAILED
                record.reason = "finished after the run's deadline"
            summary.blocks.append(summary_of(record))
            summary.agent_steps += record.agent_steps
            summary.llm_calls += record.llm_calls
            observe_block(record, cached)
            failed = late or record.status == run_pb2.BLOCK_STATUS_FAILED
            following = None
            try:
                if not failed:
                    following = graph.after(block, outcome.next_label)
            finally:
                if self.records is not None:
                    # The last record goes with FinishRun when the cache service takes it there; the others now.
                    self.records.put(record, last=following is None)
            if late:
                raise TimeoutError
            if record.status == run_pb2.BLOCK_STATUS_FAILED:
                return RS.RUN_STATUS_FAILED, f"block {block.label!r} failed: {record.reason}"
            if record.status == run_pb2.BLOCK_STATUS_UNVERIFIED and not unverified:
                # The run goes on (later blocks may still verify), but it can no longer end completed (issue 13).
                unverified = f"block {block.label!r} unverified: {record.reason}"
            block = following
        if unverified:
            return RS.RUN_STATUS_UNVERIFIED, unverified
        return RS.RUN_STATUS_COMPLETED, ""

    def _code_only(self, plan: RunPlan) -> dict[str, str] | None:
        """With run_with=code_only: why each uncached top-level block has no code; None otherwise."""
        if self.request.run_with != run_pb2.RUN_WITH_CODE_ONLY:
            return None
        return {entry.label: entry.reason for entry in plan.resolution.uncached_blocks}

    async def _load_script(self, plan: RunPlan) -> LoadedScript | None:
        if not plan.resolution.cached_blocks or self.request.run_with == run_pb2.RUN_WITH_AGENT:
            return None
        try:
            return await self.app.loader.load(list(plan.resolution.cached_blocks))
        except (ScriptRefused, ObjectStoreUnavailable, StoredObjectMissing) as exc:
            # A refused or unreadable script never runs; every block goes through the agent and is repaired.
            plan.warnings.append(f"cached script not used: {exc}")
            plan.refused = {block.label: f"cached code not used: {exc}" for block in plan.resolution.cached_blocks}
            log.warning("cached script not used", extra={"reason": str(exc)})
            return None

    async def _record(self, plan: RunPlan, record: run_pb2.BlockRun) -> None:
        if not plan.recorded:
            return
        try:
            # Retried with backoff while the cache service (or its database) is unreachable.
            await self.app.cache.record_block_run(self.org, plan.run_id, self.redactor.message(record))
        except grpc.aio.AioRpcError as exc:
            self._record_lost(plan, record, f"{exc.code().name}: {exc.details()}")
        except Exception as exc:  # noqa: BLE001 - sent in the background: whatever failed, the run says so
            log.exception("block record failed unexpectedly")
            self._record_lost(plan, record, type(exc).__name__)

    @staticmethod
    def _record_lost(plan: RunPlan, record: run_pb2.BlockRun, why: str) -> None:
        plan.recorded = False
        plan.records_lost = True
        plan.warnings.append(
            f"run not recorded: block {record.label!r} could not be recorded ({why}); later blocks were not sent"
        )
        log.error("block not recorded", extra={"label": record.label, "why": why})

    async def _finish(
        self, plan: RunPlan, summary: run_pb2.RunSummary, status: run_pb2.RunStatus, error: str, started: float
    ) -> None:
        summary.status = status
        summary.error = error
        summary.wall_ms = int((time.perf_counter() - started) * 1000)
        if self.records is not None:
            await self.records.drain()  # every record reaches the cache service before the run's end
        if not plan.recorded:
            summary.recorded = False
            if plan.warnings:
                summary.error = "; ".join(filter(None, [error, *plan.warnings]))
            if plan.records_lost:
                await self._end_incomplete(plan, summary)
            return
        final = self.records.final if self.records is not None else []
        try:
            # Retried with backoff while the cache service (or its database) is unreachable.
            finished = await self.app.cache.finish_run(
                self.org,
                cache_pb.FinishRunRequest(
                    run_id=plan.run_id, status=status, error=self.redactor.text(error), wall_ms=summary.wall_ms,
                    block_runs=[self.redactor.message(record) for record in final],
                ),
            )
            summary.published_version = finished.published_version
            summary.script_id = finished.script_id or summary.script_id
        except grpc.aio.AioRpcError as exc:
            summary.recorded = False
            summary.error = "; ".join(
                filter(None, [error, f"run not recorded as finished ({exc.code().name}): {exc.details()}"])
            )
            if final and not is_unreachable(exc):
                # Refused with the last records in it: the cache's copy stays incomplete, so it must not publish.
                plan.records_lost = True
                await self._end_incomplete(plan, summary)

    async def _end_incomplete(self, plan: RunPlan, summary: run_pb2.RunSummary) -> None:
        """One attempt to end a run whose records are incomplete as abandoned (it must never publish); if the
        cache is still down, its lease expiry abandons it later."""
        try:
            await self.app.cache.finish_run(
                self.org,
                cache_pb.FinishRunRequest(
                    run_id=plan.run_id,
                    status=RS.RUN_STATUS_ABANDONED,
                    error=self.redactor.text(f"records incomplete: {summary.error}"),
                    wall_ms=summary.wall_ms,
                ),
                retry=False,
            )
        except grpc.aio.AioRpcError as exc:
            log.warning("incomplete run not ended", extra={"code": exc.code().name})



async def _summary_outputs(outputs: dict[str, object]) -> dict[str, str]:
    """Outputs as JSON for RunFinished, within SUMMARY_OUTPUTS_BUDGET (big ones are encoded off the loop)."""
    encoded: dict[str, str] = {}
    used = 0
    for label, value in outputs.items():
        text = await asyncio.to_thread(json.dumps, value, sort_keys=True)
        if used + len(text) > SUMMARY_OUTPUTS_BUDGET:
            text = json.dumps({"omitted": "too large for the run summary; see the block's record", "bytes": len(text)})
        used += len(text)
        encoded[label] = text
    return encoded


def _schemas(workflow: workflow_pb2.Workflow) -> dict[str, dict]:
    schemas: dict[str, dict] = {}
    stack = list(workflow.blocks)
    while stack:
        block = stack.pop()
        stack.extend(block.children)
        if block.extraction_schema_json:
            schemas[block.label] = json.loads(block.extraction_schema_json)
    return schemas
