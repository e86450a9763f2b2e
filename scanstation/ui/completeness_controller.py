"""Completeness tab behind the view: load the protocol into the event, run the check,
export the xlsx report — each as a background job."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from scanstation.completeness import CompletenessReport, export_report_xlsx
from scanstation.db.lookup import package_of_folder
from scanstation.db.models import Package
from scanstation.protocol.reader import read_protocol
from scanstation.protocol.store import ImportSummary, import_protocol
from scanstation.readiness import package_report
from scanstation.ui.completeness_view import report_job
from scanstation.ui.file_dialogs import remember, report_path, start_folder

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow

Progress = Callable[[int, int, str], None]


class CompletenessController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        view = window.completeness
        view.check_requested.connect(self.check)
        view.export_requested.connect(self.ask_export)
        view.protocol_requested.connect(self.ask_protocol)
        view.kit_activated.connect(self._kit_activated)
        self.report: CompletenessReport | None = None
        self._status_job_running = False
        self._status_stale = False

    def package_opened(self) -> None:
        self.report = None
        self.window.completeness.tree.clear()
        self.window.completeness.export_button.setEnabled(False)
        self.window.status_kits.setText("")
        self.refresh_status()

    def refresh_status(self) -> None:
        """Keep «kits complete» in the status bar current: a quick check of the package
        (numbers only, no image comparison) after the pages change, one at a time."""
        window = self.window
        if window.package_id is None:
            return
        if self._status_job_running:
            self._status_stale = True  # run again when this one is done
            return
        package_id = window.package_id
        database = window.database

        def job(_p: Progress, _c: threading.Event) -> tuple[int, CompletenessReport]:
            return package_id, package_report(database, package_id, classify_duplicates=False)

        def again() -> None:
            self._status_job_running = False
            if self._status_stale:
                self._status_stale = False
                self.refresh_status()

        def done(result: tuple[int, CompletenessReport]) -> None:
            again()
            checked, report = result
            if checked == window.package_id:
                self._kits_status(report)

        def failed(message: str) -> None:
            again()
            window.statusBar().showMessage(message, 5000)

        self._status_job_running = True
        window.jobs.start("kits_status", job, on_success=done, on_failure=failed)

    def check(self) -> None:
        window = self.window
        if window.package_id is None:
            return
        window.completeness.check_button.setEnabled(False)
        window.jobs.start(
            "completeness",
            report_job(window.database, window.package_id,
                       window.completeness.whole_event.isChecked()),
            on_success=self._shown,
            on_failure=self._failed,
        )

    def _shown(self, report: CompletenessReport) -> None:
        self.report = report
        window = self.window
        window.completeness.check_button.setEnabled(True)
        window.completeness.show_report(report)
        self._kits_status(report)

    def _kits_status(self, report: CompletenessReport) -> None:
        """Against the protocol's used kits; before a protocol is loaded, the kits found
        counted by the profile's page count (never «0 of 0» or every kit «extra»)."""
        expected = len(report.complete) + len(report.partial) + len(report.missing)
        if expected or report.protocol_loaded:
            self.window.set_kits_status(len(report.complete), expected,
                                        report.protocol_loaded)
        else:
            self.window.status_kits.setText("")

    def _failed(self, message: str) -> None:
        self.window.completeness.check_button.setEnabled(True)
        self.window.show_error(message)

    def _kit_activated(self, paths: list[Path]) -> None:
        """Show the kit's first page — opening its package first when it is another room
        of the event (the whole-event view)."""
        if not paths:
            return
        window, first = self.window, paths[0]
        if window.model.row_of_path(first) is None:
            with window.database.read() as session:
                package = package_of_folder(session, first.parent)
                package_id = package.id if package is not None else None
            if package_id is not None and package_id != window.package_id:
                report = self.report
                window.tree.reload(select_package=package_id)
                self.report = report
                if report is not None:
                    window.completeness.show_report(report)
        window.select_path(first)

    # --- protocol ------------------------------------------------------------------------
    def ask_protocol(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("CompletenessController", "Electronic protocol"),
            str(start_folder("protocol")),
            QCoreApplication.translate("CompletenessController", "Excel workbooks (*.xlsx)"),
        )
        if name:
            remember("protocol", Path(name))
            self.load_protocol(Path(name))

    def load_protocol(self, path: Path) -> None:
        window = self.window
        with window.database.read() as session:
            package = session.get(Package, window.package_id)
            if package is None:
                return
            event_id = package.event_id

        def job(_p: Progress, _c: threading.Event) -> ImportSummary:
            return import_protocol(window.database, event_id, read_protocol(path))

        window.jobs.start(
            "protocol", job, on_success=self._protocol_loaded, on_failure=window.show_error
        )

    def _protocol_loaded(self, summary: ImportSummary) -> None:
        window = self.window
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "CompletenessController", "Protocol loaded: %1 kits added, %2 updated"
            )
            .replace("%1", str(summary.added))
            .replace("%2", str(summary.updated)),
            8000,
        )
        window.review.package_opened()
        window.reload_rows()
        self.check()

    # --- report --------------------------------------------------------------------------
    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("CompletenessController", "Save report"),
            str(self.default_report_path()),
            QCoreApplication.translate("CompletenessController", "Excel workbooks (*.xlsx)"),
        )
        if name:
            remember("report", Path(name))
            self.export_report(Path(name))

    def default_report_path(self) -> Path:
        """Named after the event and the room (the whole event: no room)."""
        window = self.window
        with window.database.read() as session:
            package = session.get(Package, window.package_id)
            if package is None:
                return report_path("", None)
            event, room = package.event.name, package.name
        return report_path(event, None if window.completeness.whole_event.isChecked()
                           else room)

    def export_report(self, path: Path) -> None:
        report, window = self.report, self.window
        if report is None:
            return

        def job(_p: Progress, _c: threading.Event) -> Path:
            export_report_xlsx(report, path)
            return path

        window.jobs.start(
            "report",
            job,
            on_success=lambda p: window.statusBar().showMessage(
                QCoreApplication.translate("CompletenessController", "Report saved: %1").replace(
                    "%1", str(p)
                ),
                8000,
            ),
            on_failure=window.show_error,
        )
