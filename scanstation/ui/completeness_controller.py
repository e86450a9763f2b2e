"""Completeness tab behind the view: load the protocol into the event, run the check,
export the xlsx report — each as a background job; and «kits complete» in the status bar.
Built from the view, the page model, the database and the open package; what the window
does after a protocol is loaded (the review's kit list, the grid) hangs on a signal."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from scanstation.completeness import CompletenessReport, export_report_xlsx
from scanstation.db import Database
from scanstation.db.lookup import package_of_folder
from scanstation.db.models import Package
from scanstation.protocol.reader import read_protocol
from scanstation.protocol.store import ImportSummary, import_protocol
from scanstation.readiness import package_report
from scanstation.ui.completeness_view import CompletenessView, report_job
from scanstation.ui.file_dialogs import remember, report_path, start_folder
from scanstation.ui.jobs import JobRunner
from scanstation.ui.page_model import PageListModel
from scanstation.ui.ports import CurrentPackage, StatusSink

Progress = Callable[[int, int, str], None]


class CompletenessController(QObject):
    protocol_loaded = Signal()  # the event's kit list changed: re-read what depends on it

    def __init__(self, database: Database, *, view: CompletenessView, kits_label: QLabel,
                 model: PageListModel, jobs: JobRunner, status: StatusSink,
                 dialogs: QWidget, package_id: CurrentPackage,
                 choose_package: Callable[[int], None],
                 select_path: Callable[[Path], None], parent: QObject | None = None) -> None:
        """`choose_package` opens another room of the event (a kit clicked in the
        whole-event view); `select_path` shows a page of the open package."""
        super().__init__(parent)
        self.database = database
        self.view = view
        self.kits_label = kits_label
        self.model = model
        self.jobs = jobs
        self.status = status
        self.dialogs = dialogs
        self.package_id = package_id
        self.choose_package = choose_package
        self.select_path = select_path
        view.check_requested.connect(self.check)
        view.export_requested.connect(self.ask_export)
        view.protocol_requested.connect(self.ask_protocol)
        view.kit_activated.connect(self._kit_activated)
        self.report: CompletenessReport | None = None
        self._status_job_running = False
        self._status_stale = False

    def package_opened(self) -> None:
        self.report = None
        self.view.tree.clear()
        self.view.export_button.setEnabled(False)
        self.kits_label.setText("")
        self.refresh_status()

    def refresh_status(self) -> None:
        """Keep «kits complete» in the status bar current: a quick check of the package
        (numbers only, no image comparison) after the pages change, one at a time."""
        package_id = self.package_id()
        if package_id is None:
            return
        if self._status_job_running:
            self._status_stale = True  # run again when this one is done
            return
        database = self.database

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
            if checked == self.package_id():
                self._kits_status(report)

        def failed(message: str) -> None:
            again()
            self.status.show_message(message, 5000)

        self._status_job_running = True
        self.jobs.start("kits_status", job, on_success=done, on_failure=failed)

    def check(self) -> None:
        package_id = self.package_id()
        if package_id is None:
            return
        self.view.check_button.setEnabled(False)
        self.jobs.start(
            "completeness",
            report_job(self.database, package_id, self.view.whole_event.isChecked()),
            on_success=self._shown,
            on_failure=self._failed,
        )

    def _shown(self, report: CompletenessReport) -> None:
        self.report = report
        self.view.check_button.setEnabled(True)
        self.view.show_report(report)
        self._kits_status(report)

    def show_kits(self, report: CompletenessReport, whole_event: bool,
                  kits: Iterable[str]) -> None:
        """A report made elsewhere (the overview's figure), only the given kits shown."""
        self.view.whole_event.setChecked(whole_event)
        self.report = report
        self.view.show_report(report)
        self.view.show_only(set(kits))

    def _kits_status(self, report: CompletenessReport) -> None:
        """Against the protocol's used kits; before a protocol is loaded, the kits found
        counted by the profile's page count (never «0 of 0» or every kit «extra»)."""
        expected = len(report.complete) + len(report.partial) + len(report.missing)
        if expected or report.protocol_loaded:
            self.set_kits_status(len(report.complete), expected, report.protocol_loaded)
        else:
            self.kits_label.setText("")

    def set_kits_status(self, complete: int, total: int, protocol_loaded: bool = True) -> None:
        text = self.tr("Kits complete: %1 of %2") if protocol_loaded else self.tr(
            "Protocol not loaded · kits with all their pages: %1 of %2")
        self.kits_label.setText(text.replace("%1", str(complete)).replace("%2", str(total)))

    def _failed(self, message: str) -> None:
        self.view.check_button.setEnabled(True)
        self.status.show_error(message)

    def _kit_activated(self, paths: list[Path]) -> None:
        """Show the kit's first page — opening its package first when it is another room
        of the event (the whole-event view)."""
        if not paths:
            return
        first = paths[0]
        if self.model.row_of_path(first) is None:
            with self.database.read() as session:
                package = package_of_folder(session, first.parent)
                package_id = package.id if package is not None else None
            if package_id is not None and package_id != self.package_id():
                report = self.report
                self.choose_package(package_id)
                self.report = report
                if report is not None:
                    self.view.show_report(report)
        self.select_path(first)

    # --- protocol ------------------------------------------------------------------------
    def ask_protocol(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.dialogs,
            QCoreApplication.translate("CompletenessController", "Electronic protocol"),
            str(start_folder("protocol")),
            QCoreApplication.translate("CompletenessController", "Excel workbooks (*.xlsx)"),
        )
        if name:
            remember("protocol", Path(name))
            self.load_protocol(Path(name))

    def load_protocol(self, path: Path) -> None:
        package_id, database = self.package_id(), self.database
        if package_id is None:
            return
        with database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                return
            event_id = package.event_id

        def job(_p: Progress, _c: threading.Event) -> ImportSummary:
            return import_protocol(database, event_id, read_protocol(path))

        self.jobs.start(
            "protocol", job, on_success=self._protocol_loaded, on_failure=self.status.show_error
        )

    def _protocol_loaded(self, summary: ImportSummary) -> None:
        self.status.show_message(
            QCoreApplication.translate(
                "CompletenessController", "Protocol loaded: %1 kits added, %2 updated"
            )
            .replace("%1", str(summary.added))
            .replace("%2", str(summary.updated)),
            8000,
        )
        self.protocol_loaded.emit()
        self.check()

    # --- report --------------------------------------------------------------------------
    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.dialogs,
            QCoreApplication.translate("CompletenessController", "Save report"),
            str(self.default_report_path()),
            QCoreApplication.translate("CompletenessController", "Excel workbooks (*.xlsx)"),
        )
        if name:
            remember("report", Path(name))
            self.export_report(Path(name))

    def default_report_path(self) -> Path:
        """Named after the event and the room (the whole event: no room)."""
        package_id = self.package_id()
        if package_id is None:
            return report_path("", None)
        with self.database.read() as session:
            package = session.get(Package, package_id)
            if package is None:
                return report_path("", None)
            event, room = package.event.name, package.name
        return report_path(event, None if self.view.whole_event.isChecked() else room)

    def export_report(self, path: Path) -> None:
        report = self.report
        if report is None:
            return

        def job(_p: Progress, _c: threading.Event) -> Path:
            export_report_xlsx(report, path)
            return path

        self.jobs.start(
            "report",
            job,
            on_success=lambda p: self.status.show_message(
                QCoreApplication.translate("CompletenessController", "Report saved: %1").replace(
                    "%1", str(p)
                ),
                8000,
            ),
            on_failure=self.status.show_error,
        )
