"""Drafts as database state: pending drafts claimed by one replica at a time, skipped drafts as rows, draft folders.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-09 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_runs = sa.table(
    "runs",
    sa.column("run_id", sa.String),
    sa.column("org_id", sa.String),
    sa.column("draft_number", sa.Integer),
    sa.column("draft_skipped", sa.JSON),
    sa.column("draft_files", sa.Boolean),
    sa.column("started_at", sa.DateTime(timezone=True)),
)
_drafts = sa.table(
    "run_drafts",
    sa.column("run_id", sa.String),
    sa.column("org_id", sa.String),
    sa.column("label", sa.String),
    sa.column("state", sa.String),
    sa.column("reason", sa.Text),
    sa.column("draft_number", sa.Integer),
    sa.column("run_signature", sa.Text),
    sa.column("parameter_names", sa.JSON),
    sa.column("path", sa.String),
    sa.column("sha256", sa.String),
    sa.column("size_bytes", sa.BigInteger),
    sa.column("storage_key", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


# Plain ALTER TABLE ADD/DROP COLUMN on both backends (SQLite >= 3.35): a batch copy of ``runs`` would drop the
# table its block runs cascade from.


def upgrade() -> None:
    op.add_column("run_drafts", sa.Column("state", sa.String(length=16), nullable=False, server_default="ready"))
    op.add_column("run_drafts", sa.Column("sequence", sa.Integer(), nullable=False, server_default="-1"))
    op.add_column("run_drafts", sa.Column("claim_token", sa.String(length=36), nullable=False, server_default=""))
    op.add_column("run_drafts", sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("run_drafts", sa.Column("reason", sa.Text(), nullable=False, server_default=""))
    op.create_index(op.f("ix_run_drafts_state_claimed_until"), "run_drafts", ["state", "claimed_until"])
    op.add_column("runs", sa.Column("draft_files", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index(op.f("ix_runs_draft_files"), "runs", ["draft_files"])
    connection = op.get_bind()
    # A run that has drafts may still have a draft folder: the sweep deletes it if the run is over.
    connection.execute(_runs.update().where(_runs.c.draft_number > 0).values(draft_files=True))
    # Blocks codegen refused were a JSON map on the run; they become rows like every other draft.
    skipped = connection.execute(
        sa.select(_runs.c.run_id, _runs.c.org_id, _runs.c.draft_skipped, _runs.c.started_at).where(
            _runs.c.draft_skipped.is_not(None)
        )
    ).all()
    rows = [
        {
            "run_id": run_id,
            "org_id": org_id,
            "label": label,
            "state": "skipped",
            "reason": str(reason),
            "draft_number": 0,
            "run_signature": "",
            "parameter_names": [],
            "path": "",
            "sha256": "",
            "size_bytes": 0,
            "storage_key": "",
            "created_at": started_at,
        }
        for run_id, org_id, reasons, started_at in skipped
        for label, reason in (reasons or {}).items()
    ]
    if rows:
        op.bulk_insert(_drafts, rows)
    op.drop_column("runs", "draft_skipped")


def downgrade() -> None:
    op.add_column("runs", sa.Column("draft_skipped", sa.JSON(), nullable=True))
    connection = op.get_bind()
    skipped: dict[str, dict[str, str]] = {}
    for run_id, label, reason in connection.execute(
        sa.select(_drafts.c.run_id, _drafts.c.label, _drafts.c.reason).where(_drafts.c.state == "skipped")
    ):
        skipped.setdefault(run_id, {})[label] = reason
    for run_id, reasons in skipped.items():
        connection.execute(_runs.update().where(_runs.c.run_id == run_id).values(draft_skipped=reasons))
    connection.execute(sa.delete(_drafts).where(_drafts.c.state != "ready"))
    op.drop_index(op.f("ix_runs_draft_files"), table_name="runs")
    op.drop_column("runs", "draft_files")
    op.drop_index(op.f("ix_run_drafts_state_claimed_until"), table_name="run_drafts")
    for column in ("reason", "claimed_until", "claim_token", "sequence", "state"):
        op.drop_column("run_drafts", column)
