"""Ingest support: perceptual hash and empty-back flag on pages, imported files, duplicates.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("page") as batch:
        batch.add_column(sa.Column("phash", sa.String(32)))
        batch.add_column(
            sa.Column("blank_back", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.create_table(
        "imported_file",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.Integer, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("imported_at", TZ, nullable=False),
        sa.UniqueConstraint("package_id", "sha256"),
    )
    op.create_index("ix_imported_file_package_id", "imported_file", ["package_id"])
    op.create_table(
        "duplicate_decision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("event.id", ondelete="CASCADE"), nullable=False),
        sa.Column("blank_number", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("decision", sa.String(32), nullable=False),
        sa.Column("decided_at", TZ, nullable=False),
        sa.UniqueConstraint("event_id", "blank_number"),
    )
    op.create_index("ix_duplicate_decision_event_id", "duplicate_decision", ["event_id"])


def downgrade() -> None:
    op.drop_table("duplicate_decision")
    op.drop_table("imported_file")
    with op.batch_alter_table("page") as batch:
        batch.drop_column("blank_back")
        batch.drop_column("phash")
