"""Duplicate decisions per pair of pages, so a new page with a decided number reopens it.

Until now a decision was stored per event and number: once one pair with a number was
decided, a third page with that number (typed, rescanned, or scanned in another room) was
never offered again. Each decision now names the two pages it was made on. Escalations of
revision 0002 become pair decisions over the pages that carry the number now.

Revision ID: 0005
Revises: 0004b
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_pair",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("event.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("blank_number", sa.String(64), nullable=False),
        sa.Column("page_a", sa.Integer, sa.ForeignKey("page.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("page_b", sa.Integer, sa.ForeignKey("page.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("decision", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(100)),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("page_a", "page_b"),
    )
    # Escalated numbers of the old table: every pair of the pages that carry them now.
    op.execute("""
        INSERT INTO duplicate_pair (event_id, blank_number, page_a, page_b, kind, decision,
                                    decided_at)
        SELECT d.event_id, d.blank_number, a.id, b.id, d.kind, d.decision, d.decided_at
        FROM duplicate_decision d
        JOIN package pa ON pa.event_id = d.event_id
        JOIN page a ON a.package_id = pa.id AND a.blank_number = d.blank_number
        JOIN package pb ON pb.event_id = d.event_id
        JOIN page b ON b.package_id = pb.id AND b.blank_number = d.blank_number
        WHERE d.decision = 'escalated' AND a.id < b.id
          AND a.trashed_at IS NULL AND b.trashed_at IS NULL
    """)


def downgrade() -> None:
    op.drop_table("duplicate_pair")
