"""Versions for operators: list, show, diff, pin, unpin and roll back (DESIGN §4, last paragraph)."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from cache_service.app.context import AppContext
from cache_service.db.models import ScriptBlockRow, ScriptFileRow, ScriptRow, ScriptVersionRow
from cache_service.db.repositories import MODULE_PATH, PUBLISHED
from cache_service.db.unit_of_work import UnitOfWork
from services.errors import FailedPrecondition, NotFound
from services.storage import StoredObjectMissing


@dataclass(frozen=True)
class ScriptSummary:
    """A script with the numbers operators look at first."""

    script: ScriptRow
    current: int
    latest: int
    pinned: int
    count: int


@dataclass(frozen=True)
class VersionSummary:
    row: ScriptVersionRow
    current: bool
    labels: list[str]


@dataclass(frozen=True)
class BlockText:
    block: ScriptBlockRow
    file: ScriptFileRow | None
    code: str


@dataclass(frozen=True)
class VersionText:
    version: VersionSummary
    module: ScriptFileRow | None
    module_code: str
    blocks: list[BlockText]


@dataclass(frozen=True)
class BlockDelta:
    label: str
    change: str  # unchanged | added | removed | modified
    diff: str
    from_version: int
    to_version: int


def _current(versions: list[ScriptVersionRow]) -> int:
    """The version runs use: the pinned one, else the newest published (what ``published()`` selects)."""
    published = [v for v in versions if v.status == PUBLISHED]
    pinned = [v.version for v in published if v.pinned]
    if pinned:
        return pinned[0]
    return max((v.version for v in published), default=0)


def _summary(script: ScriptRow, versions: list[ScriptVersionRow]) -> ScriptSummary:
    published = [v for v in versions if v.status == PUBLISHED]
    return ScriptSummary(
        script,
        current=_current(versions),
        latest=max((v.version for v in published), default=0),
        pinned=next((v.version for v in versions if v.pinned), 0),
        count=len(versions),
    )


async def _require_script(uow: UnitOfWork, org: str, script_id: str) -> ScriptRow:
    script = await uow.scripts.by_id(org, script_id)
    if script is None:
        raise NotFound(f"script {script_id!r} not found")
    return script


def _require_version(versions: list[ScriptVersionRow], script_id: str, version: int) -> ScriptVersionRow:
    if version == 0:
        version = _current(versions)
    row = next((v for v in versions if v.version == version), None)
    if row is None:
        raise NotFound(f"version {version} of script {script_id!r} not found")
    return row


async def list_scripts(ctx: AppContext, org: str, workflow_id: str) -> list[ScriptSummary]:
    async with ctx.uow() as uow:
        if workflow_id and await uow.workflows.get(org, workflow_id) is None:
            raise NotFound(f"workflow {workflow_id!r} not found")
        scripts = await uow.scripts.of_workflow(org, workflow_id)
        versions = await uow.scripts.versions(org, [s.script_id for s in scripts])
    return [_summary(s, [v for v in versions if v.script_id == s.script_id]) for s in scripts]


async def list_versions(ctx: AppContext, org: str, script_id: str) -> tuple[ScriptSummary, list[VersionSummary]]:
    async with ctx.uow() as uow:
        script = await _require_script(uow, org, script_id)
        versions = await uow.scripts.versions(org, [script_id])
        labels = await uow.scripts.labels_by_version([v.id for v in versions])
    current = _current(versions)
    return _summary(script, versions), [VersionSummary(v, v.version == current, labels.get(v.id, [])) for v in versions]


async def _read(ctx: AppContext, file: ScriptFileRow | None) -> str:
    """A stored file's text, refused if its bytes no longer match the recorded sha256."""
    if file is None:
        return ""
    if ctx.store is None:
        raise FailedPrecondition("the cache service has no object storage configured: code cannot be shown")
    try:
        data = await ctx.store.get(file.storage_key)
    except StoredObjectMissing as exc:
        raise FailedPrecondition(f"stored file {file.path!r} is missing from object storage") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != file.sha256:
        raise FailedPrecondition(
            f"stored file {file.path!r} has sha256 {digest[:12]}…, expected {file.sha256[:12]}… "
            "(it was changed after it was stored)"
        )
    return data.decode("utf-8", errors="replace")


async def _load(
    uow: UnitOfWork, org: str, script_id: str, wanted: list[int]
) -> tuple[
    list[ScriptVersionRow], list[ScriptVersionRow], dict[int, list[ScriptFileRow]], dict[int, list[ScriptBlockRow]]
]:
    await _require_script(uow, org, script_id)
    versions = await uow.scripts.versions(org, [script_id])
    rows = [_require_version(versions, script_id, number) for number in wanted]
    files, blocks = await uow.scripts.contents([row.id for row in rows])
    files_by: dict[int, list[ScriptFileRow]] = {row.id: [] for row in rows}
    blocks_by: dict[int, list[ScriptBlockRow]] = {row.id: [] for row in rows}
    for file in files:
        files_by[file.script_version_id].append(file)
    for block in blocks:
        blocks_by[block.script_version_id].append(block)
    return versions, rows, files_by, blocks_by


async def show_version(ctx: AppContext, org: str, script_id: str, version: int) -> VersionText:
    async with ctx.uow() as uow:
        versions, (row,), files, blocks = await _load(uow, org, script_id, [version])
    by_path = {f.path: f for f in files[row.id]}
    shown = [
        BlockText(block, by_path.get(block.file_path), await _read(ctx, by_path.get(block.file_path)))
        for block in blocks[row.id]
        if block.run_signature
    ]
    summary = VersionSummary(row, row.version == _current(versions), [b.block.label for b in shown])
    module = by_path.get(MODULE_PATH)
    return VersionText(summary, module, await _read(ctx, module), shown)


def _unified(old: str, new: str, old_name: str, new_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=old_name, tofile=new_name
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


async def diff_versions(
    ctx: AppContext, org: str, script_id: str, from_version: int, to_version: int
) -> tuple[list[BlockDelta], str]:
    """Per block: unchanged when the sha256 matches (nothing is read), else a unified diff of its files."""
    async with ctx.uow() as uow:
        _, (old, new), files, blocks = await _load(uow, org, script_id, [from_version, to_version])
    old_files = {f.path: f for f in files[old.id]}
    new_files = {f.path: f for f in files[new.id]}
    old_blocks = {b.label: b for b in blocks[old.id] if b.run_signature}
    new_blocks = {b.label: b for b in blocks[new.id] if b.run_signature}
    deltas = []
    for label in [*new_blocks, *(label for label in old_blocks if label not in new_blocks)]:
        before, after = old_blocks.get(label), new_blocks.get(label)
        before_file = old_files.get(before.file_path) if before else None
        after_file = new_files.get(after.file_path) if after else None
        if before_file and after_file and before_file.sha256 == after_file.sha256:
            change, text = "unchanged", ""
        else:
            change = "added" if before is None else "removed" if after is None else "modified"
            either = after_file or before_file
            path = either.path if either else label
            text = _unified(
                await _read(ctx, before_file),
                await _read(ctx, after_file),
                f"v{old.version}/{path}",
                f"v{new.version}/{path}",
            )
        deltas.append(
            BlockDelta(
                label,
                change,
                text,
                before.cached_in_version if before else 0,
                after.cached_in_version if after else 0,
            )
        )
    old_module, new_module = old_files.get(MODULE_PATH), new_files.get(MODULE_PATH)
    module_diff = ""
    if (old_module.sha256 if old_module else "") != (new_module.sha256 if new_module else ""):
        module_diff = _unified(
            await _read(ctx, old_module),
            await _read(ctx, new_module),
            f"v{old.version}/{MODULE_PATH}",
            f"v{new.version}/{MODULE_PATH}",
        )
    return deltas, module_diff


@asynccontextmanager
async def _locked_versions(
    ctx: AppContext, org: str, script_id: str
) -> AsyncIterator[tuple[UnitOfWork, list[ScriptVersionRow]]]:
    """The script's versions, loaded under its lock (operators and publishers of one script take turns)."""
    async with ctx.uow() as uow:
        script = await _require_script(uow, org, script_id)
    async with ctx.script_lock(org, script.workflow_id, script.cache_key) as uow:
        uow.changed(org, script.workflow_id)  # pins and rollbacks change the version runs use, once committed
        yield uow, await uow.scripts.versions(org, [script_id])


async def pin_version(ctx: AppContext, org: str, script_id: str, version: int) -> VersionSummary:
    """Pin ``version``: runs use it, and a regeneration publishes nothing while it is pinned."""
    async with _locked_versions(ctx, org, script_id) as (uow, versions):
        row = _require_version(versions, script_id, version)
        if row.status != PUBLISHED:
            raise FailedPrecondition(f"version {version} of script {script_id!r} is not published")
        await uow.scripts.set_pin(script_id, row.id)
        row.pinned = True
        labels = await uow.scripts.labels_by_version([row.id])
        await uow.commit()
    return VersionSummary(row, True, labels.get(row.id, []))


async def unpin(ctx: AppContext, org: str, script_id: str) -> tuple[int, int]:
    """Release the script's pin; returns (the version that was pinned or 0, the version runs use now)."""
    async with _locked_versions(ctx, org, script_id) as (uow, versions):
        was = next((v.version for v in versions if v.pinned), 0)
        await uow.scripts.set_pin(script_id, None)
        await uow.commit()
    published = [v.version for v in versions if v.status == PUBLISHED]
    return was, max(published, default=0)


async def rollback(ctx: AppContext, org: str, script_id: str, to_version: int) -> VersionSummary:
    """Publish N+1 with the blocks and files of ``to_version`` (same objects, nothing regenerated); history stays."""
    async with _locked_versions(ctx, org, script_id) as (uow, versions):
        target = _require_version(versions, script_id, to_version)
        pinned = next((v.version for v in versions if v.pinned), 0)
        if pinned:
            raise FailedPrecondition(
                f"script {script_id!r} is pinned to version {pinned}: unpin it before rolling back"
            )
        if target.version == _current(versions):
            raise FailedPrecondition(f"version {to_version} is already the current version of script {script_id!r}")
        row, labels = await uow.scripts.copy_version(target, max(v.version for v in versions) + 1)
        await uow.commit()
    return VersionSummary(row, True, labels)
