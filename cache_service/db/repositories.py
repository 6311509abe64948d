"""Repositories: queries over one session, always filtered by organisation; they never commit."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, inspect, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from cache_service.db.models import (
    ActionRow,
    BlockRunRow,
    RunDraftRow,
    RunRow,
    ScriptBlockRow,
    ScriptFileRow,
    ScriptRow,
    ScriptVersionRow,
    WorkflowRow,
    WorkflowVersionRow,
)
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


class RunRepository:
    """Runs, their block runs and actions."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, run: RunRow) -> None:
        self.session.add(run)

    async def get(self, org: str, run_id: str, *, for_update: bool = False) -> RunRow | None:
        query = select(RunRow).where(RunRow.org_id == org, RunRow.run_id == run_id)
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def has_block_run(self, run_id: str, sequence: int) -> bool:
        query = select(BlockRunRow.id).where(BlockRunRow.run_id == run_id, BlockRunRow.sequence == sequence)
        return (await self.session.execute(query)).first() is not None

    async def add_block_run(self, block_run: BlockRunRow, actions: Sequence[ActionRow]) -> None:
        self.session.add(block_run)
        await self.session.flush()  # the actions need the block run's id
        for action in actions:
            action.block_run_id = block_run.id
        await _insert_many(self.session, ActionRow, actions)

    async def block_runs(self, org: str, run_id: str) -> list[BlockRunRow]:
        """Every block run of a run in execution order: one query whatever the number of blocks."""
        query = (
            select(BlockRunRow)
            .where(BlockRunRow.org_id == org, BlockRunRow.run_id == run_id)
            .order_by(BlockRunRow.sequence)
        )
        return list((await self.session.execute(query)).scalars())

    async def actions_by_block_run(self, org: str, run_id: str) -> dict[int, list[ActionRow]]:
        """Every action of a run grouped by block run: one query whatever the number of blocks."""
        query = (
            select(ActionRow)
            .where(ActionRow.org_id == org, ActionRow.run_id == run_id)
            .order_by(ActionRow.block_run_id, ActionRow.sequence)
        )
        grouped: dict[int, list[ActionRow]] = defaultdict(list)
        for action in (await self.session.execute(query)).scalars():
            grouped[action.block_run_id].append(action)
        return grouped

    async def last_completed(self, org: str, run_id: str, label: str) -> tuple[BlockRunRow | None, list[ActionRow]]:
        """The last completed execution of one block of a run and its actions, in two queries."""
        query = (
            select(BlockRunRow)
            .where(
                BlockRunRow.org_id == org,
                BlockRunRow.run_id == run_id,
                BlockRunRow.label == label,
                BlockRunRow.status == 1,  # BLOCK_STATUS_COMPLETED
            )
            .order_by(BlockRunRow.sequence.desc())
            .limit(1)
        )
        row = (await self.session.execute(query)).scalar_one_or_none()
        if row is None:
            return None, []
        actions = select(ActionRow).where(ActionRow.block_run_id == row.id).order_by(ActionRow.sequence)
        return row, list((await self.session.execute(actions)).scalars())

    async def drafts(self, org: str, run_id: str) -> list[RunDraftRow]:
        query = (
            select(RunDraftRow)
            .where(RunDraftRow.org_id == org, RunDraftRow.run_id == run_id)
            .order_by(RunDraftRow.draft_number)
        )
        return list((await self.session.execute(query)).scalars())

    async def replace_draft(self, draft: RunDraftRow) -> None:
        """The newest draft of a label replaces an older one (a block that completed twice)."""
        await self.session.execute(
            delete(RunDraftRow).where(RunDraftRow.run_id == draft.run_id, RunDraftRow.label == draft.label)
        )
        self.session.add(draft)

    async def recent(self, org: str, workflow_id: str, status: str, limit: int) -> list[RunRow]:
        query = select(RunRow).where(RunRow.org_id == org)
        if workflow_id:
            query = query.where(RunRow.workflow_id == workflow_id)
        if status:
            query = query.where(RunRow.status == status)
        query = query.order_by(RunRow.started_at.desc(), RunRow.run_id).limit(limit)
        return list((await self.session.execute(query)).scalars())

    async def mode_counts(self, org: str, run_ids: Sequence[str]) -> dict[str, dict[int, tuple[int, int]]]:
        """Per run and block mode: (block runs, agent steps), in one query."""
        if not run_ids:
            return {}
        query = (
            select(BlockRunRow.run_id, BlockRunRow.mode, func.count(), func.sum(BlockRunRow.agent_steps))
            .where(BlockRunRow.org_id == org, BlockRunRow.run_id.in_(list(run_ids)))
            .group_by(BlockRunRow.run_id, BlockRunRow.mode)
        )
        counts: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
        for run_id, mode, count, steps in (await self.session.execute(query)).all():
            counts[run_id][int(mode)] = (int(count), int(steps or 0))
        return counts

    async def block_mode_counts(self, org: str, workflow_id: str, cache_key: str) -> list[tuple[str, str, int, int]]:
        """(cache key, label, mode, executions) over every run of a workflow, in one query."""
        query = (
            select(RunRow.cache_key, BlockRunRow.label, BlockRunRow.mode, func.count())
            .join(RunRow, RunRow.run_id == BlockRunRow.run_id)
            .where(RunRow.org_id == org, RunRow.workflow_id == workflow_id, BlockRunRow.org_id == org)
            .group_by(RunRow.cache_key, BlockRunRow.label, BlockRunRow.mode)
        )
        if cache_key:
            query = query.where(RunRow.cache_key == cache_key)
        return [(key, label, int(mode), int(count)) for key, label, mode, count in (await self.session.execute(query))]

    async def load_for_generation(self, org: str, run_id: str) -> tuple[list[BlockRunRow], dict[int, list[ActionRow]]]:
        """Everything code generation reads from a run, in exactly two queries (DESIGN §4 rule 10)."""
        return await self.block_runs(org, run_id), await self.actions_by_block_run(org, run_id)


class ScriptRepository:
    """Scripts, their versions, files and blocks."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, org: str, workflow_id: str, cache_key: str) -> ScriptRow | None:
        query = select(ScriptRow).where(
            ScriptRow.org_id == org, ScriptRow.workflow_id == workflow_id, ScriptRow.cache_key == cache_key
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    def add(self, script: ScriptRow) -> None:
        self.session.add(script)

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
        if self.session.get_bind().dialect.name != "postgresql":
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
            StoredBlock(
                label=row.label,
                run_signature=row.run_signature,
                file=files.get(row.file_path),
                parameter_names=tuple(row.parameter_names or ()),
                cached_in_version=row.cached_in_version,
                source_run_id=row.source_run_id,
                definition_version=row.definition_version,
                definition_prefix_hash=row.definition_prefix_hash,
                recorded_agent_steps=int(steps or 0),
            )
            for row, steps in (await self.session.execute(blocks_query)).all()
        )
        return PublishedScript(script_id, version.version, files.get(MODULE_PATH), blocks)

    async def is_pinned(self, script_id: str) -> bool:
        query = select(ScriptVersionRow.id).where(
            ScriptVersionRow.script_id == script_id, ScriptVersionRow.pinned.is_(True)
        )
        return (await self.session.execute(query)).first() is not None

    async def add_version(
        self, version: ScriptVersionRow, files: Sequence[ScriptFileRow], blocks: Sequence[ScriptBlockRow]
    ) -> None:
        self.session.add(version)
        await self.session.flush()  # files and blocks need the version's id
        for file in files:
            file.script_version_id = version.id
        for block in blocks:
            block.script_version_id = version.id
        await _insert_many(self.session, ScriptFileRow, files)
        await _insert_many(self.session, ScriptBlockRow, blocks)


async def _insert_many(session: AsyncSession, model: type[Any], rows: Sequence[Any]) -> None:
    """One executemany for all rows, so that the statement count does not grow with the number of blocks."""
    if not rows:
        return
    keys = [attr.key for attr in inspect(model).column_attrs]
    values = [{key: row.__dict__[key] for key in keys if key in row.__dict__} for row in rows]
    await session.execute(insert(model), values)


def _stored_file(row: ScriptFileRow) -> StoredFile:
    return StoredFile(row.path, row.sha256, row.size_bytes, row.storage_key)
