"""Drafts, generation counts, rollbacks, run listing and lease sweeps; loop items and screenshots of block runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("generations", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("draft_number", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("draft_skipped", sa.JSON(), nullable=True))
    op.create_index(op.f("ix_runs_org_id_started_at"), "runs", ["org_id", "started_at"])
    op.create_index(op.f("ix_runs_status_lease_expires_at"), "runs", ["status", "lease_expires_at"])
    with op.batch_alter_table("block_runs") as batch:
        batch.add_column(sa.Column("loop_item_json", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("screenshot_key", sa.String(length=1024), nullable=False, server_default=""))
    with op.batch_alter_table("script_versions") as batch:
        batch.add_column(sa.Column("rolled_back_from", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "run_drafts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("org_id", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=255), nullable=False),
        sa.Column("draft_number", sa.Integer(), nullable=False),
        sa.Column("run_signature", sa.Text(), nullable=False),
        sa.Column("parameter_names", sa.JSON(), nullable=False),
        sa.Column("path", sa.String(length=512), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(length=1024), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.run_id"], name=op.f("fk_run_drafts_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_drafts")),
        sa.UniqueConstraint("run_id", "label", name=op.f("uq_run_drafts_run_id_label")),
    )


def downgrade() -> None:
    op.drop_table("run_drafts")
    with op.batch_alter_table("script_versions") as batch:
        batch.drop_column("rolled_back_from")
    with op.batch_alter_table("block_runs") as batch:
        batch.drop_column("screenshot_key")
        batch.drop_column("loop_item_json")
    op.drop_index(op.f("ix_runs_status_lease_expires_at"), table_name="runs")
    op.drop_index(op.f("ix_runs_org_id_started_at"), table_name="runs")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("draft_skipped")
        batch.drop_column("draft_number")
        batch.drop_column("generations")
