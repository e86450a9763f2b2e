"""Making folders and rows agree again after a crash, a power cut or a hand-edited folder.

Pages on disk are the truth. For every package (the window runs this as a background job
after it opens, `ingest` for its own package first):
- temporary files of interrupted writes are deleted (a page file itself is never half
  written: it is renamed into place only when complete);
- a row whose file is gone but whose exact content (sha256) lies elsewhere in the folder
  or its trash gets the file moved back where the row says (a move interrupted between
  file and row, e.g. delete, restore, replace);
- a row whose file is really gone is flagged `file_missing` (and unflagged if it returns);
- a page file with no row is decoded completely and recorded again as a pending page;
  a file that does not decode (a non-image named `0005.tif`, a truncated TIFF) or is no
  page at all (a stray PDF) goes to `.quarantine/` and is reported — one bad file never
  stops the program from starting;
- pending pages are recognised again.
A package another process is writing to (its lock is held) is left for later, and said so.
While a package is being recovered its pages are read-only (`is_recovering`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from scanstation.db.models import Package, Page, PageStatus
from scanstation.db.store import Database
from scanstation.errors import KnownError
from scanstation.fsutil import sha256_file
from scanstation.i18n import tr
from scanstation.ingest import trash
from scanstation.ingest.audit import audit
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.ingest.quality import recompute_quality
from scanstation.ingest.quarantine import quarantine
from scanstation.ingest.recovering import done_recovering, marked_recovering
from scanstation.ingest.storage import (
    PAGE_NAME,
    TRASH_DIR,
    StoredFile,
    file_facts,
    origin_of,
    parse_origin,
    remove_leftovers,
    seq_of,
)
from scanstation.ingest.writelock import WRITE_LOCK
from scanstation.package_lock import PackageLock
from scanstation.recognition.pool import RecognitionPool

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]

@dataclass
class RecoveryReport:
    package_id: int
    removed_temp: list[str] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)
    unreadable_files: list[str] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    pending_requeued: int = 0
    package_name: str = ""
    error: str = ""  # why this package was not (fully) recovered: locked, unreadable folder

    @property
    def changed(self) -> bool:
        return bool(self.removed_temp or self.relinked or self.adopted or self.missing
                    or self.returned or self.pending_requeued or self.quarantined)

    def messages(self) -> list[str]:
        """What the operator is told (window and command line), in their language."""
        lines = [tr(
            "Package «{package_name}»: file {name} — {reason} It was moved to the package's "
            ".quarantine folder.",
            package_name=self.package_name,
            name=name,
            reason=reason,
        )
                 for name, reason in self.quarantined]
        if self.error:
            lines.append(self.error)
        return lines


def _page_files(folder: Path) -> list[str]:
    """Page files in the folder and its trash, as names relative to the folder."""
    names: list[str] = []
    for sub, prefix in ((folder, ""), (folder / TRASH_DIR, TRASH_DIR + "/")):
        if sub.is_dir():
            names.extend(prefix + e.name for e in os.scandir(sub)
                         if e.is_file() and PAGE_NAME.match(e.name))
    return sorted(names)


def _foreign_files(folder: Path) -> list[str]:
    """Files in the package folder itself that are not pages (a stray PDF, a text file)."""
    return sorted(e.name for e in os.scandir(folder)
                  if e.is_file() and not e.name.startswith(".") and not PAGE_NAME.match(e.name))


class _NotAPage(Exception):
    """A file in a package folder that cannot be recorded as a page; says why."""


def _read_page(path: Path) -> tuple[StoredFile, int, str, str]:
    """Facts of a page file decoded to its last byte: (facts, dpi, format, origin).
    Raises `_NotAPage` with the reason when it is not a readable TIFF or JPEG image."""
    try:
        with warnings.catch_warnings():  # a broken file is quarantined, not warned about
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                fmt = image.format
                if fmt not in ("TIFF", "JPEG", "MPO"):
                    raise _NotAPage(tr("not a TIFF or JPEG ({fmt}).", fmt=fmt))
                image.load()  # a truncated file fails here, not at the header
                dpi = round(float(image.info.get("dpi", (200, 200))[0])) or 200
                origin = origin_of(image)
                size = image.size
    except _NotAPage:
        raise
    # A file anyone could have put there: whatever Pillow raises means «not a page».
    except Exception as exc:
        raise _NotAPage(tr(
            "cannot be read as an image ({exc_type}: {exc}).",
            exc_type=type(exc).__name__,
            exc=exc,
        )
                        ) from exc
    facts = StoredFile(path, sha256_file(path), path.stat().st_size, size[0], size[1])
    return facts, dpi, "jpeg" if fmt in ("JPEG", "MPO") else "tiff", origin


def reconcile_package(database: Database, package_id: int) -> RecoveryReport:
    """Files and rows of one package brought into agreement (no recognition). Raises
    `PackageLocked` when another process is writing to the package."""
    report = RecoveryReport(package_id)
    with database.session() as session:
        package = session.get(Package, package_id)
        if package is None:
            return report
        report.package_name = package.name
        folder = Path(package.folder)
    if folder.is_dir():
        with PackageLock(folder):
            return _reconcile(database, package_id, report)
    return _reconcile(database, package_id, report)


def _reconcile(database: Database, package_id: int, report: RecoveryReport) -> RecoveryReport:
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
        for name in _foreign_files(folder):
            reason = tr("not a page of the package (pages are 0001.tif, 0002.tif …).")
            report.quarantined.append((quarantine(folder, name, reason), reason))
        rows = session.scalars(select(Page).where(Page.package_id == package_id)).all()
        on_disk = set(_page_files(folder))
        by_name = {r.file_name: r for r in rows}
        orphans = {name: sha256_file(folder / name) for name in on_disk - by_name.keys()}
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
                facts, dpi, fmt, origin = _read_page(folder / name)
            except _NotAPage as exc:
                reason = str(exc)
                log.warning("recovery: %s is not a readable page: %s", name, reason)
                report.unreadable_files.append(name)
                report.quarantined.append((quarantine(folder, name, reason), reason))
                continue
            seq = seq_of(name) or 0
            source, source_sha256, source_page = parse_origin(origin or "recovered")
            page = Page(package_id=package_id, seq=seq, file_name=name, sha256=facts.sha256,
                        size_bytes=facts.size_bytes, width_px=facts.width_px,
                        height_px=facts.height_px, dpi=dpi, image_format=fmt,
                        source=source[:200], status=PageStatus.PENDING,
                        source_sha256=source_sha256, source_page=source_page)
            session.add(page)
            session.flush()
            taken_seqs.add(seq)
            audit(session, "page_recovered", page.id, package_id, {"file": name})
            report.adopted.append(name)
        for row in rows:  # a pending page rotated by a worker just before the crash
            if row.status == PageStatus.PENDING and row.file_name in on_disk:
                try:
                    facts = file_facts(folder / row.file_name)
                except Exception as exc:  # noqa: BLE001 - a damaged page must not stop start
                    log.warning("recovery: pending page %s cannot be read: %s",
                                row.file_name, exc)
                    continue
                if facts.sha256 != row.sha256:
                    row.sha256, row.size_bytes = facts.sha256, facts.size_bytes
                    row.width_px, row.height_px = facts.width_px, facts.height_px
        recompute_quality(session, package_id)
    if report.changed:
        log.info("recovery of package %s: %s", package_id, report)
    return report


def recover_package(database: Database, package_id: int,
                    pool: RecognitionPool | None = None,
                    cancel: threading.Event | None = None) -> RecoveryReport:
    """Reconcile one package, then recognise its pending pages (waits for them, or until
    `cancel`: pages left pending are read at the next start). Never raises for a package
    it cannot recover: the reason is in `report.error`."""
    try:
        report = reconcile_package(database, package_id)
        with database.session() as session:
            package = session.get(Package, package_id)
            if package is None or not Path(package.folder).is_dir():
                return report
        pipeline = IngestPipeline(database, package_id,
                                  pool=pool or RecognitionPool(workers=0))
        try:
            report.pending_requeued = pipeline.recognize_pending()
            while not pipeline.wait_idle(0.5):
                if cancel is not None and cancel.is_set():
                    break
        finally:
            pipeline.close(wait=cancel is None or not cancel.is_set())
            if pool is None:
                pipeline.pool.shutdown()
    except KnownError as exc:  # locked by another process, disk gone: later, and said so
        report = RecoveryReport(package_id, error=exc.message)
        log.warning("recovery of package %s skipped: %s", package_id, exc.message)
    except Exception as exc:  # one package must never stop the start
        log.exception("recovery of package %s failed", package_id)
        report = RecoveryReport(package_id, error=tr(
            "Recovery of package {package_id} failed: {exc_type}: {exc}",
            package_id=package_id,
            exc_type=type(exc).__name__,
            exc=exc,
        ))
    if report.changed or report.error:
        log.info("recovery of package %s: %s", package_id, report)
    for message in report.messages():
        log.warning("recovery: %s", message)
    return report


def recover(database: Database, pool: RecognitionPool | None = None,
            progress: Progress | None = None,
            cancel: threading.Event | None = None) -> list[RecoveryReport]:
    """Recovery of every package; returns what was done per package. Every package is
    read-only (`is_recovering`) until its own recovery has ended."""
    with database.session() as session:
        packages = list(session.execute(select(Package.id, Package.name).order_by(Package.id)))
    reports: list[RecoveryReport] = []
    started = time.monotonic()
    with marked_recovering(package_id for package_id, _ in packages):
        for done, (package_id, name) in enumerate(packages):
            # Cancel (the window closing) skips waiting for recognition, never the
            # reconciling itself: it is quick, and a package left half-reconciled would
            # only be done again at the next start.
            if progress is not None:
                progress(done, len(packages), name)
            reports.append(recover_package(database, package_id, pool, cancel))
            done_recovering(package_id)
    if progress is not None:
        progress(len(packages), len(packages), "")
    log.info("recovery of %d packages took %.1f s", len(packages), time.monotonic() - started)
    return reports
