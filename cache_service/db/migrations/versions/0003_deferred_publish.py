"""Deferred publishing: a run that decided to publish while codegen or object storage was down is retried.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("publish_pending", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index(op.f("ix_runs_publish_pending"), "runs", ["publish_pending"])


def downgrade() -> None:
    op.drop_index(op.f("ix_runs_publish_pending"), table_name="runs")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("publish_pending")
