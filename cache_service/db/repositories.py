"""Repositories: queries over one session, always filtered by organisation; they never commit."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from cache_service.db.models import (
    BlockRunRow,
    ScriptBlockRow,
    ScriptFileRow,
    ScriptRow,
    ScriptVersionRow,
    WorkflowRow,
    WorkflowVersionRow,
)
from cache_service.db.rows import insert_many, is_postgresql
from cache_service.domain.resolution import PublishedScript, StoredBlock, StoredFile

PUBLISHED = "published"
MODULE_PATH = "module.py"


class WorkflowRepository:
    """Workflows and their immutable definition versions."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, org: str, workflow_id: str, *, for_update: bool = False) -> WorkflowRow | None:
        query = select(WorkflowRow).where(WorkflowRow.org_id == org, WorkflowRow.workflow_id == workflow_id)
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def get_version(self, org: str, workflow_id: str, version: int = 0) -> WorkflowVersionRow | None:
        """One version (the latest when ``version`` is 0), in a single query."""
        query = (
            select(WorkflowVersionRow)
            .join(WorkflowRow, WorkflowRow.id == WorkflowVersionRow.workflow_pk)
            .where(WorkflowRow.org_id == org, WorkflowRow.workflow_id == workflow_id)
        )
        if version:
            query = query.where(WorkflowVersionRow.version == version)
        else:
            query = query.where(WorkflowVersionRow.version == WorkflowRow.latest_version)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def latest_versions(self, org: str) -> list[tuple[WorkflowRow, WorkflowVersionRow]]:
        """Every workflow of ``org`` with its latest version, in one query, ordered by id."""
        query = (
            select(WorkflowRow, WorkflowVersionRow)
            .join(WorkflowVersionRow, WorkflowVersionRow.workflow_pk == WorkflowRow.id)
            .where(WorkflowRow.org_id == org, WorkflowVersionRow.version == WorkflowRow.latest_version)
            .order_by(WorkflowRow.workflow_id)
        )
        return [(row[0], row[1]) for row in (await self.session.execute(query)).all()]

    async def add(self, workflow: WorkflowRow) -> WorkflowRow:
        self.session.add(workflow)
        await self.session.flush()
        return workflow

    def add_version(self, version: WorkflowVersionRow) -> None:
        self.session.add(version)


class ScriptRepository:
    """Scripts, their versions, files and blocks."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, org: str, workflow_id: str, cache_key: str) -> ScriptRow | None:
        query = select(ScriptRow).where(
            ScriptRow.org_id == org, ScriptRow.workflow_id == workflow_id, ScriptRow.cache_key == cache_key
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    def create(self, org: str, workflow_id: str, cache_key: str, script_id: str) -> None:
        """The script of (workflow, cache key), before its first version; the caller holds the script lock."""
        self.session.add(ScriptRow(script_id=script_id, org_id=org, workflow_id=workflow_id, cache_key=cache_key))

    async def by_id(self, org: str, script_id: str) -> ScriptRow | None:
        query = select(ScriptRow).where(ScriptRow.org_id == org, ScriptRow.script_id == script_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def of_workflow(self, org: str, workflow_id: str) -> list[ScriptRow]:
        query = select(ScriptRow).where(ScriptRow.org_id == org)
        if workflow_id:
            query = query.where(ScriptRow.workflow_id == workflow_id)
        return list((await self.session.execute(query.order_by(ScriptRow.workflow_id, ScriptRow.cache_key))).scalars())

    async def versions(self, org: str, script_ids: Sequence[str]) -> list[ScriptVersionRow]:
        """Every version of these scripts, newest first, in one query."""
        if not script_ids:
            return []
        query = (
            select(ScriptVersionRow)
            .where(ScriptVersionRow.org_id == org, ScriptVersionRow.script_id.in_(list(script_ids)))
            .order_by(ScriptVersionRow.script_id, ScriptVersionRow.version.desc())
        )
        return list((await self.session.execute(query)).scalars())

    async def version(self, org: str, script_id: str, version: int) -> ScriptVersionRow | None:
        query = select(ScriptVersionRow).where(
            ScriptVersionRow.org_id == org, ScriptVersionRow.script_id == script_id, ScriptVersionRow.version == version
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def contents(self, version_ids: Sequence[int]) -> tuple[list[ScriptFileRow], list[ScriptBlockRow]]:
        """Files and blocks of these versions, in two queries (blocks in the order they were stored)."""
        if not version_ids:
            return [], []
        files = select(ScriptFileRow).where(ScriptFileRow.script_version_id.in_(list(version_ids)))
        blocks = (
            select(ScriptBlockRow)
            .where(ScriptBlockRow.script_version_id.in_(list(version_ids)))
            .order_by(ScriptBlockRow.script_version_id, ScriptBlockRow.id)
        )
        return (
            list((await self.session.execute(files)).scalars()),
            list((await self.session.execute(blocks)).scalars()),
        )

    async def labels_by_version(self, version_ids: Sequence[int]) -> dict[int, list[str]]:
        if not version_ids:
            return {}
        query = (
            select(ScriptBlockRow.script_version_id, ScriptBlockRow.label)
            .where(ScriptBlockRow.script_version_id.in_(list(version_ids)), ScriptBlockRow.run_signature.is_not(None))
            .order_by(ScriptBlockRow.script_version_id, ScriptBlockRow.id)
        )
        labels: dict[int, list[str]] = defaultdict(list)
        for version_id, label in (await self.session.execute(query)).all():
            labels[version_id].append(label)
        return labels

    async def set_pin(self, script_id: str, version_id: int | None) -> None:
        """Pin one version of a script (or none): every other pin of the script is released."""
        await self.session.execute(
            update(ScriptVersionRow).where(ScriptVersionRow.script_id == script_id).values(pinned=False)
        )
        if version_id is not None:
            await self.session.execute(
                update(ScriptVersionRow).where(ScriptVersionRow.id == version_id).values(pinned=True)
            )

    async def lock(self, org: str, workflow_id: str, cache_key: str) -> None:
        """Serialise publishers of one script across processes until the transaction ends (PostgreSQL only).

        SQLite has a single writer and the service's in-process lock; there is nothing more to take.
        """
        if not is_postgresql(self.session):
            return
        digest = hashlib.sha256(f"{org}\0{workflow_id}\0{cache_key}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    async def max_version(self, script_id: str) -> int:
        query = select(func.max(ScriptVersionRow.version)).where(ScriptVersionRow.script_id == script_id)
        return (await self.session.execute(query)).scalar_one_or_none() or 0

    async def published(self, org: str, script_id: str) -> PublishedScript | None:
        """The version runs use (a pinned one first, else the newest published), in three queries."""
        query = (
            select(ScriptVersionRow)
            .where(
                ScriptVersionRow.org_id == org,
                ScriptVersionRow.script_id == script_id,
                ScriptVersionRow.status == PUBLISHED,
            )
            .order_by(ScriptVersionRow.pinned.desc(), ScriptVersionRow.version.desc())
            .limit(1)
        )
        version = (await self.session.execute(query)).scalar_one_or_none()
        if version is None:
            return None
        files_query = select(ScriptFileRow).where(ScriptFileRow.script_version_id == version.id)
        files = {row.path: _stored_file(row) for row in (await self.session.execute(files_query)).scalars()}
        # The source run's agent steps come along in the same query (what code mode saves per block).
        blocks_query = (
            select(ScriptBlockRow, func.coalesce(func.max(BlockRunRow.agent_steps), 0))
            .outerjoin(
                BlockRunRow,
                (BlockRunRow.run_id == ScriptBlockRow.source_run_id) & (BlockRunRow.label == ScriptBlockRow.label),
            )
            .where(ScriptBlockRow.script_version_id == version.id)
            .group_by(ScriptBlockRow.id)
            .order_by(ScriptBlockRow.id)
        )
        blocks = tuple(
            _stored_block(row, files, int(steps or 0))
            for row, steps in (await self.session.execute(blocks_query)).all()
        )
        return PublishedScript(script_id, version.version, files.get(MODULE_PATH), blocks)

    async def is_pinned(self, script_id: str) -> bool:
        query = select(ScriptVersionRow.id).where(
            ScriptVersionRow.script_id == script_id, ScriptVersionRow.pinned.is_(True)
        )
        return (await self.session.execute(query)).first() is not None

    async def publish(
        self,
        org: str,
        script_id: str,
        version: int,
        *,
        source_run_id: str,
        workflow_version: int,
        files: Sequence[StoredFile],
        blocks: Sequence[StoredBlock],
    ) -> ScriptVersionRow:
        """Insert published version ``version`` with its files and blocks, in three statements whatever its size."""
        row = ScriptVersionRow(
            script_id=script_id,
            org_id=org,
            version=version,
            status=PUBLISHED,
            pinned=False,
            source_run_id=source_run_id,
            workflow_version=workflow_version,
            rolled_back_from=0,
        )
        await self._add_version(row, [_file_row(org, file) for file in files], [_block_row(org, b) for b in blocks])
        return row

    async def copy_version(self, target: ScriptVersionRow, number: int) -> tuple[ScriptVersionRow, list[str]]:
        """Publish version ``number`` with the very files and blocks of ``target`` (a rollback); returns it and
        its cached labels."""
        files, blocks = await self.contents([target.id])
        row = ScriptVersionRow(
            script_id=target.script_id,
            org_id=target.org_id,
            version=number,
            status=PUBLISHED,
            pinned=False,
            source_run_id=target.source_run_id,
            workflow_version=target.workflow_version,
            rolled_back_from=target.version,
        )
        stored = {f.path: _stored_file(f) for f in files}
        copies = [_block_row(target.org_id, _stored_block(b, stored)) for b in blocks]
        for copy, block in zip(copies, blocks, strict=True):
            copy.file_path = block.file_path  # byte for byte what the rolled-back version said
        await self._add_version(row, [_file_row(target.org_id, file) for file in stored.values()], copies)
        return row, [b.label for b in blocks if b.run_signature]

    async def _add_version(
        self, version: ScriptVersionRow, files: Sequence[ScriptFileRow], blocks: Sequence[ScriptBlockRow]
    ) -> None:
        self.session.add(version)
        await self.session.flush()  # files and blocks need the version's id
        for file in files:
            file.script_version_id = version.id
        for block in blocks:
            block.script_version_id = version.id
        await insert_many(self.session, ScriptFileRow, files)
        await insert_many(self.session, ScriptBlockRow, blocks)


def _file_row(org: str, file: StoredFile) -> ScriptFileRow:
    return ScriptFileRow(
        org_id=org, path=file.path, sha256=file.sha256, size_bytes=file.size_bytes, storage_key=file.storage_key
    )


def _block_row(org: str, block: StoredBlock) -> ScriptBlockRow:
    return ScriptBlockRow(
        org_id=org,
        label=block.label,
        run_signature=block.run_signature,
        file_path=block.file.path if block.file else "",
        source_run_id=block.source_run_id,
        parameter_names=list(block.parameter_names),
        cached_in_version=block.cached_in_version,
        definition_version=block.definition_version,
        definition_prefix_hash=block.definition_prefix_hash,
    )


def _stored_block(row: ScriptBlockRow, files: dict[str, StoredFile], steps: int = 0) -> StoredBlock:
    return StoredBlock(
        label=row.label,
        run_signature=row.run_signature,
        file=files.get(row.file_path),
        parameter_names=tuple(row.parameter_names or ()),
        cached_in_version=row.cached_in_version,
        source_run_id=row.source_run_id,
        definition_version=row.definition_version,
        definition_prefix_hash=row.definition_prefix_hash,
        recorded_agent_steps=steps,
    )


def _stored_file(row: ScriptFileRow) -> StoredFile:
    return StoredFile(row.path, row.sha256, row.size_bytes, row.storage_key)
