"""The way every page enters a package: saved first, recorded, then read beside scanning.

`add_page` returns only when the page file is durable and its row committed (status
«pending»): from then on a crash cannot lose it. Recognition runs in worker processes;
its outcome (number, upright re-save, fingerprint, preview) is applied by one thread of
this process, which also keeps the package's quality flag current
(`pipeline_recognition`). Progress reaches the window through `on_event`, called from the
pipeline's threads (the window marshals it; `pipeline_events`). What a row records is in
`pipeline_rows`.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from scanstation.db.models import Package, Page, PageStatus
from scanstation.db.store import Database
from scanstation.errors import DatabaseBusyError, DiskFullError, PageActionError
from scanstation.i18n import tr
from scanstation.ingest import trash
from scanstation.ingest.audit import audit
from scanstation.ingest.crashpoints import crash_point
from scanstation.ingest.pages import PageInfo, page_info
from scanstation.ingest.pipeline_events import EventCallback, PipelineEvent, notify
from scanstation.ingest.pipeline_recognition import STOP_TIMEOUT_S, BackgroundRecognition
from scanstation.ingest.pipeline_rows import set_file_facts
from scanstation.ingest.quality import recompute_quality
from scanstation.ingest.source_files import recorded_source_page
from scanstation.ingest.stall import Stall
from scanstation.ingest.storage import (
    SaveOptions,
    StoredFile,
    claim_name,
    encode_page,
    highest_seq_on_disk,
    origin_text,
    page_file_name,
    seq_of,
    write_atomic,
    write_new,
)
from scanstation.ingest.thumbnails import drop_thumbnail
from scanstation.ingest.writelock import WRITE_LOCK
from scanstation.package_lock import PackageLock
from scanstation.profile import EventProfile, event_profile
from scanstation.recognition.pool import RecognitionPool
from scanstation.scanner.base import ScannedPage

__all__ = ["EventCallback", "IngestPipeline", "PipelineEvent"]
log = logging.getLogger(__name__)


class IngestPipeline:
    """Pages of one package in, durable and recognised. One per open package."""

    def __init__(self, database: Database, package_id: int, *,
                 pool: RecognitionPool | None = None, options: SaveOptions | None = None,
                 expected_kits: Collection[str] | None = None,
                 on_event: EventCallback | None = None) -> None:
        self.database = database
        self.package_id = package_id
        self.options = options or SaveOptions()
        self.expected_kits = frozenset(expected_kits) if expected_kits is not None else None
        self.on_event = on_event
        self._own_pool = pool is None
        self.pool = pool or RecognitionPool()
        self._write_lock = WRITE_LOCK  # one writer at a time in this process
        with database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                raise ValueError(f"no package {package_id}")
            self.folder = Path(package.folder)
            self.profile: EventProfile = event_profile(package.event)
            highest_row = session.scalar(
                select(func.max(Page.seq)).where(Page.package_id == package_id)) or 0
        self.folder.mkdir(parents=True, exist_ok=True)
        # One writer per package across processes (the window, `scanstation ingest`…).
        self._package_lock = PackageLock(self.folder)
        self._package_lock.acquire()
        self._next_seq = max(highest_row, highest_seq_on_disk(self.folder)) + 1
        self._recognition = BackgroundRecognition(
            database, package_id, self.folder, self.profile, self.expected_kits, self.pool,
            self._emit)

    # --- pages in -----------------------------------------------------------------------

    def _claim_name(self) -> str:
        """Offer the next page name; `write_new` passes over one a file already has (another
        process writing to this folder), so a name is never taken twice."""
        seq = self._next_seq
        self._next_seq += 1
        return page_file_name(seq, self.options)

    def add_page(self, scanned: ScannedPage) -> PageInfo:
        """Save a page as scanned and record it; recognition follows in the background.
        A page of a source file already recorded (same file sha256 and page) is not taken
        again: its existing page is returned (event `skipped`).

        Raises `DiskFullError` (nothing recorded, earlier pages intact) when space ran out."""
        options = SaveOptions(self.options.image_format, scanned.dpi or self.options.dpi,
                              self.options.jpeg_quality)
        origin = origin_text(_source_of(scanned), scanned.source_sha256, scanned.source_page)
        data = encode_page(scanned.image, options, origin)  # outside the lock
        with self._write_lock:
            known = self._recorded_before(scanned)
            if known is not None:
                _confirm(scanned)
                return known
            first_seq = self._next_seq
            stored = write_new(data, self.folder, self._claim_name)
            stored = StoredFile(stored.path, stored.sha256, stored.size_bytes,
                                scanned.image.width, scanned.image.height)
            crash_point("file_written")
            try:
                info = self._record(scanned, stored, options)
            except (OperationalError, DatabaseBusyError) as exc:
                # Not acknowledged, so not kept: the operator scans this sheet again (or the
                # feeder writes it again), and a kept file would become a second copy of
                # it at the next recovery.
                stored.path.unlink(missing_ok=True)
                self._next_seq = first_seq
                if isinstance(exc, OperationalError) and "full" in str(exc.orig).lower():
                    raise DiskFullError(str(self.database.path.parent)) from exc
                raise
        crash_point("row_committed")
        _confirm(scanned)
        self._emit(PipelineEvent("saved", self.package_id, info))
        if not scanned.blank_back:
            self.submit(info, scanned.image)
        return info

    def _recorded_before(self, scanned: ScannedPage) -> PageInfo | None:
        if scanned.source_sha256 is None or scanned.source_page is None:
            return None
        with self.database.session() as session:
            page = recorded_source_page(session, self.package_id, scanned.source_sha256,
                                        scanned.source_page)
            if page is None:
                return None
            info = page_info(self.folder, page)
        message = tr(
            "Page {scanned_source_page} of {file_label_scanned} was taken before "
            "({info_file_name}) — the repeat is skipped.",
            scanned_source_page=scanned.source_page,
            file_label_scanned=_file_label(scanned),
            info_file_name=info.file_name,
        )
        log.info("%s", message)
        self._emit(PipelineEvent("skipped", self.package_id, info, message=message))
        return info

    def _record(self, scanned: ScannedPage, stored: StoredFile, options: SaveOptions
                ) -> PageInfo:
        """The row of a page file just written. Another writer may have recorded its name
        meanwhile (a second process past the package lock, a row whose file is missing):
        the file then moves on to the next free name."""
        while True:
            try:
                with self.database.session() as session:
                    page = Page(package_id=self.package_id, seq=seq_of(stored.path.name) or 0,
                                file_name=stored.path.name, dpi=options.dpi,
                                image_format=options.image_format,
                                source=_source_of(scanned), status=PageStatus.PENDING,
                                blank_back=scanned.blank_back,
                                source_sha256=scanned.source_sha256,
                                source_page=scanned.source_page)
                    set_file_facts(page, stored)
                    if scanned.blank_back:  # an empty back side: kept, never read
                        page.status = PageStatus.UNREADABLE
                    session.add(page)
                    session.flush()
                    return page_info(self.folder, page)
            except IntegrityError:
                log.warning("page name %s is recorded already; taking the next one",
                            stored.path.name)
                with self.database.session() as session:
                    highest = session.scalar(select(func.max(Page.seq)).where(
                        Page.package_id == self.package_id)) or 0
                self._next_seq = max(self._next_seq, highest + 1)
                moved = claim_name(stored.path, self.folder, self._claim_name, stored.sha256,
                                   stored.size_bytes)
                stored = StoredFile(moved.path, stored.sha256, stored.size_bytes,
                                    stored.width_px, stored.height_px)

    def replace_page(self, page_id: int, scanned: ScannedPage) -> PageInfo:
        """A rescanned sheet takes an old page's place (its seq and file name); the old
        page goes to the trash. The row change is committed first, so recovery can finish
        an interrupted replacement from the rows (see `recovery`)."""
        options = SaveOptions(self.options.image_format, scanned.dpi or self.options.dpi,
                              self.options.jpeg_quality)
        data = encode_page(scanned.image, options, _source_of(scanned))
        with self._write_lock:
            with self.database.session() as session:
                old = session.get(Page, page_id)
                if old is None or old.package_id != self.package_id or old.trashed_at:
                    raise PageActionError(tr(
                        "Only a page of this package, not deleted, can be replaced.",
                    ))
                name, seq = old.file_name, old.seq
                old.file_name = trash.trash_name(self.folder, name)
                old.trashed_at = datetime.now(UTC)
                trash_target = old.file_name
                audit(session, "page_replaced", old.id, self.package_id,
                      {"file": name, "trash_file": trash_target})
            crash_point("replace_row_committed")
            trash.move(self.folder, name, trash_target)
            drop_thumbnail(self.folder, name)
            stored = write_atomic(data, self.folder / name)
            with self.database.session() as session:
                page = Page(package_id=self.package_id, seq=seq, file_name=name,
                            dpi=options.dpi, image_format=options.image_format,
                            source=_source_of(scanned), status=PageStatus.PENDING)
                set_file_facts(page, StoredFile(stored.path, stored.sha256, stored.size_bytes,
                                                 scanned.image.width, scanned.image.height))
                session.add(page)
                session.flush()
                recompute_quality(session, self.package_id)
                info = page_info(self.folder, page)
        self._emit(PipelineEvent("saved", self.package_id, info))
        self.submit(info, scanned.image)
        return info

    def submit(self, page: PageInfo, image: Image.Image | None = None) -> None:
        """Queue a recorded page for recognition (with its pixels while few are queued)."""
        self._recognition.submit(page, image)

    def recognize_pending(self) -> int:
        """Queue every pending page of the package again (after a restart)."""
        return self._recognition.recognize_pending()

    def _emit(self, event: PipelineEvent) -> None:
        notify(self.on_event, event)

    @property
    def in_flight(self) -> int:
        """Pages queued for recognition and not applied yet (the window's «reading …»)."""
        return self._recognition.in_flight

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued page is recognised and applied (or parked: `stall`)."""
        return self._recognition.wait_idle(timeout)

    @property
    def stall(self) -> Stall | None:
        """Why recognised pages are waiting to be recorded (None while all is well)."""
        return self._recognition.stall

    def finish(self, patience: float = 300.0) -> Stall | None:
        """Wait until every queued page is recognised and recorded, or the pipeline stalls
        (no progress for `patience` s counts as a stall); returns the stall, if any."""
        return self._recognition.finish(patience)

    def retry(self) -> int:
        """«Повторить» after a stall: read the parked pages again."""
        return self._recognition.retry()

    def close(self, wait: bool = True, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Stop within `timeout`; pages not applied by then stay pending on disk and are
        read again when the package is next opened. False on a timeout."""
        try:
            done = self._recognition.stop(wait, timeout)
            if self._own_pool:
                self.pool.shutdown(wait=wait)
        finally:
            self._package_lock.release()
        return done

    def __enter__(self) -> IngestPipeline:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(wait=kind is None)  # interrupted: leave at once, pages stay pending


def _source_of(scanned: ScannedPage) -> str:
    return scanned.source[:200]


def _file_label(scanned: ScannedPage) -> str:
    return scanned.original_path.name if scanned.original_path else scanned.source


def _confirm(scanned: ScannedPage) -> None:
    """Tell the page's source (the hot folder) that the page is durable and recorded."""
    if scanned.on_recorded is not None:
        scanned.on_recorded()
