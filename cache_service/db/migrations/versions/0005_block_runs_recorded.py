"""A run counts its block runs on its own row, so that ending it "if unchanged" sees a block recorded meanwhile.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 03:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("block_runs_recorded", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE runs SET block_runs_recorded = "
        "(SELECT count(*) FROM block_runs WHERE block_runs.run_id = runs.run_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("block_runs_recorded")
