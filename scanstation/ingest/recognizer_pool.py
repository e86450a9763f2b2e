"""Recognition in worker processes, beside scanning, so the scanner is never held up.

Reading a barcode, turning the page upright, its fingerprint and its preview cost tens of
milliseconds of CPU each; in the scanning process they would hold the GIL against the
driver. Workers are started with `spawn` (the only start method on Windows and in a frozen
build) and read the page from its file, so no image crosses the process boundary.

Workers die with their parent however it ends, SIGKILL and crashes included
(`parentwatch`). `shutdown()` is bounded: workers still running after its timeout are
terminated.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Collection
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from scanstation.duplicates import perceptual_hash
from scanstation.ingest.crashpoints import crash_point
from scanstation.ingest.storage import SaveOptions, StoredFile, origin_of, stage_page
from scanstation.ingest.thumbnails import write_thumbnail
from scanstation.parentwatch import watch_parent
from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, read_blank_number

log = logging.getLogger(__name__)

Reader = Callable[[Image.Image, EventProfile, Collection[str] | None], ReadResult]
_TRANSPOSE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
              270: Image.Transpose.ROTATE_90}


@dataclass(frozen=True)
class RecognitionJob:
    page_id: int
    path: Path  # the page file, absolute
    sha256: str  # its content when queued: an outcome for other content is dropped
    thumbnail: Path  # where its preview goes
    profile: EventProfile
    expected_kits: frozenset[str] | None = None
    save_upright: bool = True  # re-save a page read sideways or upside down upright
    # The page's pixels as scanned (mode, size, raw bytes), when the caller still has
    # them: saves the worker decoding the LZW file again (~40 ms a page). Absent after a
    # restart or when many pages are in flight (memory stays bounded).
    pixels: tuple[str, tuple[int, int], bytes] | None = None
    attempt: int = 1


@dataclass(frozen=True)
class RecognitionOutcome:
    page_id: int
    path: Path
    result: ReadResult
    phash: str | None
    rotated_file: StoredFile | None  # the upright version, staged in `.incoming/`


def upright(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned `clockwise` degrees; pixels only move, nothing is resampled."""
    turn = _TRANSPOSE.get(clockwise % 360)
    return image.transpose(turn) if turn is not None else image


def recognize_page(job: RecognitionJob, reader: Reader = read_blank_number) -> RecognitionOutcome:
    """Read one stored page; turn the file upright if needed; fingerprint and preview it."""
    with Image.open(job.path) as opened:  # only the header is read when pixels came along
        origin = origin_of(opened)
        options = SaveOptions("jpeg" if opened.format == "JPEG" else "tiff",
                              round(float(opened.info.get("dpi", (200, 200))[0])) or 200)
        if job.pixels is None:
            opened.load()
            image = opened.copy()
    if job.pixels is not None:
        mode, size, raw = job.pixels
        image = Image.frombytes(mode, size, raw)
    result = reader(image, job.profile, job.expected_kits)
    rotated: StoredFile | None = None
    if result.rotation % 360 and job.save_upright:
        image = upright(image, result.rotation)
        if options.image_format == "jpeg":
            options = SaveOptions("jpeg", options.dpi, jpeg_quality=95)
        # Staged, not put in place: the pipeline does that after checking that the page was
        # not rotated, trashed or replaced by the operator meanwhile.
        rotated = stage_page(image, job.path, options, origin)
        crash_point("worker_rotated")
    write_thumbnail(image, job.thumbnail)
    return RecognitionOutcome(job.page_id, job.path, result, perceptual_hash(image), rotated)


def _warm_up() -> int:
    """Run once per worker so the first real page does not pay for imports."""
    return os.getpid()


class RecognizerPool:
    """A small pool of recognition workers (1–2 on a 2-core station).

    `workers=0` runs recognition on one thread of this process instead: for tests of the
    surrounding logic and for machines where starting processes is forbidden."""

    def __init__(self, workers: int | None = None, reader: Reader = read_blank_number) -> None:
        if workers is None:
            workers = max(1, min(2, os.cpu_count() or 1))
        self.workers = workers
        self.reader = reader
        self._lock = threading.Lock()
        self._executor: Executor = self._make_executor()

    def _make_executor(self) -> Executor:
        if self.workers == 0:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="recognizer")
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=watch_parent)

    def warm_up(self) -> list[int]:
        """Start every worker now (spawn start-up is ~1 s) and return their process ids."""
        futures = [self._executor.submit(_warm_up) for _ in range(max(1, self.workers))]
        return sorted({f.result() for f in futures})

    def submit(self, job: RecognitionJob) -> Future[RecognitionOutcome]:
        with self._lock:  # the page writer and the result thread both submit
            try:
                return self._executor.submit(recognize_page, job, self.reader)
            except BrokenExecutor:  # a worker died: start a fresh pool
                log.warning("recognition pool broken; restarting it")
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._make_executor()
                return self._executor.submit(recognize_page, job, self.reader)

    def worker_pids(self) -> list[int]:
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(int(pid) for pid in processes)

    def shutdown(self, wait: bool = True, timeout: float = 10.0) -> None:
        """Stop the workers explicitly (an `os._exit` on Windows would leave them running).
        With `wait`, running pages may finish within `timeout`; whatever still runs after
        it (or at once without `wait`) is terminated. Never blocks longer than that."""
        with self._lock:
            executor = self._executor
        processes = list((getattr(executor, "_processes", None) or {}).values())
        deadline = time.monotonic() + (timeout if wait else 0.0)
        if wait:
            closer = threading.Thread(target=executor.shutdown, kwargs={"wait": True},
                                      name="recognizer-shutdown", daemon=True)
            closer.start()
            closer.join(timeout)
        else:
            executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                log.warning("recognition worker %s still running; terminating it", process.pid)
                process.terminate()
                process.join(2.0)
                if process.is_alive():
                    process.kill()
                    process.join(2.0)

    def __enter__(self) -> RecognizerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
