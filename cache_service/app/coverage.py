"""Coverage: per cache key and block, whether it is cached and how often it hit, missed and fell back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cache_service.app.context import AppContext
from cache_service.app.workflows import load_definition
from cache_service.domain.block_types import is_cacheable
from cache_service.domain.resolution import NEVER_RUN, resolve
from services.gen.rote.v1 import run_pb2, workflow_pb2

RS = run_pb2


@dataclass(frozen=True)
class BlockCoverage:
    label: str
    type: int
    cacheable: bool
    cached: bool
    cached_in_version: int
    hits: int
    misses: int
    fallbacks: int
    reason: str


@dataclass(frozen=True)
class KeyCoverage:
    cache_key: str
    script_id: str
    version: int
    blocks: list[BlockCoverage]


async def coverage(
    ctx: AppContext, org: str, workflow_id: str, cache_key: str
) -> tuple[workflow_pb2.Workflow, list[KeyCoverage]]:
    """Against the latest definition: code = hit, agent on a cacheable block = miss, fallback = fallback."""
    async with ctx.uow() as uow:
        workflow = await load_definition(uow, org, workflow_id)
        scripts = {s.cache_key: s for s in await uow.scripts.of_workflow(org, workflow_id)}
        counts: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
        for key, label, mode, count in await uow.runs.block_mode_counts(org, workflow_id, cache_key):
            counts[(key, label)][mode] = count
        # Agent completions by how their run ended: what to say of a block no published version has.
        ended: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        for key, label, status, count in await uow.runs.completions_by_run_status(
            org, workflow_id, cache_key, (RS.BLOCK_MODE_AGENT, RS.BLOCK_MODE_FALLBACK), RS.BLOCK_STATUS_COMPLETED
        ):
            ended[(key, label)][status] = count
        keys = sorted({*scripts, *(key for key, _ in counts)} if not cache_key else {cache_key})
        published = {
            key: await uow.scripts.published(org, scripts[key].script_id) if key in scripts else None for key in keys
        }
    result = []
    for key in keys:
        resolution = resolve(workflow, key, published[key], RS.RUN_WITH_AUTO)
        cached = {b.label: b for b in resolution.cached}
        reasons = {u.label: u.reason for u in resolution.uncached}
        blocks = []
        for block in workflow.blocks:
            modes = counts.get((key, block.label), {})
            cacheable = is_cacheable(block.type)
            blocks.append(
                BlockCoverage(
                    label=block.label,
                    type=block.type,
                    cacheable=cacheable,
                    cached=block.label in cached,
                    cached_in_version=cached[block.label].cached_in_version if block.label in cached else 0,
                    hits=modes.get(RS.BLOCK_MODE_CODE, 0),
                    misses=modes.get(RS.BLOCK_MODE_AGENT, 0) if cacheable else 0,
                    fallbacks=modes.get(RS.BLOCK_MODE_FALLBACK, 0),
                    reason=_reason(reasons.get(block.label, ""), ended.get((key, block.label), {})),
                )
            )
        script = scripts.get(key)
        result.append(KeyCoverage(key, script.script_id if script else "", resolution.version, blocks))
    return workflow, result


def _reason(reason: str, completions: dict[str, int]) -> str:
    """Say what happened to a block that completed through the agent but has no code: "never run" is untrue."""
    if reason != NEVER_RUN or not completions:
        return reason
    if any(status in completions for status in ("completed", "unverified")):
        return (
            "completed through the agent in a completed run, but no code was published for it (see that run's decision)"
        )
    if set(completions) == {"running"}:
        return "completed through the agent in a run still running: cached if that run completes"
    ended = ", ".join(sorted(status for status in completions if status != "running"))
    count = sum(completions.values())
    return f"completed through the agent {count} time(s), in runs that ended {ended}: only a completed run publishes"
