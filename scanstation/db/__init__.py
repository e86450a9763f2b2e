"""The station's database: typed models, Alembic migrations, a WAL SQLite store."""

from scanstation.db.models import (
    Archive,
    ArchiveMember,
    AuditEntry,
    Base,
    DuplicateDecision,
    Event,
    Export,
    ImportedFile,
    Kit,
    Package,
    Page,
)
from scanstation.db.store import Database, open_database

__all__ = [
    "Archive",
    "ArchiveMember",
    "AuditEntry",
    "Base",
    "Database",
    "DuplicateDecision",
    "Event",
    "Export",
    "ImportedFile",
    "Kit",
    "Package",
    "Page",
    "open_database",
]
