"""One worker thread per scanner: every device call (open, scan, close) comes from the same
thread, in order, as drivers such as SANE and TWAIN require.

The GUI asks through queued signals and cancels through a `threading.Event`; the worker
answers with signals that carry the batch id. Each page goes to the batch's `sink` (the
ingest pipeline's `add_page`, or a «replace this page» action) on the worker thread, so a
page is durable before the window hears of it. A device fault stops the batch with the
typed error's message and the number of pages already safe; «Continue» resumes the same
batch, numbering on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from scanstation.errors import KnownError
from scanstation.scanner.base import (
    FeederEmpty,
    ScanDriver,
    ScannedPage,
    ScannerDevice,
    ScannerError,
    ScanOptions,
)
from scanstation.scanner.batch import ScanBatch
from scanstation.scanner.registry import list_devices as find_devices
from scanstation.scanner.registry import open_device

log = logging.getLogger(__name__)

PageSink = Callable[[ScannedPage], Any]


@dataclass
class BatchRequest:
    batch_id: int
    device_id: str
    options: ScanOptions
    sink: PageSink
    max_pages: int | None = None  # 1 for «rescan this page»
    cancel: threading.Event = field(default_factory=threading.Event)


class ScanWorker(QObject):
    """Lives on its own QThread; never touch it from the GUI thread except via signals."""

    batch_started = Signal(int)
    page_scanned = Signal(int, int, object)  # batch id, page index in batch, sink's result
    batch_fault = Signal(int, str, str, int)  # batch id, error code, message, pages safe
    batch_failed = Signal(int, str)  # batch id, message (disk full, device cannot open)
    batch_finished = Signal(int, int, bool)  # batch id, pages delivered, cancelled
    devices_listed = Signal(object)  # list[DeviceInfo]

    def __init__(self, drivers: Sequence[ScanDriver] | None = None) -> None:
        super().__init__()
        self.drivers = drivers
        self.device: ScannerDevice | None = None
        self.batch: ScanBatch | None = None
        self.request: BatchRequest | None = None

    @Slot(object)
    def start_batch(self, request: BatchRequest) -> None:
        self.request = request
        try:
            device = self._device(request.device_id)
        except ScannerError as exc:
            self.batch_failed.emit(request.batch_id, exc.message)
            return
        except Exception as exc:  # a driver's bug must not end this thread
            log.exception("opening %s crashed", request.device_id)
            self.batch_failed.emit(request.batch_id, self.tr(
                "The scanner did not open: driver error (%1: %2). Check the connection and "
                "press Start again.").replace("%1", type(exc).__name__).replace("%2", str(exc)))
            return
        self.batch = ScanBatch(device, request.options)
        self.batch_started.emit(request.batch_id)
        self._run()

    @Slot()
    def list_devices(self) -> None:
        """Listing talks to the drivers too (SANE takes seconds without a config): it runs
        here, in order with the scans, never on the GUI thread."""
        try:
            devices = find_devices(self.drivers)
        except Exception:  # a driver's bug must not end this thread
            log.exception("listing scanners crashed")
            return
        self.devices_listed.emit(devices)

    @Slot(int)
    def continue_batch(self, batch_id: int) -> None:
        if self.request is None or self.batch is None or self.request.batch_id != batch_id:
            return
        self.request.cancel.clear()
        self._run()

    @Slot()
    def shutdown(self) -> None:
        if self.device is not None:
            try:
                self.device.close()
            except ScannerError as exc:
                log.warning("closing the scanner: %s", exc.message)
            except Exception:  # closing must not end this thread
                log.exception("closing the scanner crashed")
            self.device = None

    def _device(self, device_id: str) -> ScannerDevice:
        if self.device is not None and self.device.info.id == device_id:
            return self.device
        self.shutdown()
        self.device = open_device(device_id, self.drivers)
        return self.device

    def _run(self) -> None:
        request, batch = self.request, self.batch
        assert request is not None and batch is not None
        delivered_here = 0
        try:
            for page in batch.run(request.cancel):
                result = request.sink(page)
                delivered_here += 1
                self.page_scanned.emit(request.batch_id, page.index, result)
                if request.max_pages is not None and delivered_here >= request.max_pages:
                    request.cancel.set()
                    break
        except FeederEmpty:
            pass  # the normal end of a batch
        except ScannerError as exc:
            log.info("batch %d stopped: %s", request.batch_id, exc.code)
            self.batch_fault.emit(request.batch_id, exc.code, exc.message,
                                  batch.pages_delivered)
            return
        except KnownError as exc:  # disk full and the like: the sink could not keep a page
            self.batch_failed.emit(request.batch_id, exc.message)
            return
        except Exception as exc:
            log.exception("batch %d crashed", request.batch_id)
            self.batch_failed.emit(request.batch_id, f"{type(exc).__name__}: {exc}")
            return
        cancelled = request.cancel.is_set() and request.max_pages is None
        self.batch_finished.emit(request.batch_id, batch.pages_delivered, cancelled)


class ScannerThread(QObject):
    """Owns one device's worker thread; the GUI-side handle the window talks to."""

    _start = Signal(object)
    _continue = Signal(int)
    _shutdown = Signal()
    _list = Signal()

    def __init__(self, drivers: Sequence[ScanDriver] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qthread = QThread()
        self.qthread.setObjectName("scanner")
        self.worker = ScanWorker(drivers)
        self.worker.moveToThread(self.qthread)
        self._start.connect(self.worker.start_batch)
        self._continue.connect(self.worker.continue_batch)
        self._shutdown.connect(self.worker.shutdown)
        self._list.connect(self.worker.list_devices)
        self.qthread.start()
        self.current: BatchRequest | None = None
        self._next_id = 1

    def start(self, device_id: str, options: ScanOptions, sink: PageSink,
              max_pages: int | None = None) -> BatchRequest:
        request = BatchRequest(self._next_id, device_id, options, sink, max_pages)
        self._next_id += 1
        self.current = request
        self._start.emit(request)
        return request

    def refresh_devices(self) -> None:
        self._list.emit()

    def resume(self) -> None:
        if self.current is not None:
            self._continue.emit(self.current.batch_id)

    def stop(self) -> None:
        if self.current is not None:
            self.current.cancel.set()

    def close(self) -> None:
        self.stop()
        self._shutdown.emit()
        self.qthread.quit()
        self.qthread.wait(15_000)
