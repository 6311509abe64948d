"""Use cases of a run's life before it ends: start, resolve what is cached, record blocks, read it back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from cache_service.app.context import AppContext
from cache_service.app.drafts import discard_drafts, schedule_drafts
from cache_service.app.leases import RUNNING, abandon, lease_expired, sweep_expired
from cache_service.app.records import block_run_message, block_run_rows
from cache_service.app.workflows import load_definition
from cache_service.db.models import RunDraftRow, RunRow
from cache_service.db.unit_of_work import UnitOfWork
from cache_service.domain.block_types import is_cacheable
from cache_service.domain.cache_keys import resolve_cache_key
from cache_service.domain.definitions import all_labels
from cache_service.domain.regeneration import ExecutedBlock, RegenerationDecision, needs_update
from cache_service.domain.resolution import Resolution, resolve
from services.enum_labels import enum_label
from services.errors import FailedPrecondition, InvalidArgument, NotFound
from services.gen.rote.v1 import run_pb2, workflow_pb2
from services.workflows.parameters import validate_run_parameters

DEFAULT_LIST_LIMIT = 20
MAX_LIST_LIMIT = 500
# The reason recorded for a block a run that may use code ran through the agent because it had no code.
NOT_CACHED_REASON = "not cached yet: ran through the agent"


def run_with_name(run_with: int) -> str:
    names: dict[int, str] = {
        run_pb2.RUN_WITH_AGENT: "agent", run_pb2.RUN_WITH_CODE: "code", run_pb2.RUN_WITH_CODE_ONLY: "code_only",
    }
    return names.get(run_with, "auto")


def run_with_value(name: str) -> int:
    values = {"agent": run_pb2.RUN_WITH_AGENT, "code": run_pb2.RUN_WITH_CODE, "code_only": run_pb2.RUN_WITH_CODE_ONLY}
    return values.get(name, run_pb2.RUN_WITH_AUTO)


def status_name(status: int) -> str:
    return enum_label(run_pb2.RunStatus, status, "RUN_STATUS_", unset="unspecified")


def status_value(name: str) -> int:
    return run_pb2.RunStatus.Value("RUN_STATUS_" + name.upper())


async def current_resolution(
    uow: UnitOfWork, org: str, workflow: workflow_pb2.Workflow, cache_key: str, run_with: int
) -> Resolution:
    """Resolution against the script's published version now: from this replica's cache, else four queries."""
    cache = uow.cache
    cached = cache.resolution(org, workflow.workflow_id, cache_key, workflow.version, run_with)
    if cached is not None:
        return cached
    token = cache.token()
    known = cache.script(org, workflow.workflow_id, cache_key)
    if known is not None:
        script_id, published = known
    else:
        script = await uow.scripts.get(org, workflow.workflow_id, cache_key)
        script_id = script.script_id if script else ""
        published = await uow.scripts.published(org, script_id) if script else None
    resolution = resolve(workflow, cache_key, published, run_with)
    if script_id and not resolution.script_id:
        # A script row may exist before its first published version; callers still want its id.
        resolution = Resolution(script_id, 0, cache_key, None, (), (), resolution.uncached)
    key = (org, workflow.workflow_id, cache_key)
    cache.put_resolution(token, key, script_id, published, workflow.version, run_with, resolution)
    return resolution


@dataclass(frozen=True)
class StartedRun:
    run_id: str
    workflow: workflow_pb2.Workflow
    resolution: Resolution


async def start_run(
    ctx: AppContext,
    org: str,
    *,
    workflow_id: str,
    workflow_version: int,
    parameters: Mapping[str, str],
    secret_parameters: Sequence[str],
    run_with: int,
    lease_seconds: int,
) -> StartedRun:
    """Validate parameters, render the cache key, resolve the script, and record the run as running."""
    async with ctx.uow() as uow:
        workflow = await load_definition(uow, org, workflow_id, workflow_version)
        values = validate_run_parameters(workflow, parameters, secret_parameters)
        cache_key = await resolve_cache_key(workflow, values)
        resolution = await current_resolution(uow, org, workflow, cache_key, run_with)
        run_id = uow.runs.start(
            org,
            workflow_id=workflow.workflow_id,
            workflow_version=workflow.version,
            cache_key=cache_key,
            run_with=run_with_name(run_with),
            parameters=values,
            secret_parameter_names=sorted(set(secret_parameters)),
            script_id=resolution.script_id,
            script_version=resolution.version,
            cached_labels=sorted(resolution.valid_labels),
            lease=timedelta(seconds=lease_seconds or ctx.default_lease_s),
        )
        await uow.commit()
    return StartedRun(run_id, workflow, resolution)


async def resolve_script(ctx: AppContext, org: str, workflow_id: str, parameters: Mapping[str, str]) -> Resolution:
    """What a run with these parameters would use, without starting one."""
    async with ctx.uow() as uow:
        workflow = await load_definition(uow, org, workflow_id)
        values = validate_run_parameters(workflow, parameters, (), require_all=False)
        cache_key = await resolve_cache_key(workflow, values)
        return await current_resolution(uow, org, workflow, cache_key, run_pb2.RUN_WITH_AUTO)


async def require_run(uow: UnitOfWork, org: str, run_id: str, *, for_update: bool = False) -> RunRow:
    run = await uow.runs.get(org, run_id, for_update=for_update)
    if run is None:
        raise NotFound(f"run {run_id!r} not found")
    return run


async def record_block_run(ctx: AppContext, org: str, run_id: str, block_run: run_pb2.BlockRun) -> bool:
    """Store one finished block with its actions; returns whether it will be (re)generated at the end."""
    async with ctx.uow() as uow:
        # Locked: a FinishRun deciding under the run's lock never ends the run from blocks read before this one
        # commits, nor is this one stored on a run ended meanwhile; the fast FinishRun's write waits for this
        # commit and then finds the run's count of blocks changed (run_ending's conditional write).
        run = await require_run(uow, org, run_id, for_update=True)
        if lease_expired(run):
            abandon(run)
            await uow.commit()
            await discard_drafts(ctx, org, run_id)
        if run.status != RUNNING:
            raise FailedPrecondition(f"run {run_id!r} is already {run.status}")
        workflow = await load_definition(uow, org, run.workflow_id, run.workflow_version)
        if block_run.label not in all_labels(workflow):
            raise InvalidArgument(f"block {block_run.label!r} is not in workflow {run.workflow_id!r}")
        executed = ExecutedBlock(
            block_run.label, block_run.type, block_run.mode, block_run.status, block_run.healed_actions
        )
        top_level = {block.label for block in workflow.blocks}
        marked = block_run.label in top_level and needs_update(executed, frozenset(run.cached_labels))
        # A retried call (same sequence) is acknowledged without storing the block twice.
        if await uow.runs.has_block_run(run_id, block_run.sequence):
            return marked
        row, actions = block_run_rows(org, run_id, block_run)
        if not row.reason and _ran_uncached(run, block_run, top_level):
            row.reason = NOT_CACHED_REASON
        await uow.runs.add_block_run(run, row, actions)
        drafted = marked and ctx.drafts_enabled
        if drafted:
            # Stored with the block: any replica can make the draft, and exactly one does (DESIGN §4 rule 6).
            await uow.drafts.mark_pending(org, run_id, block_run.label, block_run.sequence)
        await uow.commit()
    if drafted:
        schedule_drafts(ctx, org, run_id)
    return marked


async def record_final_block_runs(
    ctx: AppContext, org: str, run_id: str, block_runs: Sequence[run_pb2.BlockRun]
) -> None:
    """FinishRun's own records (the run's last blocks, not sent with RecordBlockRun), stored in order by
    record_block_run before the run ends. A retried FinishRun finds the run already ended and its records
    stored by the first call: it goes on to get that call's answer; any other refusal is raised as it is."""
    for block_run in block_runs:
        try:
            await record_block_run(ctx, org, run_id, block_run)
        except FailedPrecondition:
            async with ctx.uow() as uow:
                run = await require_run(uow, org, run_id)
                stored = run.status != RUNNING and await uow.runs.has_block_run(run_id, block_run.sequence)
            if not stored:
                raise


def _ran_uncached(run: RunRow, block_run: run_pb2.BlockRun, top_level: set[str]) -> bool:
    """Whether a run that may use code ran this block through the agent because it had no cached code: the
    executor gives no reason then (nothing went wrong), yet `runs show` must say why the agent ran."""
    return (
        run.run_with in ("auto", "code")
        and block_run.mode == run_pb2.BLOCK_MODE_AGENT
        and block_run.label in top_level
        and block_run.label not in run.cached_labels
        and is_cacheable(block_run.type)
    )


@dataclass(frozen=True)
class RunRecord:
    """A run as stored, with its block runs (traces included)."""

    run: RunRow
    block_runs: list[run_pb2.BlockRun]
    decision: RegenerationDecision | None
    drafts: list[RunDraftRow]


async def get_run(ctx: AppContext, org: str, run_id: str) -> RunRecord:
    async with ctx.uow() as uow:
        run = await require_run(uow, org, run_id)
        if lease_expired(run):
            abandon(run)
            await uow.commit()
            await discard_drafts(ctx, org, run_id)
        rows = await uow.runs.block_runs(org, run_id)
        actions = await uow.runs.actions_by_block_run(org, run_id)
        drafts = await uow.drafts.of_run(org, run_id)
    decision = RegenerationDecision.from_dict(run.decision) if run.decision else None
    return RunRecord(run, [block_run_message(row, actions.get(row.id, ())) for row in rows], decision, drafts)


@dataclass(frozen=True)
class ListedRun:
    """A run with its block counts per mode: {mode: (block runs, agent steps)}."""

    run: RunRow
    modes: dict[int, tuple[int, int]]


async def list_runs(ctx: AppContext, org: str, workflow_id: str, status: int, limit: int) -> list[ListedRun]:
    """Recent runs, newest first, in two queries (after marking runs whose lease expired)."""
    # ListRunsRequest.status is enum.defined_only: any value that reaches here is a run status.
    status_filter = "" if status == run_pb2.RUN_STATUS_UNSPECIFIED else status_name(status)
    await sweep_expired(ctx)
    async with ctx.uow() as uow:
        if workflow_id and await uow.workflows.get(org, workflow_id) is None:
            raise NotFound(f"workflow {workflow_id!r} not found")
        rows = await uow.runs.recent(org, workflow_id, status_filter, limit or DEFAULT_LIST_LIMIT)
        counts = await uow.runs.mode_counts(org, [row.run_id for row in rows])
    return [ListedRun(row, counts.get(row.run_id, {})) for row in rows]
