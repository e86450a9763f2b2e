"""Reads of pages from elsewhere, remembered by the content of their file.

A folder the station did not scan (pages from elsewhere) had every page's barcode read on
every `check`, pack and completeness run: a second pack of a 700 MB folder took five times
as long as `zip -0` of it. A read is now kept under the sha256 of the file's bytes, the
page's index within the file and the recogniser's fingerprint (its version, the engines'
versions and the profile's number pattern): the same bytes are never read again, and a
new recogniser reads everything afresh because its fingerprint differs.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_read",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("page_index", sa.Integer, primary_key=True),
        sa.Column("recognizer", sa.String(64), primary_key=True),
        sa.Column("pages_in_file", sa.Integer, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("page_read")
