"""Archives that no longer show the package as it is: a page was added, deleted, rotated,
renamed or rewritten after packing. Such an archive must not be uploaded.

Staleness is computed each time, not stored: pages on disk are the truth, and a file can
change behind the program's back (edited, restored from a copy, the folder moved), which
a stored flag would miss. So the database's pages are compared with the archive's members,
and the folder's files by size and modification time; the first time an archive is found
stale it is recorded in the audit log, which keeps the "when".
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.archive.sources import live_pages
from scanstation.db import Database
from scanstation.db.models import Archive, AuditEntry, Package

AUDIT_ACTION = "archive_stale"


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_stale(package: Package, parts: list[Archive]) -> bool:
    """True when the set of parts made together no longer matches the package folder."""
    members = {(m.page_id, m.sha256) for part in parts for m in part.members}
    pages = {(p.id, p.sha256) for p in live_pages(package)}
    if members != pages:
        return True
    created = min(_as_utc(part.created_at) for part in parts)
    folder = Path(package.folder)
    sizes = {m.page_id: m.size_bytes for part in parts for m in part.members}
    for page in live_pages(package):
        path = folder / page.file_name
        try:
            stat = path.stat()
        except OSError:
            return True
        if stat.st_size != sizes.get(page.id) or \
                datetime.fromtimestamp(stat.st_mtime, UTC) > created:
            return True
    return False


def archive_sets(session: Session, package: Package) -> list[list[Archive]]:
    """The package's archives grouped by packing run (parts sharing a creation)."""
    rows = session.scalars(select(Archive).where(Archive.package_id == package.id)
                           .order_by(Archive.created_at, Archive.part_no)).all()
    sets: list[list[Archive]] = []
    for row in rows:
        if row.part_no == 1 or not sets:
            sets.append([row])
        else:
            sets[-1].append(row)
    return sets


def stale_archive_ids(session: Session, package: Package) -> set[int]:
    stale: set[int] = set()
    for parts in archive_sets(session, package):
        if is_stale(package, parts):
            stale.update(part.id for part in parts)
    return stale


def mark_stale_archives(database: Database, package_id: int) -> set[int]:
    """Find the package's stale archives and record the newly stale ones in the audit log."""
    with database.session() as session:
        package = session.get(Package, package_id)
        if package is None:
            return set()
        stale = stale_archive_ids(session, package)
        known: set[int] = set()
        for entry in session.scalars(select(AuditEntry).where(
                AuditEntry.package_id == package_id, AuditEntry.action == AUDIT_ACTION)):
            known.update(json.loads(entry.details or "{}").get("archive_ids", []))
        new = sorted(stale - known)
        if new:
            session.add(AuditEntry(action=AUDIT_ACTION, package_id=package_id,
                                   details=json.dumps({"archive_ids": new})))
        return stale
