"""Initial schema: events, packages, pages, kits, archives, exports, audit trail.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("profile_name", sa.String(200), nullable=False),
        sa.Column("profile_toml", sa.Text),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "package",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("event.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("folder", sa.Text, nullable=False, unique=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("rescan_recommended", sa.Boolean, nullable=False),
        sa.UniqueConstraint("event_id", "name"),
    )
    op.create_index("ix_package_event_id", "package", ["event_id"])
    op.create_table(
        "page",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.Integer, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("width_px", sa.Integer, nullable=False),
        sa.Column("height_px", sa.Integer, nullable=False),
        sa.Column("dpi", sa.Integer, nullable=False),
        sa.Column("image_format", sa.String(10), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("blank_number", sa.String(64)),
        sa.Column("read_method", sa.String(16), nullable=False),
        sa.Column("symbology", sa.String(32)),
        sa.Column("engine", sa.String(64)),
        sa.Column("strategy", sa.String(64)),
        sa.Column("rotation", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("trashed_at", TZ),
        sa.Column("file_missing", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.UniqueConstraint("package_id", "file_name"),
    )
    op.create_index("ix_page_package_id", "page", ["package_id"])
    op.create_index("ix_page_blank_number", "page", ["blank_number"])
    op.create_index("ix_page_status", "page", ["status"])
    op.create_table(
        "kit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("event.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("protocol_status", sa.String(16), nullable=False),
        sa.Column("school_login", sa.String(32)),
        sa.UniqueConstraint("event_id", "number"),
    )
    op.create_index("ix_kit_event_id", "kit", ["event_id"])
    op.create_table(
        "archive",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.Integer, sa.ForeignKey("package.id", ondelete="CASCADE"), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("part_no", sa.Integer, nullable=False),
        sa.Column("parts_total", sa.Integer, nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("files_count", sa.Integer, nullable=False),
        sa.Column("encryption", sa.String(16), nullable=False),
        sa.Column("manifest_path", sa.Text),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("verified_at", TZ),
    )
    op.create_index("ix_archive_package_id", "archive", ["package_id"])
    op.create_table(
        "archive_member",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("archive_id", sa.Integer, sa.ForeignKey("archive.id", ondelete="CASCADE"), nullable=False),
        sa.Column("page_id", sa.Integer, sa.ForeignKey("page.id", ondelete="SET NULL")),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("crc32", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )
    op.create_index("ix_archive_member_archive_id", "archive_member", ["archive_id"])
    op.create_table(
        "export",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("archive_id", sa.Integer, sa.ForeignKey("archive.id", ondelete="CASCADE"), nullable=False),
        sa.Column("target_path", sa.Text, nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_export_archive_id", "export", ["archive_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("package_id", sa.Integer, sa.ForeignKey("package.id", ondelete="SET NULL")),
        sa.Column("page_id", sa.Integer, sa.ForeignKey("page.id", ondelete="SET NULL")),
        sa.Column("details", sa.Text),
    )
    op.create_index("ix_audit_at", "audit", ["at"])


def downgrade() -> None:
    for table in ("audit", "export", "archive_member", "archive", "kit", "page", "package", "event"):
        op.drop_table(table)
