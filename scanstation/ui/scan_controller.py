"""Scanning behind the scan bar: the package's ingest pipeline and page feeder, the
scanner's worker thread, and what the operator sees when a batch stops.

Pages go scanner thread → `PageFeeder.feed` (never waits for the disk) → writer thread →
`IngestPipeline.add_page` → recognition processes; the pipeline's events come back here
as a Qt signal and the grid reloads. A device fault or a full disk shows the banner with
«Продолжить»: pages held in memory are written first, then the same batch goes on. A
stalled pipeline (a recognised page that could not be recorded, a bug in a background
thread) shows its reason with «Повторить», which reads the parked pages again.

The package cannot change under a running scan: the package tree and «Новый пакет» are
disabled while scanning. A package is closed on a thread of its own (its queued pages
written, recognition given a bounded time; pages not read by then stay pending on disk and
are read at the next open), so the GUI thread never waits for it; only quitting does, and
only for a bounded time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from scanstation.db import Database
from scanstation.errors import DiskFullError
from scanstation.ingest.feeder import PageFeeder
from scanstation.ingest.pipeline import IngestPipeline, PipelineEvent
from scanstation.ingest.recovering import is_recovering
from scanstation.ingest.storage import SaveOptions
from scanstation.package_lock import PackageLocked
from scanstation.recognition.pool import RecognitionPool
from scanstation.scanner.base import ColorMode, DeviceInfo, ScanDriver, ScanOptions, ScanSource
from scanstation.scanner.demo import DemoDevice
from scanstation.station.actions import PackageRecovering
from scanstation.ui.jobs import JobRunner
from scanstation.ui.ports import CurrentPackage, CurrentSettings, StatusSink
from scanstation.ui.scan_bar import Banner, ScanBar
from scanstation.ui.scan_worker import ScannerThread

FEEDER_CLOSE_S = 10.0  # pages already scanned are written within this (~0.3 s each)
PIPELINE_CLOSE_S = 5.0  # then recognition is left to the next open


class ScanController(QObject):
    pipeline_event = Signal(object)  # PipelineEvent, emitted from the pipeline's threads
    # Re-emitted on the GUI thread once the window has shown them:
    batch_stopped = Signal(str, str, int)  # error code, message, pages safe
    batch_done = Signal(int, bool)  # pages delivered, cancelled
    batch_error = Signal(str)  # message
    devices_changed = Signal(object)  # list[DeviceInfo], after the window has shown them
    scanning_changed = Signal(bool)  # the package may not change while True
    pages_changed = Signal()  # the open package's pages changed: reload them (soon)

    def __init__(self, database: Database, drivers: Sequence[ScanDriver] | None,
                 recognizer: RecognitionPool | None, *, bar: ScanBar, banner: Banner,
                 jobs: JobRunner, status: StatusSink, settings: CurrentSettings,
                 package_id: CurrentPackage, new_package: Callable[[], int | None],
                 parent: QObject | None = None) -> None:
        """`banner` is the fault banner (its button continues or retries);
        `new_package` asks for a package when scanning starts without one."""
        super().__init__(parent)
        self.database = database
        self.drivers = drivers
        self.bar = bar
        self.banner = banner
        self.jobs = jobs
        self.status = status
        self.settings = settings
        self.package_id = package_id
        self.new_package = new_package
        self._recognizer = recognizer
        self.pipeline: IngestPipeline | None = None
        self.feeder: PageFeeder | None = None
        self._closing: list[threading.Thread] = []  # packages being closed off this thread
        self.scanner: ScannerThread | None = None
        self.scanning = False
        # The scanner stopped before the end of its batch (a fault or a full disk): only
        # then does «Продолжить» run the scanner again. A disk that fills up after the
        # feeder ran empty leaves pages to write, but no batch to continue.
        self.batch_open = False
        self.devices: list[DeviceInfo] = [DemoDevice().info]  # until the drivers answer
        bar.start_requested.connect(self.start)
        bar.stop_requested.connect(self.stop)
        bar.refresh_requested.connect(self.refresh_devices)
        banner.action.connect(self.resume)
        self.pipeline_event.connect(self._on_pipeline_event)

    # --- pipeline ------------------------------------------------------------------------
    def recognizer(self) -> RecognitionPool:
        if self._recognizer is None:
            self._recognizer = RecognitionPool()
        return self._recognizer

    def save_options(self) -> SaveOptions:
        settings = self.settings()
        return SaveOptions(image_format=settings.image_format, dpi=settings.dpi)

    def ensure_pipeline(self) -> IngestPipeline | None:
        package_id = self.package_id()
        if package_id is None:
            return None
        if self.pipeline is None or self.pipeline.package_id != package_id:
            self.close_pipeline()
            self.pipeline = IngestPipeline(self.database, package_id,
                                           pool=self.recognizer(), options=self.save_options(),
                                           on_event=self.pipeline_event.emit)
            self.pipeline.recognize_pending()
            self.feeder = PageFeeder(self.pipeline)
        return self.pipeline

    def close_pipeline(self) -> None:
        """Hand the package's feeder and pipeline to a closing thread: pages still queued
        are written there and recognition gets a bounded time to finish, while the GUI
        thread goes on (what is not read by then stays pending for the next open)."""
        feeder, pipeline = self.feeder, self.pipeline
        self.feeder = self.pipeline = None
        if feeder is None and pipeline is None:
            return

        def close() -> None:
            if feeder is not None:
                feeder.close(timeout=FEEDER_CLOSE_S)
            if pipeline is not None:
                pipeline.close(wait=True, timeout=PIPELINE_CLOSE_S)

        closing = threading.Thread(target=close, name="pipeline-close", daemon=True)
        closing.start()
        self._closing = [t for t in self._closing if t.is_alive()] + [closing]

    def wait_closed(self, timeout: float) -> bool:
        """Wait (bounded) for packages closed earlier; only when quitting."""
        deadline = time.monotonic() + timeout
        for closing in self._closing:
            closing.join(max(0.0, deadline - time.monotonic()))
        self._closing = [t for t in self._closing if t.is_alive()]
        return not self._closing

    def change_blocker(self) -> str | None:
        """Why the open package may not change now (None: it may)."""
        if self.scanning:
            return self.tr("Scanning is in progress: stop it or wait for the batch to end, "
                           "then choose another package.")
        if self.feeder is not None and self.feeder.held:
            return self.tr("Pages of this package wait in memory to be written: free some "
                           "space and press Continue, then choose another package.")
        return None

    def package_changed(self) -> None:
        self.close_pipeline()

    def apply_settings(self) -> None:
        if self.pipeline is not None:
            self.pipeline.options = self.save_options()

    # --- scanner -------------------------------------------------------------------------
    def scanner_thread(self) -> ScannerThread:
        if self.scanner is None:
            self.scanner = ScannerThread(self.drivers, self)
            worker = self.scanner.worker
            worker.page_scanned.connect(self._page_scanned)
            worker.batch_fault.connect(self._batch_fault)
            worker.batch_failed.connect(self._batch_failed)
            worker.batch_finished.connect(self._batch_finished)
            worker.devices_listed.connect(self._devices_listed)
        return self.scanner

    def refresh_devices(self) -> None:
        self.scanner_thread().refresh_devices()

    def _devices_listed(self, devices: list[DeviceInfo]) -> None:
        self.devices = devices
        self.bar.set_devices(devices, self.bar.device_id() or self.settings().device_id)
        self.devices_changed.emit(devices)

    def scan_options(self) -> ScanOptions:
        settings = self.settings()
        source = ScanSource.DUPLEX if settings.duplex else ScanSource.FEEDER
        return ScanOptions(dpi=settings.dpi, mode=ColorMode(settings.color_mode), source=source)

    def _set_scanning(self, scanning: bool, text: str | None = None) -> None:
        self.scanning = scanning
        self.bar.set_scanning(scanning)
        self.scanning_changed.emit(scanning)  # no package switch under a scan
        if text is not None:
            self.bar.progress.setText(text)

    def writable(self) -> bool:
        """False (and the operator told why) while recovery works on the package or another
        program holds its lock."""
        package_id = self.package_id()
        if package_id is not None and is_recovering(package_id):
            self.status.show_error(PackageRecovering().message)
            return False
        try:
            self.ensure_pipeline()
        except PackageLocked as exc:
            self.status.show_error(exc.message)
            return False
        return True

    def start(self) -> None:
        if self.package_id() is None and self.new_package() is None:
            return
        if not self.writable():
            return
        pipeline = self.ensure_pipeline()
        device = self.bar.device_id()
        if pipeline is None or device is None or self.feeder is None:
            self.status.show_error(self.tr("Choose a package and a scanner first."))
            return
        self.banner.hide()
        self.batch_open = False
        self._set_scanning(True, self.tr("Scanning…"))
        self.scanner_thread().start(device, self.scan_options(), self.feeder.feed)

    def rescan_page(self, sink: Callable[[Any], Any]) -> None:
        """One sheet from the scanner goes to `sink` (the «replace this page» action)."""
        device = self.bar.device_id()
        if device is None or self.scanning or not self.writable():
            return
        self.batch_open = False
        self._set_scanning(True, self.tr("Put the sheet into the scanner…"))
        self.scanner_thread().start(device, self.scan_options(), sink, max_pages=1)

    def stop(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()

    def resume(self) -> None:
        """«Продолжить»: write the pages held after a disk error, then go on scanning;
        «Повторить» after a stall: read the parked pages again."""
        feeder, banner = self.feeder, self.banner
        if self.pipeline is not None and self.pipeline.stall is not None and (
                feeder is None or feeder.error is None):
            banner.hide()
            self.pipeline.retry()
            self._resume_scanner()
            return
        if self.scanner is None:
            return
        if feeder is not None and feeder.error is not None:
            def write_held(_p: Callable[[int, int, str], None], _c: threading.Event) -> int:
                return feeder.resume()

            banner.hide()
            self.jobs.start("resume_writing", write_held,
                            on_success=lambda _n: self._held_written(),
                            on_failure=lambda message: banner.show_message(
                                message, self.tr("Continue")))
            return
        self._resume_scanner()

    def _held_written(self) -> None:
        self.pages_changed.emit()
        self._resume_scanner()

    def _resume_scanner(self) -> None:
        self.banner.hide()
        if self.scanner is not None and self.batch_open:
            self._set_scanning(True, self.tr("Scanning…"))
            self.scanner.resume()

    def shutdown(self) -> None:
        if self.scanner is not None:
            self.scanner.close()
            self.scanner = None
        self.close_pipeline()
        self.wait_closed(FEEDER_CLOSE_S + PIPELINE_CLOSE_S)
        if self._recognizer is not None:
            self._recognizer.shutdown(wait=True)
            self._recognizer = None

    # --- worker answers ------------------------------------------------------------------
    def _page_scanned(self, _batch: int, index: int, _result: object) -> None:
        self.bar.progress.setText(self.tr("Scanned: %1").replace("%1", str(index)))
        self.pages_changed.emit()

    def _batch_fault(self, _batch: int, code: str, message: str, safe: int) -> None:
        self.batch_open = True
        self._set_scanning(False, self.tr("Stopped: %1 pages safe").replace("%1", str(safe)))
        self.banner.show_message(message, self.tr("Continue"))
        self.pages_changed.emit()
        self.batch_stopped.emit(code, message, safe)

    def _batch_failed(self, _batch: int, message: str) -> None:
        self.batch_open = True
        self._set_scanning(False, "")
        if self.feeder is not None and self.feeder.error is not None:
            # Disk full and the like: pages are held in memory, the batch can go on.
            self.banner.show_message(message, self._held_action())
        else:
            self.status.show_error(message)
        self.pages_changed.emit()
        self.batch_error.emit(message)

    def _batch_finished(self, _batch: int, pages: int, cancelled: bool) -> None:
        self.batch_open = False
        text = self.tr("Stopped after %1 pages") if cancelled else self.tr("Done: %1 pages")
        self._set_scanning(False, text.replace("%1", str(pages)))
        self.pages_changed.emit()
        self.batch_done.emit(pages, cancelled)

    def _held_action(self) -> str:
        """The banner's button while pages are held: «Продолжить» after a full disk (free
        space, then go on), «Повторить» after any other stop (the same write, again)."""
        error = self.feeder.error if self.feeder is not None else None
        full = error is None or isinstance(error, DiskFullError)
        return self.tr("Continue") if full else self.tr("Retry")

    def _on_pipeline_event(self, event: PipelineEvent) -> None:
        if event.package_id == self.package_id():
            self.pages_changed.emit()
        held = self.feeder is not None and self.feeder.error is not None
        stalled = self.pipeline is not None and self.pipeline.stall is not None
        if event.kind == "stalled" and event.message and (held or stalled):
            # (a stall already retried when its queued event arrives is not shown)
            self.banner.show_message(
                event.message, self._held_action() if held else self.tr("Retry"))
        elif event.kind in ("failed", "skipped") and event.message:
            self.status.show_message(event.message, 10_000)
