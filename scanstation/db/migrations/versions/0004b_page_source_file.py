"""Pages record the file they came from: its sha256 and the page's place in it.

A hot-folder or imported file delivered again (after a crash before it was acknowledged,
under another name, after a restart) is then recognised page by page. Earlier pages keep
NULL: nothing is known about their source file.

Revision ID: 0004b
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004b"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("page") as batch:
        batch.add_column(sa.Column("source_sha256", sa.String(64)))
        batch.add_column(sa.Column("source_page", sa.Integer))
    op.create_index("ix_page_source_sha256", "page", ["source_sha256"])


def downgrade() -> None:
    op.drop_index("ix_page_source_sha256", "page")
    with op.batch_alter_table("page") as batch:
        batch.drop_column("source_page")
        batch.drop_column("source_sha256")
