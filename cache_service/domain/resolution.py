"""Which blocks of a definition can run as code, and why each other block cannot (DESIGN §4 rules 1 and 8)."""

from __future__ import annotations

from dataclasses import dataclass

from cache_service.domain.block_types import is_cacheable, type_name
from cache_service.domain.definitions import block_hashes, prefix_hashes
from services.gen.rote.v1 import run_pb2, workflow_pb2

NEVER_RUN = "never run through the agent yet"


@dataclass(frozen=True)
class StoredFile:
    """A file of a published version, as recorded by the cache service."""

    path: str
    sha256: str
    size_bytes: int
    storage_key: str


@dataclass(frozen=True)
class StoredBlock:
    """A script_block of a published version."""

    label: str
    run_signature: str | None
    file: StoredFile | None
    parameter_names: tuple[str, ...]
    cached_in_version: int
    source_run_id: str
    definition_version: int
    definition_prefix_hash: str
    # Agent steps the source run spent on this block (what replaying it as code saves).
    recorded_agent_steps: int = 0


@dataclass(frozen=True)
class PublishedScript:
    """The version runs of one (workflow, cache key) use, with its blocks and files."""

    script_id: str
    version: int
    module: StoredFile | None
    blocks: tuple[StoredBlock, ...]


@dataclass(frozen=True)
class UncachedReason:
    label: str
    reason: str


@dataclass(frozen=True)
class Resolution:
    """What a run can use: ``valid`` ignores run_with (it drives regeneration), ``cached`` honours it."""

    script_id: str
    version: int
    cache_key: str
    module: StoredFile | None
    valid: tuple[StoredBlock, ...]
    cached: tuple[StoredBlock, ...]
    uncached: tuple[UncachedReason, ...]

    @property
    def valid_labels(self) -> frozenset[str]:
        return frozenset(block.label for block in self.valid)


def valid_blocks(workflow: workflow_pb2.Workflow, published: PublishedScript | None) -> dict[str, StoredBlock]:
    """Stored blocks with a run signature whose definition prefix is unchanged, keyed by label."""
    if published is None:
        return {}
    current = prefix_hashes(block_hashes(workflow))
    return {
        block.label: block
        for block in published.blocks
        if block.run_signature and current.get(block.label) == block.definition_prefix_hash
    }


def resolve(
    workflow: workflow_pb2.Workflow, cache_key: str, published: PublishedScript | None, run_with: int
) -> Resolution:
    """Per top-level block: code if cached and still valid for this definition, otherwise a reason."""
    stored = {block.label: block for block in published.blocks} if published else {}
    valid = valid_blocks(workflow, published)
    agent_only = run_with == run_pb2.RUN_WITH_AGENT
    cached: list[StoredBlock] = []
    uncached: list[UncachedReason] = []
    for block in workflow.blocks:
        if not is_cacheable(block.type):
            uncached.append(UncachedReason(block.label, f"type {type_name(block.type)} is never cached"))
        elif block.label in valid:
            if agent_only:
                uncached.append(UncachedReason(block.label, "run_with=agent"))
            else:
                cached.append(valid[block.label])
        elif block.label in stored and stored[block.label].run_signature:
            uncached.append(
                UncachedReason(
                    block.label,
                    f"invalidated by definition version {workflow.version} "
                    f"(code was generated for version {stored[block.label].definition_version})",
                )
            )
        else:
            uncached.append(UncachedReason(block.label, NEVER_RUN))
    return Resolution(
        script_id=published.script_id if published else "",
        version=published.version if published and cached else 0,
        cache_key=cache_key,
        module=published.module if published and cached else None,
        valid=tuple(valid[b.label] for b in workflow.blocks if b.label in valid),
        cached=tuple(cached),
        uncached=tuple(uncached),
    )
