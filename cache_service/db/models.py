"""SQLAlchemy 2.0 tables of the cache service; every row carries the organisation it belongs to."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so that migrations written by hand and autogenerate agree on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with the shared naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class WorkflowRow(Base):
    """A workflow of an organisation and its latest definition version."""

    __tablename__ = "workflows"
    __table_args__ = (UniqueConstraint("org_id", "workflow_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(String(64))
    workflow_id: Mapped[str] = mapped_column(String(128))
    latest_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class WorkflowVersionRow(Base):
    """One immutable definition version, with the hashes used to invalidate cached blocks."""

    __tablename__ = "workflow_versions"
    __table_args__ = (UniqueConstraint("workflow_pk", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workflow_pk: Mapped[int] = mapped_column(ForeignKey("workflows.id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    definition_json: Mapped[str] = mapped_column(Text)
    definition_hash: Mapped[str] = mapped_column(String(64))
    # [[label, block hash], ...] for top-level blocks, in definition order.
    block_hashes: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RunRow(Base):
    """A run: what it was started with, what it saw cached, how it ended and what was decided."""

    __tablename__ = "runs"
    __table_args__ = (
        Index(None, "org_id", "workflow_id", "cache_key"),
        Index(None, "org_id", "started_at"),
        Index(None, "status", "lease_expires_at"),
        Index(None, "publish_pending"),
        Index(None, "draft_files"),
    )

    run_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64))
    workflow_id: Mapped[str] = mapped_column(String(128))
    workflow_version: Mapped[int] = mapped_column(Integer)
    cache_key: Mapped[str] = mapped_column(String(255))
    run_with: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    # Non-secret values only; secret parameters are stored by name, never by value.
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    secret_parameter_names: Mapped[list[Any]] = mapped_column(JSON)
    script_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    script_version_used: Mapped[int] = mapped_column(Integer, default=0)
    cached_labels: Mapped[list[Any]] = mapped_column(JSON)
    published_version: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    wall_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Code generations asked of codegen for this run, by label: {label: count} (DESIGN §4 rule 6: at most 1).
    generations: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # How many block drafts were stored so far (what each draft is is in ``run_drafts``).
    draft_number: Mapped[int] = mapped_column(Integer, default=0)
    # The run's draft folder may hold files: set before a draft is generated, cleared once the folder is deleted,
    # so any replica's sweep can delete what an interrupted one left (drafts never outlive their run).
    draft_files: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The run decided to publish but has not yet (codegen or object storage was down): retried until done.
    publish_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # How many block runs the run has recorded, kept on its own row: a write that ends the run only if this is
    # unchanged is re-checked by PostgreSQL behind a RecordBlockRun in flight (a count of ``block_runs`` would be
    # read from the write's older snapshot and miss it).
    block_runs_recorded: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class BlockRunRow(Base):
    """One executed block of a run; its actions are rows of ``actions``."""

    __tablename__ = "block_runs"
    __table_args__ = (UniqueConstraint("run_id", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(255))
    type: Mapped[int] = mapped_column(Integer)
    mode: Mapped[int] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    agent_steps: Mapped[int] = mapped_column(Integer, default=0)
    llm_calls: Mapped[int] = mapped_column(Integer, default=0)
    healed_actions: Mapped[int] = mapped_column(Integer, default=0)
    duration_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    end_state: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    output_json: Mapped[str] = mapped_column(Text, default="")
    # Child traces (for_loop, task_v2) as proto JSON; small, and only read whole.
    children_json: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    loop_item_json: Mapped[str] = mapped_column(Text, default="")
    said_no: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)  # BlockTrace.said_no
    screenshot_key: Mapped[str] = mapped_column(String(1024), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ActionRow(Base):
    """One recorded action of a block run, as proto JSON; indexed by run to load a run in one query."""

    __tablename__ = "actions"
    __table_args__ = (Index(None, "run_id"), UniqueConstraint("block_run_id", "sequence"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    block_run_id: Mapped[int] = mapped_column(ForeignKey("block_runs.id", ondelete="CASCADE"))
    run_id: Mapped[str] = mapped_column(String(36))
    org_id: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    action_json: Mapped[str] = mapped_column(Text)


class ScriptRow(Base):
    """The script of one (organisation, workflow, cache key)."""

    __tablename__ = "scripts"
    __table_args__ = (UniqueConstraint("org_id", "workflow_id", "cache_key"),)

    script_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64))
    workflow_id: Mapped[str] = mapped_column(String(128))
    cache_key: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ScriptVersionRow(Base):
    """One version of a script; only published versions are used by runs."""

    __tablename__ = "script_versions"
    __table_args__ = (UniqueConstraint("script_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    script_id: Mapped[str] = mapped_column(ForeignKey("scripts.script_id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # pending | published
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    source_run_id: Mapped[str] = mapped_column(String(36))
    workflow_version: Mapped[int] = mapped_column(Integer)
    # The version this one copies when an operator rolled back to it (0: published by a run).
    rolled_back_from: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ScriptFileRow(Base):
    """One stored file of a script version (content lives in object storage)."""

    __tablename__ = "script_files"
    __table_args__ = (UniqueConstraint("script_version_id", "path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    script_version_id: Mapped[int] = mapped_column(ForeignKey("script_versions.id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    storage_key: Mapped[str] = mapped_column(String(1024))


class ScriptBlockRow(Base):
    """A block of a script version; cached when ``run_signature`` is set."""

    __tablename__ = "script_blocks"
    __table_args__ = (UniqueConstraint("script_version_id", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    script_version_id: Mapped[int] = mapped_column(ForeignKey("script_versions.id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(255))
    run_signature: Mapped[str | None] = mapped_column(Text, nullable=True)
    file_path: Mapped[str] = mapped_column(String(512))
    source_run_id: Mapped[str] = mapped_column(String(36))
    parameter_names: Mapped[list[Any]] = mapped_column(JSON)
    cached_in_version: Mapped[int] = mapped_column(Integer)
    # Definition version the code was generated for, and the hash of every block up to this one then:
    # a different prefix hash today means the block (or one before it) changed, so the code is stale.
    definition_version: Mapped[int] = mapped_column(Integer)
    definition_prefix_hash: Mapped[str] = mapped_column(String(64))


class RunDraftRow(Base):
    """A block's code generated while its run executes: never resolved, reused by the run's publish.

    ``pending`` rows are claimed by one replica at a time (``claim_token`` until ``claimed_until``), so a block is
    generated once whichever replica records it, drafts it or publishes it; ``ready`` rows carry the stored file,
    ``skipped`` ones the reason codegen refused. ``sequence`` names the block run the draft is made from.
    """

    __tablename__ = "run_drafts"
    __table_args__ = (UniqueConstraint("run_id", "label"), Index(None, "state", "claimed_until"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16), default="ready", server_default="ready")
    sequence: Mapped[int] = mapped_column(Integer, default=-1, server_default="-1")
    claim_token: Mapped[str] = mapped_column(String(36), default="", server_default="")
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    draft_number: Mapped[int] = mapped_column(Integer, default=0)
    run_signature: Mapped[str] = mapped_column(Text, default="")
    parameter_names: Mapped[list[Any]] = mapped_column(JSON, default=list)
    path: Mapped[str] = mapped_column(String(512), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    storage_key: Mapped[str] = mapped_column(String(1024), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
