"""One small helper runs any long job (check, pack, verify, export, completeness) off the GUI
thread, with progress, cancel, and success or failure delivered back on the GUI thread.

A job is a plain function `fn(progress, cancel) -> result` from the core's world: it calls
`progress(done, total, label)` now and then and looks at `cancel` (a `threading.Event`).
Signals carry the job id, so a late answer from a replaced job is easy to ignore.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from scanstation.errors import KnownError

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
JobFunction = Callable[[Progress, threading.Event], Any]
_ids = itertools.count(1)


class JobSignals(QObject):
    progress = Signal(int, int, int, str)  # job id, done, total, label
    succeeded = Signal(int, object)  # job id, result
    failed = Signal(int, str)  # job id, message for the operator
    cancelled = Signal(int)
    finished = Signal(int)  # after any of the three above


@dataclass
class JobHandle:
    job_id: int
    name: str
    signals: JobSignals
    cancel_event: threading.Event = field(default_factory=threading.Event)
    done: bool = False

    def cancel(self) -> None:
        self.cancel_event.set()


class _Runnable(QRunnable):
    def __init__(self, handle: JobHandle, fn: JobFunction) -> None:
        super().__init__()
        self.handle = handle
        self.fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        handle, signals = self.handle, self.handle.signals

        def progress(done: int, total: int, label: str) -> None:
            signals.progress.emit(handle.job_id, int(done), int(total), label)

        try:
            result = self.fn(progress, handle.cancel_event)
        except KnownError as exc:
            if handle.cancel_event.is_set():
                signals.cancelled.emit(handle.job_id)
            else:
                log.info("job %s failed: %s", handle.name, exc.message)
                signals.failed.emit(handle.job_id, exc.message)
        except Exception as exc:
            log.exception("job %s crashed", handle.name)
            signals.failed.emit(handle.job_id, f"{type(exc).__name__}: {exc}")
        else:
            if handle.cancel_event.is_set():
                signals.cancelled.emit(handle.job_id)
            else:
                signals.succeeded.emit(handle.job_id, result)
        finally:
            handle.done = True
            signals.finished.emit(handle.job_id)


class JobRunner(QObject):
    """Starts jobs on a thread pool; keeps their handles so the window can cancel all."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.active: dict[int, JobHandle] = {}

    def start(
        self,
        name: str,
        fn: JobFunction,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> JobHandle:
        signals = JobSignals(self)
        handle = JobHandle(next(_ids), name, signals)
        # Plain callables have no thread of their own: queue them onto the GUI thread
        # explicitly, or they would run on the worker.
        queued = Qt.ConnectionType.QueuedConnection
        if on_success is not None:
            signals.succeeded.connect(lambda _id, result: on_success(result), queued)
        if on_failure is not None:
            signals.failed.connect(lambda _id, message: on_failure(message), queued)
        if on_progress is not None:
            signals.progress.connect(lambda _id, d, t, label: on_progress(d, t, label), queued)
        if on_cancel is not None:
            signals.cancelled.connect(lambda _id: on_cancel(), queued)
        signals.finished.connect(self._forget, queued)
        self.active[handle.job_id] = handle
        self.pool.start(_Runnable(handle, fn))
        return handle

    def _forget(self, job_id: int) -> None:
        handle = self.active.pop(job_id, None)
        if handle is not None:
            handle.signals.deleteLater()

    def cancel_all(self) -> None:
        for handle in list(self.active.values()):
            handle.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
