"""Kits whose protocol comment is not filled in get their own status, `not_filled`.

Until now such a kit was stored as `unknown`, the status meant for a kit no protocol has
described. Every kit row so far came from a protocol import, so each `unknown` row is a
kit listed with an empty comment (or «---»): the collector's «отчёт — не полный».

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE kit SET protocol_status = 'not_filled' WHERE protocol_status = 'unknown'")


def downgrade() -> None:
    op.execute("UPDATE kit SET protocol_status = 'unknown' WHERE protocol_status = 'not_filled'")
