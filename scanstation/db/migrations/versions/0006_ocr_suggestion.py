"""Pages keep the number suggested by the printed digits (OCR) for the operator to confirm.

`suggestion` is never a blank number: the page stays unreadable until the operator
accepts it with Enter (audit `page_number_set`, `"how": "suggestion_confirmed"`) or types
another one. `suggestion_unsure` lists the 0-based digits the engine doubted ("3,17").

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("page") as batch:
        batch.add_column(sa.Column("suggestion", sa.String(64), nullable=True))
        batch.add_column(sa.Column("suggestion_unsure", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("page") as batch:
        batch.drop_column("suggestion_unsure")
        batch.drop_column("suggestion")
