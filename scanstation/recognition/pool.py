"""The one pool of recognition workers: ingest, `check`, completeness, pack and `recognize`.

Reading a barcode, turning the page upright, its fingerprint and its preview cost tens of
milliseconds of CPU each; in the scanning process they would hold the GIL against the
driver, and a folder from elsewhere reads fastest on every core. Workers are started with
`spawn` (the only start method on Windows and in a frozen build) and read pages from their
files, so no image has to cross the process boundary.

Workers die with their parent however it ends, SIGKILL and crashes included
(`parentwatch`). `shutdown()` is bounded: workers still running after its timeout are
terminated. `read()` never hangs on a page: a page whose reading raises, kills its worker
or runs past `page_timeout` comes back as an error read, and the other pages go on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from typing import Any, TypeVar

from scanstation.i18n import tr
from scanstation.parentwatch import watch_parent
from scanstation.recognition.jobs import PageRead, Reader, RecognitionJob, run_job

log = logging.getLogger(__name__)
T = TypeVar("T")
PAGE_TIMEOUT_S = 300.0  # a page still unread this long after it was handed over: given up


def _warm_up() -> int:
    """Run once per worker so the first real page does not pay for imports."""
    return os.getpid()


def _crash_read(job: RecognitionJob, reason: str) -> list[PageRead]:
    return [PageRead(job.path, job.page_index or 0, None, reason)]


class RecognitionPool:
    """A pool of recognition workers (by default as many as cores, at most `max_workers`).

    `workers=0` runs recognition on one thread of this process instead: for tests of the
    surrounding logic and for machines where starting processes is forbidden. `reader`
    reads one page image; every job of this pool uses it."""

    def __init__(self, workers: int | None = None, reader: Reader | None = None,
                 page_timeout: float = PAGE_TIMEOUT_S) -> None:
        if reader is None:
            from scanstation.recognition.reader import read_blank_number

            reader = read_blank_number
        if workers is None:
            workers = max(1, min(2, os.cpu_count() or 1))
        self.workers = workers
        self.reader = reader
        self.page_timeout = page_timeout
        self.jobs_submitted = 0  # pages handed to workers: what a cache saves shows here
        self._lock = threading.Lock()
        self._executor: Executor = self._make_executor()

    @classmethod
    def for_folder(cls, jobs: int) -> RecognitionPool:
        """A pool for a one-off folder: one worker per core, none more than there are jobs;
        a single job is read on a thread of this process (starting a worker costs ~1 s)."""
        return cls(workers=0 if jobs <= 1 else min(jobs, os.cpu_count() or 1))

    def _make_executor(self) -> Executor:
        if self.workers == 0:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="recognizer")
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=watch_parent)

    def warm_up(self) -> list[int]:
        """Start every worker now (spawn start-up is ~1 s) and return their process ids."""
        futures = [self.submit(_warm_up) for _ in range(max(1, self.workers))]
        return sorted({f.result() for f in futures})

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run `fn(*args)` in a worker; a pool broken by a dead worker is started afresh."""
        with self._lock:  # the page writer and the result thread both submit
            try:
                return self._executor.submit(fn, *args)
            except (BrokenExecutor, OSError) as exc:
                # OSError: on Windows a worker's death can close the pool's pipes before the
                # pool is marked broken, and starting its replacement fails with «handle is
                # closed» — the same broken pool, found a moment earlier.
                log.warning("recognition pool broken (%s); restarting it", exc)
                self._restart()
                return self._executor.submit(fn, *args)

    def _restart(self) -> None:
        """Replace a broken (or stuck) executor; its workers are ended, not waited for."""
        old = self._executor
        self._executor = self._make_executor()
        processes = list((getattr(old, "_processes", None) or {}).values())
        old.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()

    def read(self, jobs: Iterable[RecognitionJob]) -> Iterator[tuple[RecognitionJob,
                                                                      list[PageRead]]]:
        """Each job with its reads, in the order of `jobs`, on every worker.

        One job per worker is handed over at a time: memory and cancel stay bounded, and a
        job's time limit counts from about when a worker takes it. A worker
        that dies takes its in-flight jobs with it: each is tried once more alone, and a job
        that kills a worker alone too is an error read. A job past `page_timeout` has its
        workers ended and is an error read."""
        pending = deque(enumerate(jobs))
        suspects: deque[tuple[int, RecognitionJob]] = deque()
        in_flight: dict[Future[list[PageRead]], tuple[int, RecognitionJob, int, float]] = {}
        finished: dict[int, tuple[RecognitionJob, list[PageRead]]] = {}
        next_out = 0
        bound = max(1, self.workers)
        try:
            while pending or suspects or in_flight:
                # A suspect runs alone: if the pool breaks again, it is the one to blame.
                if suspects and not in_flight:
                    index, job = suspects.popleft()
                    self._send(in_flight, index, job, attempt=2)
                while not suspects and pending and len(in_flight) < bound:
                    index, job = pending.popleft()
                    self._send(in_flight, index, job, attempt=1)
                now = time.monotonic()
                nearest = min(deadline for *_, deadline in in_flight.values())
                done, _ = wait(in_flight, timeout=max(0.0, nearest - now),
                               return_when=FIRST_COMPLETED)
                if not done:
                    self._give_up_late(in_flight, suspects, finished)
                broke = False
                for future in done:
                    index, job, attempt, _deadline = in_flight.pop(future)
                    try:
                        finished[index] = (job, future.result())
                    except BrokenExecutor:
                        broke = True
                        if attempt == 1:
                            suspects.append((index, job))
                        else:
                            log.error("recognition worker died on %s", job.path)
                            finished[index] = (job, _crash_read(job, tr(
                                "the recognition worker crashed on this page",
                            )))
                    except Exception as exc:
                        log.exception("reading %s failed", job.path)
                        finished[index] = (job, _crash_read(job, tr(
                            "recognition failed: {exc}",
                            exc=exc,
                        )))
                if broke:
                    self._requeue_broken(in_flight, suspects)
                while next_out in finished:
                    yield finished.pop(next_out)
                    next_out += 1
        finally:
            for future in in_flight:
                future.cancel()

    def _send(self, in_flight: dict[Future[list[PageRead]], tuple[int, RecognitionJob, int,
                                                                     float]],
              index: int, job: RecognitionJob, attempt: int) -> None:
        future = self.submit(run_job, job, self.reader)
        self.jobs_submitted += 1
        in_flight[future] = (index, job, attempt, time.monotonic() + self.page_timeout)

    def _requeue_broken(self, in_flight: dict[Future[list[PageRead]],
                                              tuple[int, RecognitionJob, int, float]],
                        suspects: deque[tuple[int, RecognitionJob]]) -> None:
        """The pool broke: every job still in it is lost with it; restart and requeue."""
        with self._lock:
            self._restart()
        for future, (index, job, _attempt, _deadline) in list(in_flight.items()):
            del in_flight[future]
            suspects.appendleft((index, job))

    def _give_up_late(self, in_flight: dict[Future[list[PageRead]],
                                            tuple[int, RecognitionJob, int, float]],
                      suspects: deque[tuple[int, RecognitionJob]],
                      finished: dict[int, tuple[RecognitionJob, list[PageRead]]]) -> None:
        """Jobs past their deadline are error reads; their workers cannot be interrupted,
        so the pool is restarted and the other in-flight jobs are queued again."""
        now = time.monotonic()
        late = [f for f, (*_, deadline) in in_flight.items() if deadline <= now]
        if not late:
            return  # woke a moment early: nobody is late yet
        for future in late:
            index, job, _attempt, _deadline = in_flight.pop(future)
            log.error("reading %s took over %.0f s; given up", job.path, self.page_timeout)
            finished[index] = (job, _crash_read(job, tr(
                "recognition did not finish within {page_timeout:.0f} s",
                page_timeout=self.page_timeout,
            )))
        with self._lock:
            self._restart()
        for future, (index, job, _attempt, _deadline) in list(in_flight.items()):
            del in_flight[future]
            future.cancel()
            suspects.appendleft((index, job))

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

    def __enter__(self) -> RecognitionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
