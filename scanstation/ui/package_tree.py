"""Events and their packages on the left, and the small dialog that makes a new package."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from sqlalchemy import func, select

from scanstation.db import Database
from scanstation.db.models import Event, Package, Page
from scanstation.profile import EventProfile

PACKAGE_ROLE = Qt.ItemDataRole.UserRole + 20
EVENT_ROLE = Qt.ItemDataRole.UserRole + 21


class PackageTree(QTreeWidget):
    package_selected = Signal(int)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PackageTree")
        self.database = database
        self.setHeaderLabels([self.tr("Events and packages"), self.tr("Pages")])
        # The count column takes what its header needs («Страницы» whole, at any scale);
        # the names take the rest.
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        metrics = header.fontMetrics()
        headers = [self.headerItem().text(c) for c in range(self.columnCount())]
        self.setMinimumWidth(sum(metrics.horizontalAdvance(t) + 24 for t in headers)
                             + 2 * self.frameWidth() + 4)
        self.currentItemChanged.connect(self._changed)

    def reload(self, select_package: int | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        chosen: QTreeWidgetItem | None = None
        with self.database.session() as session:
            counts = dict(session.execute(
                select(Page.package_id, func.count(Page.id)).where(Page.trashed_at.is_(None))
                .group_by(Page.package_id)).all())
            for event in session.scalars(select(Event).order_by(Event.name)):
                item = QTreeWidgetItem([event.name, ""])
                item.setData(0, EVENT_ROLE, event.id)
                for package in sorted(event.packages, key=lambda p: p.name):
                    child = QTreeWidgetItem([package.name, str(counts.get(package.id, 0))])
                    child.setData(0, PACKAGE_ROLE, package.id)
                    child.setData(0, EVENT_ROLE, event.id)
                    if package.rescan_recommended:
                        child.setToolTip(0, self.tr("rescanning recommended"))
                    item.addChild(child)
                    if package.id == select_package:
                        chosen = child
                self.addTopLevelItem(item)
        self.expandAll()
        self.blockSignals(False)
        if chosen is not None:
            self.setCurrentItem(chosen)

    def set_count(self, package_id: int, pages: int) -> None:
        for i in range(self.topLevelItemCount()):
            event = self.topLevelItem(i)
            if event is None:
                continue
            for j in range(event.childCount()):
                child = event.child(j)
                if child is not None and child.data(0, PACKAGE_ROLE) == package_id:
                    child.setText(1, str(pages))

    def _changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        package_id = current.data(0, PACKAGE_ROLE)
        if isinstance(package_id, int):
            self.package_selected.emit(package_id)


class NewPackageDialog(QDialog):
    """Event (existing or new), profile for a new event, and the package (room) name."""

    def __init__(self, database: Database, profiles: list[EventProfile],
                 default_profile: str = "default", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewPackageDialog")
        self.setWindowTitle(self.tr("New package"))
        self.profiles = profiles
        self.event_combo = QComboBox()
        self.event_combo.setEditable(True)
        with database.session() as session:
            self.event_combo.addItems(list(session.scalars(select(Event.name).order_by(Event.name))))
            used = set(session.scalars(select(Package.name)))
        self.profile = QComboBox()
        for profile in profiles:
            self.profile.addItem(f"{profile.name} ({profile.pages_per_kit})", profile.name)
        at = self.profile.findData(default_profile)
        self.profile.setCurrentIndex(max(0, at))
        self.package = QLineEdit()
        self.package.setPlaceholderText(self.tr("e.g. room 101"))
        number = len(used) + 1
        self.package.setText(f"{number:03d}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Event:"), self.event_combo)
        form.addRow(self.tr("Profile (new event):"), self.profile)
        form.addRow(self.tr("Package (room):"), self.package)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, EventProfile]:
        chosen = self.profile.currentData()
        profile = next((p for p in self.profiles if p.name == chosen), self.profiles[0])
        return self.event_combo.currentText().strip(), self.package.text().strip(), profile
