"""«Проверка комплектности» on the station: kits coloured as the collector colours them
(green complete, lilac partial or duplicated, red missing), one click from a kit to its
pages, the report as xlsx. The check itself is the core's `check_pages`; this view only
gathers the package's pages from the database and shows the answer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scanstation.completeness import CompletenessReport, KitState
from scanstation.db import Database
from scanstation.readiness import package_report

PATHS_ROLE = Qt.ItemDataRole.UserRole + 10


def state_text(state: KitState, duplicated: bool) -> str:
    texts = {
        KitState.COMPLETE: QCoreApplication.translate("Completeness", "complete"),
        KitState.PARTIAL: QCoreApplication.translate("Completeness", "partially loaded"),
        KitState.MISSING: QCoreApplication.translate("Completeness", "missing"),
        KitState.UNEXPECTED: QCoreApplication.translate("Completeness", "unexpected"),
        KitState.NOT_SCANNED: QCoreApplication.translate(
            "Completeness", "not scanned (spoiled or unused)"
        ),
    }
    text = texts[state]
    if duplicated:
        text += QCoreApplication.translate("Completeness", ", duplicates")
    return text


class CompletenessView(QWidget):
    kit_activated = Signal(list)  # the kit's page paths, in page order
    check_requested = Signal()
    export_requested = Signal()
    protocol_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CompletenessView")
        self.report: CompletenessReport | None = None
        self.summary = QLabel(self.tr("Press «Check» to compare the package with the protocol."))
        self.summary.setObjectName("CompletenessSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("KitTree")
        self.tree.setHeaderLabels(
            [self.tr("Kit"), self.tr("State"), self.tr("Pages"), self.tr("Missing pages")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.whole_event = QCheckBox(self.tr("Whole event (all packages)"))
        self.whole_event.setObjectName("WholeEvent")
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("CheckCompleteness")
        self.check_button.clicked.connect(self.check_requested.emit)
        self.protocol_button = QPushButton(self.tr("Load protocol…"))
        self.protocol_button.clicked.connect(self.protocol_requested.emit)
        self.export_button = QPushButton(self.tr("Export report (xlsx)…"))
        self.export_button.setObjectName("ExportReport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_requested.emit)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.protocol_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.whole_event)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def show_report(self, report: CompletenessReport) -> None:
        self.report = report
        self.tree.clear()
        for kit in report.kits:
            if kit.state is KitState.NOT_SCANNED:
                continue
            item = QTreeWidgetItem(
                [
                    kit.number,
                    state_text(kit.state, kit.has_duplicates),
                    str(sum(len(files) for files in kit.pages.values())),
                    ", ".join(str(p) for p in kit.missing_pages),
                ]
            )
            item.setData(0, PATHS_ROLE, [str(p) for p in kit.files])
            if kit.colour:
                brush = QBrush(QColor("#" + kit.colour))
                for column in range(4):
                    item.setBackground(column, brush)
                    item.setForeground(column, QBrush(QColor("#000000")))
            self.tree.addTopLevelItem(item)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        s = report.summary()
        text = self.tr(
            "Kits complete: %1, partial: %2, missing: %3, unexpected: %4. "
            "Pages: %5, unread: %6, duplicated numbers: %7."
        )
        for i, key in enumerate(
            (
                "complete",
                "partial",
                "missing",
                "unexpected",
                "pages",
                "unread_pages",
                "duplicate_numbers",
            ),
            start=1,
        ):
            text = text.replace(f"%{i}", str(s[key]))
        if report.is_complete:
            text += " " + self.tr("The package is complete.")
        if not report.protocol_loaded:
            text += " " + self.tr("Protocol not loaded: kits are counted complete by the "
                                  "profile's page count (%1 pages), none is extra.").replace(
                "%1", str(report.pages_per_kit))
        self.summary.setText(text)
        self.export_button.setEnabled(True)

    def show_only(self, numbers: set[str]) -> None:
        """Only these kits (a dashboard figure's); the first one chosen for the keys."""
        first = None
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is None:
                continue
            hidden = item.text(0) not in numbers
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.tree.setCurrentItem(first)

    def current_paths(self) -> list[Path]:
        """The page files of the kit chosen now (none for a kit with no pages)."""
        item = self.tree.currentItem()
        return _paths_of(item) if item else []

    def kit_item(self, number: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.text(0) == number:
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.kit_activated.emit(_paths_of(item))


def _paths_of(item: QTreeWidgetItem) -> list[Path]:
    """A kit row's page files, in page order (stored as strings in the item)."""
    return [Path(p) for p in (item.data(0, PATHS_ROLE) or [])]


def report_job(database: Database, package_id: int, whole_event: bool = False
               ) -> Callable[[Callable[[int, int, str], None], threading.Event],
                             CompletenessReport]:
    def run(progress: Callable[[int, int, str], None],
            _cancel: threading.Event) -> CompletenessReport:
        progress(0, 1, "")
        report = package_report(database, package_id, whole_event=whole_event)
        progress(1, 1, "")
        return report

    return run
