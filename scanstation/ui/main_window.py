"""The main window: events and packages on the left, pages in the middle, viewer on the right."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from sqlalchemy import select

from scanstation.db import Database, Event


class MainWindow(QMainWindow):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("ScanStation — scanning station"))
        self.resize(1400, 900)
        self.packages = QTreeWidget()
        self.packages.setHeaderLabel(self.tr("Events and packages"))
        self.pages_placeholder = QLabel(self.tr("No package selected"))
        self.viewer_placeholder = QLabel(self.tr("Page"))
        splitter = QSplitter()
        splitter.addWidget(self.packages)
        splitter.addWidget(self.pages_placeholder)
        splitter.addWidget(self.viewer_placeholder)
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(self.tr("Ready"))
        self.reload_packages()

    def reload_packages(self) -> None:
        self.packages.clear()
        with self.database.session() as session:
            for event in session.scalars(select(Event).order_by(Event.name)):
                item = QTreeWidgetItem([event.name])
                for package in event.packages:
                    item.addChild(QTreeWidgetItem([package.name]))
                self.packages.addTopLevelItem(item)
        self.packages.expandAll()
