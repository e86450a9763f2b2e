"""Making folders and rows agree again after a crash, a power cut or a hand-edited folder.

Pages on disk are the truth. At start, for every package:
- temporary files of interrupted writes are deleted (a page file itself is never half
  written: it is renamed into place only when complete);
- a row whose file is gone but whose exact content (sha256) lies elsewhere in the folder
  or its trash gets the file moved back where the row says (a move interrupted between
  file and row, e.g. delete, restore, replace);
- a row whose file is really gone is flagged `file_missing` (and unflagged if it returns);
- a page file with no row is recorded again as a pending page;
- pending pages are recognised again.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from scanstation.db.models import Package, Page, PageStatus
from scanstation.db.store import Database
from scanstation.ingest import trash
from scanstation.ingest.audit import audit
from scanstation.ingest.quality import recompute_quality
from scanstation.ingest.recognizer_pool import RecognizerPool
from scanstation.ingest.storage import (
    PAGE_NAME,
    TRASH_DIR,
    file_facts,
    origin_of,
    remove_leftovers,
    seq_of,
)
from scanstation.ingest.writelock import WRITE_LOCK

log = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    package_id: int
    removed_temp: list[str] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    unreadable_files: list[str] = field(default_factory=list)
    pending_requeued: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.removed_temp or self.relinked or self.adopted or self.missing
                    or self.returned or self.pending_requeued)


def _page_files(folder: Path) -> list[str]:
    """Page files in the folder and its trash, as names relative to the folder."""
    names: list[str] = []
    for sub, prefix in ((folder, ""), (folder / TRASH_DIR, TRASH_DIR + "/")):
        if sub.is_dir():
            names.extend(prefix + e.name for e in os.scandir(sub)
                         if e.is_file() and PAGE_NAME.match(e.name))
    return sorted(names)


def reconcile_package(database: Database, package_id: int) -> RecoveryReport:
    """Files and rows of one package brought into agreement (no recognition)."""
    report = RecoveryReport(package_id)
    with WRITE_LOCK, database.session() as session:
        package = session.get(Package, package_id)
        if package is None:
            return report
        folder = Path(package.folder)
        if not folder.is_dir():  # never re-create it: it may be a disk not plugged in now
            for row in session.scalars(select(Page).where(
                    Page.package_id == package_id, Page.trashed_at.is_(None),
                    Page.file_missing.is_(False))):
                row.file_missing = True
                report.missing.append(row.file_name)
            return report
        report.removed_temp = [p.relative_to(folder).as_posix()
                               for p in remove_leftovers(folder)]
        rows = session.scalars(select(Page).where(Page.package_id == package_id)).all()
        on_disk = set(_page_files(folder))
        by_name = {r.file_name: r for r in rows}
        orphans = {name: file_facts(folder / name).sha256 for name in on_disk - by_name.keys()}
        for row in rows:
            present = row.file_name in on_disk
            if not present:
                match = next((n for n, sha in orphans.items() if sha == row.sha256), None)
                if match is not None:
                    trash.move(folder, match, row.file_name)
                    del orphans[match]
                    report.relinked.append(row.file_name)
                    present = True
            if present and row.file_missing:
                row.file_missing = False
                report.returned.append(row.file_name)
            elif not present and not row.file_missing:
                row.file_missing = True
                if row.trashed_at is None:  # a trashed file goes when the trash is purged
                    report.missing.append(row.file_name)
                    audit(session, "page_file_missing", row.id, package_id,
                          {"file": row.file_name})
        taken_seqs = {r.seq for r in rows if r.trashed_at is None}
        for name in sorted(orphans):
            if name.startswith(TRASH_DIR + "/"):
                continue  # a trashed file with no row: left alone, never shown as a page
            try:
                facts = file_facts(folder / name)
                with Image.open(folder / name) as image:
                    dpi = round(float(image.info.get("dpi", (200, 200))[0])) or 200
                    fmt = "jpeg" if image.format == "JPEG" else "tiff"
                    origin = origin_of(image) or "recovered"
            except (OSError, UnidentifiedImageError) as exc:
                log.warning("recovery: %s is not a readable image: %s", name, exc)
                report.unreadable_files.append(name)
                continue
            seq = seq_of(name) or 0
            page = Page(package_id=package_id, seq=seq, file_name=name, sha256=facts.sha256,
                        size_bytes=facts.size_bytes, width_px=facts.width_px,
                        height_px=facts.height_px, dpi=dpi, image_format=fmt,
                        source=origin, status=PageStatus.PENDING)
            session.add(page)
            session.flush()
            taken_seqs.add(seq)
            audit(session, "page_recovered", page.id, package_id, {"file": name})
            report.adopted.append(name)
        for row in rows:  # a pending page rotated by a worker just before the crash
            if row.status == PageStatus.PENDING and row.file_name in on_disk:
                facts = file_facts(folder / row.file_name)
                if facts.sha256 != row.sha256:
                    row.sha256, row.size_bytes = facts.sha256, facts.size_bytes
                    row.width_px, row.height_px = facts.width_px, facts.height_px
        recompute_quality(session, package_id)
    if report.changed:
        log.info("recovery of package %s: %s", package_id, report)
    return report


def recover_package(database: Database, package_id: int,
                    pool: RecognizerPool | None = None) -> RecoveryReport:
    """Reconcile one package, then recognise its pending pages (waits for them)."""
    from scanstation.ingest.pipeline import IngestPipeline

    report = reconcile_package(database, package_id)
    with database.session() as session:
        package = session.get(Package, package_id)
        if package is None or not Path(package.folder).is_dir():
            return report
    pipeline = IngestPipeline(database, package_id, pool=pool or RecognizerPool(workers=0))
    try:
        report.pending_requeued = pipeline.recognize_pending()
        pipeline.wait_idle()
    finally:
        pipeline.close()
        if pool is None:
            pipeline.pool.shutdown()
    return report


def recover(database: Database, pool: RecognizerPool | None = None) -> list[RecoveryReport]:
    """Recovery of every package at start; returns what was done per package."""
    with database.session() as session:
        package_ids = list(session.scalars(select(Package.id).order_by(Package.id)))
    return [recover_package(database, package_id, pool) for package_id in package_ids]
