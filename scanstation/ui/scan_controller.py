"""Scanning behind the scan bar: the package's ingest pipeline and page feeder, the
scanner's worker thread, and what the operator sees when a batch stops.

Pages go scanner thread → `PageFeeder.feed` (never waits for the disk) → writer thread →
`IngestPipeline.add_page` → recognition processes; the pipeline's events come back here
as a Qt signal and the grid reloads. A device fault or a full disk shows the banner with
«Продолжить»: pages held in memory are written first, then the same batch goes on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from scanstation.ingest.actions import PackageRecovering
from scanstation.ingest.feeder import PageFeeder
from scanstation.ingest.pipeline import IngestPipeline, PipelineEvent
from scanstation.ingest.recognizer_pool import RecognizerPool
from scanstation.ingest.recovery import is_recovering
from scanstation.ingest.storage import SaveOptions
from scanstation.package_lock import PackageLocked
from scanstation.scanner.base import ColorMode, DeviceInfo, ScanDriver, ScanOptions, ScanSource
from scanstation.scanner.demo import DemoDevice
from scanstation.ui.scan_worker import ScannerThread

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow


class ScanController(QObject):
    pipeline_event = Signal(object)  # PipelineEvent, emitted from the pipeline's threads
    # Re-emitted on the GUI thread once the window has shown them:
    batch_stopped = Signal(str, str, int)  # error code, message, pages safe
    batch_done = Signal(int, bool)  # pages delivered, cancelled
    batch_error = Signal(str)  # message
    devices_changed = Signal(object)  # list[DeviceInfo], after the window has shown them

    def __init__(self, window: MainWindow, drivers: Sequence[ScanDriver] | None,
                 recognizer: RecognizerPool | None) -> None:
        super().__init__(window)
        self.window = window
        self.drivers = drivers
        self._recognizer = recognizer
        self.pipeline: IngestPipeline | None = None
        self.feeder: PageFeeder | None = None
        self.scanner: ScannerThread | None = None
        self.scanning = False
        # The scanner stopped before the end of its batch (a fault or a full disk): only
        # then does «Продолжить» run the scanner again. A disk that fills up after the
        # feeder ran empty leaves pages to write, but no batch to continue.
        self.batch_open = False
        self.devices: list[DeviceInfo] = [DemoDevice().info]  # until the drivers answer
        bar = window.scan_bar
        bar.start_requested.connect(self.start)
        bar.stop_requested.connect(self.stop)
        bar.refresh_requested.connect(self.refresh_devices)
        window.fault_banner.action.connect(self.resume)
        self.pipeline_event.connect(self._on_pipeline_event)

    # --- pipeline ------------------------------------------------------------------------
    def recognizer(self) -> RecognizerPool:
        if self._recognizer is None:
            self._recognizer = RecognizerPool()
        return self._recognizer

    def save_options(self) -> SaveOptions:
        settings = self.window.settings
        return SaveOptions(image_format=settings.image_format, dpi=settings.dpi)

    def ensure_pipeline(self) -> IngestPipeline | None:
        package_id = self.window.package_id
        if package_id is None:
            return None
        if self.pipeline is None or self.pipeline.package_id != package_id:
            self.close_pipeline()
            self.pipeline = IngestPipeline(self.window.database, package_id,
                                           pool=self.recognizer(), options=self.save_options(),
                                           on_event=self.pipeline_event.emit)
            self.pipeline.recognize_pending()
            self.feeder = PageFeeder(self.pipeline)
        return self.pipeline

    def close_pipeline(self) -> None:
        if self.feeder is not None:
            self.feeder.close()
            self.feeder = None
        if self.pipeline is not None:
            self.pipeline.close(wait=True)
            self.pipeline = None

    def package_changed(self) -> None:
        if self.scanning:
            self.stop()
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
        bar = self.window.scan_bar
        bar.set_devices(devices, bar.device_id() or self.window.settings.device_id)
        self.devices_changed.emit(devices)

    def scan_options(self) -> ScanOptions:
        settings = self.window.settings
        source = ScanSource.DUPLEX if settings.duplex else ScanSource.FEEDER
        return ScanOptions(dpi=settings.dpi, mode=ColorMode(settings.color_mode), source=source)

    def _set_scanning(self, scanning: bool, text: str | None = None) -> None:
        self.scanning = scanning
        self.window.scan_bar.set_scanning(scanning)
        if text is not None:
            self.window.scan_bar.progress.setText(text)

    def writable(self) -> bool:
        """False (and the operator told why) while recovery works on the package or another
        program holds its lock."""
        package_id = self.window.package_id
        if package_id is not None and is_recovering(package_id):
            self.window.show_error(PackageRecovering().message)
            return False
        try:
            self.ensure_pipeline()
        except PackageLocked as exc:
            self.window.show_error(exc.message)
            return False
        return True

    def start(self) -> None:
        window = self.window
        if window.package_id is None and window.new_package() is None:
            return
        if not self.writable():
            return
        pipeline = self.ensure_pipeline()
        device = window.scan_bar.device_id()
        if pipeline is None or device is None or self.feeder is None:
            window.show_error(self.tr("Choose a package and a scanner first."))
            return
        window.fault_banner.hide()
        self.batch_open = False
        self._set_scanning(True, self.tr("Scanning…"))
        self.scanner_thread().start(device, self.scan_options(), self.feeder.feed)

    def rescan_page(self, sink: Callable[[Any], Any]) -> None:
        """One sheet from the scanner goes to `sink` (the «replace this page» action)."""
        device = self.window.scan_bar.device_id()
        if device is None or self.scanning or not self.writable():
            return
        self.batch_open = False
        self._set_scanning(True, self.tr("Put the sheet into the scanner…"))
        self.scanner_thread().start(device, self.scan_options(), sink, max_pages=1)

    def stop(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()

    def resume(self) -> None:
        """«Продолжить»: write the pages held after a disk error, then go on scanning."""
        if self.scanner is None:
            return
        feeder, window = self.feeder, self.window
        if feeder is not None and feeder.error is not None:
            def write_held(_p: Callable[[int, int, str], None], _c: threading.Event) -> int:
                return feeder.resume()

            window.fault_banner.hide()
            window.jobs.start("resume_writing", write_held,
                              on_success=lambda _n: self._held_written(),
                              on_failure=lambda message: window.fault_banner.show_message(
                                  message, self.tr("Continue")))
            return
        self._resume_scanner()

    def _held_written(self) -> None:
        self.window.schedule_reload()
        self._resume_scanner()

    def _resume_scanner(self) -> None:
        self.window.fault_banner.hide()
        if self.scanner is not None and self.batch_open:
            self._set_scanning(True, self.tr("Scanning…"))
            self.scanner.resume()

    def shutdown(self) -> None:
        if self.scanner is not None:
            self.scanner.close()
            self.scanner = None
        self.close_pipeline()
        if self._recognizer is not None:
            self._recognizer.shutdown(wait=True)
            self._recognizer = None

    # --- worker answers ------------------------------------------------------------------
    def _page_scanned(self, _batch: int, index: int, _result: object) -> None:
        self.window.scan_bar.progress.setText(self.tr("Scanned: %1").replace("%1", str(index)))
        self.window.schedule_reload()

    def _batch_fault(self, _batch: int, code: str, message: str, safe: int) -> None:
        self.batch_open = True
        self._set_scanning(False, self.tr("Stopped: %1 pages safe").replace("%1", str(safe)))
        self.window.fault_banner.show_message(message, self.tr("Continue"))
        self.window.schedule_reload()
        self.batch_stopped.emit(code, message, safe)

    def _batch_failed(self, _batch: int, message: str) -> None:
        self.batch_open = True
        self._set_scanning(False, "")
        if self.feeder is not None and self.feeder.error is not None:
            # Disk full and the like: pages are held in memory, the batch can go on.
            self.window.fault_banner.show_message(message, self.tr("Continue"))
        else:
            self.window.show_error(message)
        self.window.schedule_reload()
        self.batch_error.emit(message)

    def _batch_finished(self, _batch: int, pages: int, cancelled: bool) -> None:
        self.batch_open = False
        text = self.tr("Stopped after %1 pages") if cancelled else self.tr("Done: %1 pages")
        self._set_scanning(False, text.replace("%1", str(pages)))
        self.window.schedule_reload()
        self.batch_done.emit(pages, cancelled)

    def _on_pipeline_event(self, event: PipelineEvent) -> None:
        if event.package_id == self.window.package_id:
            self.window.schedule_reload()
        if event.kind == "stalled" and event.message:
            self.window.fault_banner.show_message(event.message, self.tr("Continue"))
        elif event.kind in ("failed", "skipped") and event.message:
            self.window.statusBar().showMessage(event.message, 10_000)
