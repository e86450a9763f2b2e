"""A hand-over point between the scanner's thread and the pipeline: the scanner never waits.

The scanner thread calls `feed(page)` and goes straight back to the device; a writer thread
saves and records the page (`IngestPipeline.add_page`, ~0.1–0.3 s for a noisy LZW page).
The queue is bounded so a stalled disk slows the scanner rather than filling memory.

When the disk is full (or any other operator-fixable write error) the writer stops and
keeps the failed page and every page after it in memory, in order, and reports the error
through `on_event` (kind `stalled`); `feed` raises the same error so the scanning loop can
stop the device. After the operator frees space, `resume()` writes the held pages — none is
lost, numbering continues. Any other failure (a bug, the database held by another
program) is handled the same way, so the writer thread never dies with pages queued.
`feed()` after `close()` raises (`FeederClosed`): a page is never queued where nobody
writes it. `flush()` and `close()` take timeouts.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections import deque

from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.ingest.pipeline import IngestPipeline, PipelineEvent
from scanstation.ingest.stall import PipelineStalled, stall_of
from scanstation.scanner.base import ScannedPage

log = logging.getLogger(__name__)
CLOSE_TIMEOUT_S = 30.0


class FeederClosed(KnownError):
    """A page arrived after the package's feeder was closed (the package changed)."""

    def __init__(self) -> None:
        super().__init__(tr(
            "The package is already closed: a sheet that arrived after that was not saved. Scan "
            "it again into the right package.",
        ))


class PageFeeder:
    def __init__(self, pipeline: IngestPipeline, capacity: int = 8) -> None:
        self.pipeline = pipeline
        self._queue: queue.Queue[ScannedPage | None] = queue.Queue(maxsize=capacity)
        self._held: deque[ScannedPage] = deque()  # pages not written because of an error
        self._error: KnownError | None = None
        self._lock = threading.Condition()
        self._busy = 0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
        self._thread.start()

    @property
    def error(self) -> KnownError | None:
        """The error that stopped the writer, until `resume()` succeeds."""
        return self._error

    @property
    def held(self) -> int:
        """Pages kept in memory, waiting for `resume()`."""
        with self._lock:
            return len(self._held)

    def feed(self, page: ScannedPage) -> None:
        """Hand a page over; raises the writer's error while it is stopped (the page is
        kept all the same and written by `resume()`)."""
        with self._lock:
            if self._closed:
                raise FeederClosed
            self._busy += 1
        self._queue.put(page)
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            page = self._queue.get()
            if page is None:
                return
            with self._lock:
                stopped = self._error is not None
                if stopped:
                    self._held.append(page)
                    self._busy -= 1
                    self._lock.notify_all()
                    continue
            self._write(page)

    def _write(self, page: ScannedPage) -> None:
        try:
            self.pipeline.add_page(page)
        except BaseException as exc:  # the writer thread must not die
            if not isinstance(exc, KnownError):
                log.error("writing a page failed on a bug; pages held in memory",
                          exc_info=(type(exc), exc, exc.__traceback__))
                exc = PipelineStalled(stall_of(exc, f"№ {page.index}"))
            log.warning("writing a page failed, pages held in memory: %s", exc.message)
            with self._lock:
                self._error = exc
                self._held.append(page)
            self.pipeline._emit(PipelineEvent(
                "stalled", self.pipeline.package_id, None, message=exc.message))
        finally:
            with self._lock:
                self._busy -= 1
                self._lock.notify_all()

    def resume(self) -> int:
        """Write the held pages (after space was freed); returns how many were written.
        Raises the error again, keeping the rest, if it persists."""
        written = 0
        while True:
            with self._lock:
                if not self._held:
                    self._error = None
                    return written
                page = self._held[0]
            self.pipeline.add_page(page)  # raises while the disk is still full
            with self._lock:
                self._held.popleft()
            written += 1

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every page fed so far is written (or held after an error)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._busy == 0, timeout)

    def close(self, timeout: float = CLOSE_TIMEOUT_S) -> bool:
        """No more pages; wait (at most `timeout`) for the queued ones to be written.
        False when the time ran out (the writer goes on alone) or pages are still held."""
        with self._lock:
            self._closed = True
        flushed = self.flush(timeout)
        # A writer stuck in a write never takes the marker: it is a daemon, left behind.
        with contextlib.suppress(queue.Full):
            self._queue.put(None, timeout=1.0)
        self._thread.join(timeout=1.0 if flushed else 0.0)
        if self.held:
            log.warning("feeder closed with %d pages held in memory", self.held)
        return flushed and not self.held
