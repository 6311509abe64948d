"""Use cases over workflow definitions: store a version when the content changed, read a version."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from cache_service.app.context import AppContext
from cache_service.db.models import WorkflowRow, WorkflowVersionRow
from cache_service.db.resolution_cache import ResolutionCache
from cache_service.db.unit_of_work import UnitOfWork
from cache_service.domain.definitions import (
    block_hashes,
    canonical_definition,
    definition_hash,
    validate_workflow,
    workflow_from_json,
)
from services.errors import NotFound
from services.gen.rote.v1 import workflow_pb2


async def put_workflow(ctx: AppContext, org: str, workflow: workflow_pb2.Workflow) -> tuple[int, bool]:
    """Store ``workflow``; returns (version, created). An unchanged definition keeps its version."""
    validate_workflow(workflow)
    text = canonical_definition(workflow)
    async with ctx.uow() as uow:
        unchanged = _latest_if_unchanged(uow.cache, org, workflow.workflow_id, text)
    if unchanged:
        return unchanged, False
    digest = definition_hash(workflow)
    hashes = [list(pair) for pair in block_hashes(workflow)]
    for attempt in range(2):
        try:
            async with ctx.uow() as uow:
                token = uow.cache.token()
                version, created = await _put(uow, org, workflow.workflow_id, text, digest, hashes)
                await uow.commit()
            if not created:
                # Read as the latest in this transaction: held from now on, unless a change came in meanwhile.
                held = workflow_pb2.Workflow()
                held.CopyFrom(workflow)
                held.version = version
                uow.cache.put_definition(token, org, workflow.workflow_id, held, latest=True)
            return version, created
        except IntegrityError:
            # Two callers created the same workflow or version at once; the retry sees the winner's row.
            if attempt == 1:
                raise
    raise AssertionError("unreachable")


def _latest_if_unchanged(cache: ResolutionCache, org: str, workflow_id: str, text: str) -> int:
    """The latest version when this replica holds it in memory and its content is ``text`` (0 otherwise): every
    run stores its definition (StartRun), and an unchanged one is then answered without a transaction. The memory
    is dropped on every new version, here and (by the database's notifications) on the other replicas, and serves
    nothing while those notifications may be missed, as for resolutions."""
    latest = cache.latest_version(org, workflow_id)
    held = cache.definition(org, workflow_id, latest) if latest else None
    return latest if held is not None and canonical_definition(held) == text else 0


async def _put(
    uow: UnitOfWork, org: str, workflow_id: str, text: str, digest: str, hashes: list[list[str]]
) -> tuple[int, bool]:
    row = await uow.workflows.get(org, workflow_id, for_update=True)
    if row is None:
        row = await uow.workflows.add(WorkflowRow(org_id=org, workflow_id=workflow_id, latest_version=1))
        version = 1
    else:
        latest = await uow.workflows.get_version(org, workflow_id)
        if latest is not None and latest.definition_hash == digest:
            return latest.version, False
        version = row.latest_version + 1
        row.latest_version = version
    uow.changed(org, workflow_id)  # runs resolve against the latest definition: every replica must see this one
    uow.workflows.add_version(
        WorkflowVersionRow(
            workflow_pk=row.id,
            org_id=org,
            version=version,
            definition_json=text,
            definition_hash=digest,
            block_hashes=hashes,
        )
    )
    return version, True


async def load_definition(uow: UnitOfWork, org: str, workflow_id: str, version: int = 0) -> workflow_pb2.Workflow:
    """The definition (latest when ``version`` is 0) with its version set, or NotFound; shared, not to be changed."""
    # Versions are immutable, and the latest one is dropped from the cache when a new one is stored.
    cache = uow.cache
    wanted = version or cache.latest_version(org, workflow_id)
    cached = cache.definition(org, workflow_id, wanted) if wanted else None
    if cached is not None:
        return cached
    token = cache.token()
    row = await uow.workflows.get_version(org, workflow_id, version)
    if row is None:
        suffix = f" version {version}" if version else ""
        raise NotFound(f"workflow {workflow_id!r}{suffix} not found")
    workflow = workflow_from_json(row.definition_json, row.version)
    cache.put_definition(token, org, workflow_id, workflow, latest=not version)
    return workflow


async def get_workflow(ctx: AppContext, org: str, workflow_id: str, version: int = 0) -> workflow_pb2.Workflow:
    async with ctx.uow() as uow:
        return await load_definition(uow, org, workflow_id, version)


async def list_workflows(ctx: AppContext, org: str) -> list[workflow_pb2.Workflow]:
    """The latest definition of every workflow of ``org`` (versions set)."""
    async with ctx.uow() as uow:
        rows = await uow.workflows.latest_versions(org)
    return [workflow_from_json(version.definition_json, version.version) for _, version in rows]
