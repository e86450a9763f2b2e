"""The ingest pipeline's background half: recorded pages read in worker processes and
their outcomes applied to the rows, beside scanning.

A page is submitted as soon as its row is committed, with its pixels while few are in
flight; one thread of this process applies outcomes in arrival order under the write lock
and keeps the package's quality flag current. A worker that dies is retried a few times,
then the page stays pending for the next start. Kept apart from saving pages (`pipeline`),
which must never wait for any of this.

The applying thread survives anything: an outcome it cannot apply (the database busy
beyond every retry, a full disk, a bug) leaves its page pending on disk, is parked, and the
pipeline becomes «stalled» with the reason (`stall`, a `stalled` event); `retry()` reads the
parked pages again. Every wait here has a timeout, and `stop()` returns within it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Future
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from scanstation.db.models import Page, PageStatus
from scanstation.db.store import Database
from scanstation.i18n import tr
from scanstation.ingest.crashpoints import crash_point
from scanstation.ingest.page_job import StoredPageDone, StoredPageWork, stored_page_job
from scanstation.ingest.pages import PageInfo, page_info
from scanstation.ingest.pipeline_events import PipelineEvent
from scanstation.ingest.pipeline_rows import apply_outcome
from scanstation.ingest.quality import recompute_quality
from scanstation.ingest.stall import Stall, stall_of
from scanstation.ingest.thumbnails import thumbnail_path
from scanstation.ingest.writelock import WRITE_LOCK
from scanstation.profile import EventProfile
from scanstation.recognition.jobs import PageRead, RecognitionJob, run_job
from scanstation.recognition.pool import RecognitionPool

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a page whose reading kills a worker this often stays pending
STOP_TIMEOUT_S = 10.0  # longest `stop()` waits for the applying thread
PIXELS_IN_FLIGHT = 6  # pages whose pixels ride along to the workers (~4 MB each)


class BackgroundRecognition:
    """Recognition of one package's recorded pages, and the thread applying the outcomes."""

    def __init__(self, database: Database, package_id: int, folder: Path,
                 profile: EventProfile, expected_kits: frozenset[str] | None,
                 pool: RecognitionPool, emit: Callable[[PipelineEvent], None]) -> None:
        self.database = database
        self.package_id = package_id
        self.folder = folder
        self.profile = profile
        self.expected_kits = expected_kits
        self.pool = pool
        self._emit = emit
        self._write_lock = WRITE_LOCK  # the same lock the saving half writes under
        self._in_flight = 0
        self._idle = threading.Condition()
        self._parked: list[RecognitionJob] = []  # outcomes not applied: pages stay pending
        self._handled = 0  # outcomes taken off the queue (applied, dropped or parked)
        self._stall: Stall | None = None
        self._results: queue.Queue[tuple[RecognitionJob, Future[list[PageRead]]] | None] = (
            queue.Queue())
        self._applier = threading.Thread(target=self._apply_loop, name="ingest-results",
                                         daemon=True)
        self._applier.start()

    def submit(self, page: PageInfo, image: Image.Image | None = None) -> None:
        """Queue a recorded page for recognition (with its pixels while few are queued)."""
        with self._idle:
            self._in_flight += 1
            carry = image is not None and self._in_flight <= PIXELS_IN_FLIGHT
        pixels = None
        if carry and image is not None:
            pixels = (image.mode, image.size, image.tobytes())
        work = StoredPageWork(page.id, page.sha256, thumbnail_path(self.folder, page.file_name))
        self._submit_job(stored_page_job(page.path, work, self.profile, self.expected_kits,
                                         pixels))

    def _submit_job(self, job: RecognitionJob) -> None:
        try:
            future = self.pool.submit(run_job, job, self.pool.reader)
        except BaseException:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()
            raise

        def done(finished: Future[list[PageRead]], job: RecognitionJob = job) -> None:
            self._results.put((job, finished))

        future.add_done_callback(done)

    def recognize_pending(self) -> int:
        """Queue every pending page of the package again (after a restart)."""
        with self.database.read() as session:
            pages = session.scalars(select(Page).where(
                Page.package_id == self.package_id, Page.status == PageStatus.PENDING,
                Page.trashed_at.is_(None), Page.file_missing.is_(False))).all()
            infos = [page_info(self.folder, p) for p in pages]
        for info in infos:
            self.submit(info)
        return len(infos)

    def _apply_loop(self) -> None:
        while True:
            item = self._results.get()
            if item is None:
                return
            job, future = item
            try:
                self._apply(job, future)
            except BaseException as exc:  # noqa: BLE001 - this thread must not die
                self._park(job, exc)
            finally:
                with self._idle:
                    self._in_flight -= 1
                    self._handled += 1
                    self._idle.notify_all()

    def _park(self, job: RecognitionJob, exc: BaseException) -> None:
        """An outcome that could not be applied: the page file and its pending row are
        untouched, so it is kept to read again; the pipeline shows why it stalled."""
        name = Path(job.path).name
        stall = stall_of(exc, name)
        log.error("applying the outcome of %s failed; pipeline stalled: %s", name,
                  stall.message, exc_info=(type(exc), exc, exc.__traceback__))
        with self._idle:
            self._parked.append(replace(job, pixels=None))
            self._stall = stall
        self._emit(PipelineEvent("stalled", self.package_id, None, message=stall.message))

    @property
    def stall(self) -> Stall | None:
        """Why outcomes are parked, until `retry()` applies them all."""
        with self._idle:
            return self._stall

    def retry(self) -> int:
        """«Повторить»: read every parked page again; returns how many were queued."""
        with self._idle:
            parked, self._parked = self._parked, []
            self._stall = None
        for i, job in enumerate(parked):
            with self._idle:
                self._in_flight += 1
            try:
                self._submit_job(job)
            except BaseException as exc:  # noqa: BLE001 - the pool is gone: park again
                for rest in parked[i:]:
                    self._park(rest, exc)
                break
        return len(parked)

    def _apply(self, job: RecognitionJob, future: Future[list[PageRead]]) -> None:
        work = _work(job)
        name = Path(job.path).name
        try:
            [read] = future.result()
        except BrokenExecutor as exc:  # a worker died (crashed decoder, killed by the OS)
            if work.attempt < MAX_ATTEMPTS:
                log.warning("recognition worker died on %s; trying again", name)
                with self._idle:
                    self._in_flight += 1
                self._submit_job(replace(job, pixels=None,
                                         after=replace(work, attempt=work.attempt + 1)))
                return
            log.warning("recognition of %s failed %d times: %r", name, work.attempt, exc)
            self._emit(PipelineEvent("failed", self.package_id, None, message=str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - any worker failure leaves the page pending
            log.warning("recognition of %s failed: %r", name, exc)
            self._emit(PipelineEvent("failed", self.package_id, None, message=str(exc)))
            return
        if read.result is None or not isinstance(read.after, StoredPageDone):
            # The file was gone or would not decode: the page stays pending.
            log.warning("recognition of %s failed: %s", name, read.error)
            self._emit(PipelineEvent("failed", self.package_id, None,
                                     message=read.error or ""))
            return
        with self._write_lock, self.database.session() as session:
            crash_point("result_received")
            page = session.get(Page, work.page_id)
            if page is None:
                return
            if not apply_outcome(session, page, Path(job.path), work, read.result, read.after):
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

    @property
    def in_flight(self) -> int:
        """Pages queued for recognition and not applied yet (the window's «reading …»)."""
        with self._idle:
            return self._in_flight

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued page is applied or parked (see `stall`); False when
        `timeout` ran out first, or when the applying thread is gone."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._in_flight:
                if not self._applier.is_alive():
                    return False
                left = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
                if left <= 0:
                    return False
                self._idle.wait(left)
            return True

    def finish(self, patience: float) -> Stall | None:
        """Wait (off the GUI thread: the `ingest` command) until every queued page is
        applied or parked; no outcome for `patience` seconds stalls the pipeline instead of
        waiting for ever. Returns the stall, None when all went through."""
        handled, since = -1, time.monotonic()
        while not self.wait_idle(1.0):
            with self._idle:
                now = self._handled
            if now != handled:
                handled, since = now, time.monotonic()
            elif time.monotonic() - since > patience or not self._applier.is_alive():
                stall = Stall(tr(
                    "Recognition made no progress for {patience:.0f} s; the pages not read yet "
                    "are saved and will be read when the package is next opened.",
                    patience=patience,
                ), True)
                with self._idle:
                    self._stall = stall
                return stall
        return self.stall

    def stop(self, wait: bool = True, timeout: float = STOP_TIMEOUT_S) -> bool:
        """End the applying thread, within `timeout` at most; with `wait`, first let it
        apply what is queued (within the same time). Pages whose outcome was not applied
        stay pending on disk and are read again at the next open. False on a timeout."""
        deadline = time.monotonic() + timeout
        idle = self.wait_idle(timeout) if wait else True
        self._results.put(None)
        self._applier.join(timeout=max(0.1, deadline - time.monotonic()))
        if self._applier.is_alive():
            log.warning("recognition results thread still busy after %.0f s; left behind",
                        timeout)
            return False
        return idle


def _work(job: RecognitionJob) -> StoredPageWork:
    """The ingest facts a stored page's job carries (every job this class submits has them)."""
    if not isinstance(job.after, StoredPageWork):
        raise TypeError(f"not a stored page's job: {job.path}")
    return job.after
