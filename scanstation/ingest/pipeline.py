"""The way every page enters a package: saved first, recorded, then read beside scanning.

`add_page` returns only when the page file is durable and its row committed (status
«pending»): from then on a crash cannot lose it. Recognition runs in worker processes;
its outcome (number, upright re-save, fingerprint, preview) is applied by one thread of
this process, which also keeps the package's quality flag current. Progress reaches the
window through `on_event`, called from the pipeline's threads (the window marshals it).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Collection
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from scanstation.db.models import Package, Page, PageStatus, ReadMethod
from scanstation.db.store import Database
from scanstation.errors import DiskFullError
from scanstation.i18n import t
from scanstation.ingest import trash
from scanstation.ingest.actions import PageActionError
from scanstation.ingest.audit import audit
from scanstation.ingest.crashpoints import crash_point
from scanstation.ingest.packages import PageInfo, event_profile, page_info
from scanstation.ingest.quality import recompute_quality
from scanstation.ingest.recognizer_pool import RecognitionJob, RecognitionOutcome, RecognizerPool
from scanstation.ingest.storage import (
    SaveOptions,
    StoredFile,
    commit_staged,
    encode_page,
    highest_seq_on_disk,
    page_file_name,
    write_atomic,
)
from scanstation.ingest.thumbnails import drop_thumbnail, thumbnail_path
from scanstation.ingest.writelock import WRITE_LOCK
from scanstation.profile import EventProfile
from scanstation.recognition import ReadStatus
from scanstation.scanner.base import ScannedPage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineEvent:
    """What happened to a page: `saved`, `recognized`, `failed` (recognition error)."""

    kind: str
    package_id: int
    page: PageInfo | None
    rescan_recommended: bool = False
    message: str = ""


MAX_ATTEMPTS = 3  # a page whose reading kills a worker this often stays pending
PIXELS_IN_FLIGHT = 6  # pages whose pixels ride along to the workers (~4 MB each)
EventCallback = Callable[[PipelineEvent], None]
_STATUS = {ReadStatus.OK: PageStatus.OK, ReadStatus.UNREADABLE: PageStatus.UNREADABLE,
           ReadStatus.AMBIGUOUS: PageStatus.AMBIGUOUS}


def apply_outcome(session: Session, page: Page, job: RecognitionJob,
                  outcome: RecognitionOutcome) -> bool:
    """Write a recognition outcome into a pending row and put the upright version of the
    file in place. False (and the staged file dropped) when the row moved on: the operator
    typed a number, rotated, trashed or replaced the page meanwhile."""
    folder = Path(page.package.folder)
    current = (page.status == PageStatus.PENDING and page.trashed_at is None
               and folder / page.file_name == job.path and page.sha256 == job.sha256)
    staged = outcome.rotated_file
    if not current:
        if staged is not None:
            staged.path.unlink(missing_ok=True)
        return False
    result = outcome.result
    page.status = _STATUS[result.status]
    page.blank_number = result.number if result.status == ReadStatus.OK else None
    page.read_method = ReadMethod.BARCODE if result.status == ReadStatus.OK else ReadMethod.NONE
    page.symbology, page.engine, page.strategy = result.symbology, result.engine, result.strategy
    page.phash = outcome.phash
    if staged is not None:
        commit_staged(staged.path, job.path)
        page.rotation = (page.rotation + result.rotation) % 360
        _set_file_facts(page, staged)
    return True


def _set_file_facts(page: Page, stored: StoredFile) -> None:
    page.sha256, page.size_bytes = stored.sha256, stored.size_bytes
    page.width_px, page.height_px = stored.width_px, stored.height_px


class IngestPipeline:
    """Pages of one package in, durable and recognised. One per open package."""

    def __init__(self, database: Database, package_id: int, *,
                 pool: RecognizerPool | None = None, options: SaveOptions | None = None,
                 expected_kits: Collection[str] | None = None,
                 on_event: EventCallback | None = None) -> None:
        self.database = database
        self.package_id = package_id
        self.options = options or SaveOptions()
        self.expected_kits = frozenset(expected_kits) if expected_kits is not None else None
        self.on_event = on_event
        self._own_pool = pool is None
        self.pool = pool or RecognizerPool()
        self._write_lock = WRITE_LOCK  # one writer at a time in this process
        self._in_flight = 0
        self._idle = threading.Condition()
        self._results: queue.Queue[tuple[RecognitionJob, Future[RecognitionOutcome]] | None] = (
            queue.Queue())
        with database.session() as session:
            package = session.get(Package, package_id)
            if package is None:
                raise ValueError(f"no package {package_id}")
            self.folder = Path(package.folder)
            self.profile: EventProfile = event_profile(package.event)
            highest_row = session.scalar(
                select(func.max(Page.seq)).where(Page.package_id == package_id)) or 0
        self.folder.mkdir(parents=True, exist_ok=True)
        self._next_seq = max(highest_row, highest_seq_on_disk(self.folder)) + 1
        self._applier = threading.Thread(target=self._apply_loop, name="ingest-results",
                                         daemon=True)
        self._applier.start()

    # --- pages in -----------------------------------------------------------------------

    def allocate_name(self) -> tuple[int, str]:
        """The next scan-order number and file name; never one used before."""
        while True:
            seq = self._next_seq
            name = page_file_name(seq, self.options)
            if not (self.folder / name).exists():
                return seq, name
            self._next_seq += 1

    def add_page(self, scanned: ScannedPage) -> PageInfo:
        """Save a page as scanned and record it; recognition follows in the background.

        Raises `DiskFullError` (nothing recorded, earlier pages intact) when space ran out."""
        options = SaveOptions(self.options.image_format, scanned.dpi or self.options.dpi,
                              self.options.jpeg_quality)
        data = encode_page(scanned.image, options, _source_of(scanned))  # outside the lock
        with self._write_lock:
            seq, name = self.allocate_name()
            stored = write_atomic(data, self.folder / name)
            stored = StoredFile(stored.path, stored.sha256, stored.size_bytes,
                                scanned.image.width, scanned.image.height)
            self._next_seq = seq + 1  # the name is taken on disk from here on
            crash_point("file_written")
            try:
                with self.database.session() as session:
                    page = Page(package_id=self.package_id, seq=seq, file_name=name,
                                dpi=options.dpi, image_format=options.image_format,
                                source=_source_of(scanned), status=PageStatus.PENDING,
                                blank_back=scanned.blank_back)
                    _set_file_facts(page, stored)
                    if scanned.blank_back:  # an empty back side: kept, never read
                        page.status = PageStatus.UNREADABLE
                    session.add(page)
                    session.flush()
                    info = page_info(self.folder, page)
            except OperationalError as exc:
                # Not acknowledged, so not kept: the operator scans this sheet again, and a
                # kept file would become a second copy of it at the next recovery.
                stored.path.unlink(missing_ok=True)
                self._next_seq = seq
                if "full" in str(exc.orig).lower():
                    raise DiskFullError(str(self.database.path.parent)) from exc
                raise
        crash_point("row_committed")
        self._emit(PipelineEvent("saved", self.package_id, info))
        if not scanned.blank_back:
            self.submit(info, scanned.image)
        return info

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
                    raise PageActionError(t("Заменить можно только страницу этого пакета, "
                                            "не удалённую.",
                                            "Only a page of this package, not deleted, can "
                                            "be replaced."))
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
                _set_file_facts(page, StoredFile(stored.path, stored.sha256, stored.size_bytes,
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
        with self._idle:
            self._in_flight += 1
            carry = image is not None and self._in_flight <= PIXELS_IN_FLIGHT
        pixels = None
        if carry and image is not None:
            pixels = (image.mode, image.size, image.tobytes())
        job = RecognitionJob(page.id, page.path, page.sha256,
                             thumbnail_path(self.folder, page.file_name),
                             self.profile, self.expected_kits, pixels=pixels)
        self._submit_job(job)

    def _submit_job(self, job: RecognitionJob) -> None:
        try:
            future = self.pool.submit(job)
        except BaseException:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()
            raise

        def done(finished: Future[RecognitionOutcome], job: RecognitionJob = job) -> None:
            self._results.put((job, finished))

        future.add_done_callback(done)

    def recognize_pending(self) -> int:
        """Queue every pending page of the package again (after a restart)."""
        with self.database.session() as session:
            pages = session.scalars(select(Page).where(
                Page.package_id == self.package_id, Page.status == PageStatus.PENDING,
                Page.trashed_at.is_(None), Page.file_missing.is_(False))).all()
            infos = [page_info(self.folder, p) for p in pages]
        for info in infos:
            self.submit(info)
        return len(infos)

    # --- results ------------------------------------------------------------------------

    def _apply_loop(self) -> None:
        while True:
            item = self._results.get()
            if item is None:
                return
            job, future = item
            try:
                self._apply(job, future)
            finally:
                with self._idle:
                    self._in_flight -= 1
                    self._idle.notify_all()

    def _apply(self, job: RecognitionJob, future: Future[RecognitionOutcome]) -> None:
        try:
            outcome = future.result()
        except BrokenExecutor as exc:  # a worker died (crashed decoder, killed by the OS)
            if job.attempt < MAX_ATTEMPTS:
                log.warning("recognition worker died on %s; trying again", job.path.name)
                with self._idle:
                    self._in_flight += 1
                self._submit_job(replace(job, pixels=None, attempt=job.attempt + 1))
                return
            log.warning("recognition of %s failed %d times: %r", job.path.name,
                        job.attempt, exc)
            self._emit(PipelineEvent("failed", self.package_id, None, message=str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - any worker failure leaves the page pending
            log.warning("recognition of %s failed: %r", job.path.name, exc)
            self._emit(PipelineEvent("failed", self.package_id, None, message=str(exc)))
            return
        with self._write_lock, self.database.session() as session:
            crash_point("result_received")
            page = session.get(Page, job.page_id)
            if page is None:
                return
            if not apply_outcome(session, page, job, outcome):
                if page.status == PageStatus.PENDING and page.trashed_at is None:
                    resubmit = page_info(self.folder, page)  # content changed: read again
                    session.commit()
                    self.submit(resubmit)
                return
            page.updated_at = datetime.now(UTC)
            figures = recompute_quality(session, self.package_id)
            session.flush()
            info = page_info(self.folder, page)
            rescan = figures.rescan_recommended
        self._emit(PipelineEvent("recognized", self.package_id, info, rescan))

    def _emit(self, event: PipelineEvent) -> None:
        if self.on_event is None:
            return
        try:
            self.on_event(event)
        except Exception:  # a broken listener must not stop the pipeline
            log.exception("ingest event listener failed")

    @property
    def in_flight(self) -> int:
        """Pages queued for recognition and not applied yet (the window's «reading …»)."""
        with self._idle:
            return self._in_flight

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued page is recognised and applied."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def close(self, wait: bool = True) -> None:
        if wait:
            self.wait_idle()
        self._results.put(None)
        self._applier.join(timeout=10)
        if self._own_pool:
            self.pool.shutdown(wait=wait)

    def __enter__(self) -> IngestPipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def next_free_name(session: Session, folder: Path, package_id: int,
                   suffix: str = ".tif") -> tuple[int, str]:
    """A page number and file name after every one used in rows, folder and trash."""
    highest_row = session.scalar(
        select(func.max(Page.seq)).where(Page.package_id == package_id)) or 0
    seq = max(highest_row, highest_seq_on_disk(folder)) + 1
    return seq, f"{seq:04d}{suffix}"


def _source_of(scanned: ScannedPage) -> str:
    return scanned.source[:200]
