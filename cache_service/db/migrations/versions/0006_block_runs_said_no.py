"""A block run keeps the parameters whose "No" the agent left out (BlockTrace.said_no), for the code to check.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 06:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("block_runs") as batch:
        batch.add_column(sa.Column("said_no", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("block_runs") as batch:
        batch.drop_column("said_no")
