"""The main window: events and packages on the left, the page grid (with the completeness
and archive tabs) in the middle, the page viewer and review keys on the right.

It is the composition root: it builds the widgets and the core's services and hands each
controller the few of them it uses (the scan controller feeds the ingest pipeline, the
review controller turns operator keys into `PageActions`, checks and archives run on the
job runner); the window is their status sink and dialog parent. No controller sees the
window, and no module but `app.py` imports it. No core rule is decided here; the window
only shows, asks and passes on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scanstation.db import Database
from scanstation.paths import resources_dir
from scanstation.profile import EventProfile, bundled_profiles
from scanstation.recognition.pool import RecognitionPool
from scanstation.scanner.base import ScanDriver
from scanstation.settings import StationSettings, load_settings, save_settings
from scanstation.station.actions import PageActions
from scanstation.station.packages import PackageService
from scanstation.ui.archive_controller import ArchiveController
from scanstation.ui.completeness_controller import CompletenessController
from scanstation.ui.completeness_view import CompletenessView
from scanstation.ui.dashboard import EventDashboard
from scanstation.ui.dashboard_controller import DashboardController
from scanstation.ui.jobs import JobRunner
from scanstation.ui.keys import KeysDialog, install_keys
from scanstation.ui.operator_name import OperatorName
from scanstation.ui.pack_panel import PackPanel
from scanstation.ui.package_tree import NewPackageDialog, PackageTree
from scanstation.ui.page_model import PageListModel, load_rows
from scanstation.ui.page_state import PageRow, PageState
from scanstation.ui.page_viewer import PageViewer
from scanstation.ui.review_controller import ReviewController
from scanstation.ui.review_panel import ReviewPanel
from scanstation.ui.scan_bar import Banner, ScanBar
from scanstation.ui.scan_controller import ScanController
from scanstation.ui.settings_dialog import SettingsDialog
from scanstation.ui.thumbnail_grid import StateLegend, ThumbnailGrid
from scanstation.ui.thumbnails import ThumbnailLoader
from scanstation.ui.window_store import remember_package, restore_window, save_window

log = logging.getLogger(__name__)


def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def thumbnail_source(path: Path) -> Path | None:
    """The ingest cache's preview of a page, when it is there and not older than the page.

    Only read, never written from here: recognition writes previews, and two writers of
    one preview would race; a page without a fresh preview is decoded from its file."""
    from scanstation.ingest.thumbnails import thumbnail_path

    cached = thumbnail_path(path.parent, path.name)
    try:
        if cached.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            return cached
    except OSError:
        return None
    return None


class MainWindow(QMainWindow):
    def __init__(self, database: Database, settings: StationSettings | None = None,
                 drivers: Sequence[ScanDriver] | None = None,
                 recognizer: RecognitionPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.settings = settings or load_settings()
        self.drivers = drivers
        self.packages = PackageService(database)
        self.page_actions = PageActions(database)
        self.jobs = JobRunner(self)
        self.package_id: int | None = None
        self.profile: EventProfile | None = None
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("ScanStation — scanning station"))
        self.setWindowIcon(icon("scanstation"))
        self.resize(1400, 900)
        self._build()
        self._compose(drivers, recognizer)
        install_keys(self, {
            "Ctrl+N": self.new_package_action, "Ctrl+D": self.duplicates_action,
            "Ctrl+,": self.settings_action, "Ctrl+T": self.trash_action,
            "Ctrl+H": self.hide_trashed_action, "F1": self.help_action,
        }, self.scan_bar, self.tabs, self.show_tab)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(120)
        self._reload_timer.timeout.connect(self.reload_rows)
        self.tree.reload()
        self.scan_bar.set_devices(self.scan.devices, self.settings.device_id)
        self.scan.refresh_devices()
        self._restore_layout()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.tree = PackageTree(self.database)
        self.tree.package_selected.connect(self.open_package)
        self.loader = ThumbnailLoader(self, source=thumbnail_source)
        self.model = PageListModel(self.loader, self)
        self.grid = ThumbnailGrid()
        self.grid.setModel(self.model)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.fault_banner = Banner("#ffd7a8")
        self.fault_banner.setObjectName("FaultBanner")
        self.quality_banner = Banner("#ffc7ce")
        self.quality_banner.setObjectName("QualityBanner")
        self.completeness = CompletenessView()
        self.pack_panel = PackPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("CentreTabs")
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        pages_layout.addWidget(self.grid, 1)
        legend_row = QHBoxLayout()
        legend_row.addWidget(StateLegend(), 1)
        self.hide_trashed_button = QToolButton()
        self.hide_trashed_button.setObjectName("HideTrashedButton")
        legend_row.addWidget(self.hide_trashed_button, 0, Qt.AlignmentFlag.AlignTop)
        pages_layout.addLayout(legend_row)
        self.pages_tab = pages
        self.tabs.addTab(pages, icon("pages"), self.tr("Pages"))
        self.tabs.addTab(self.completeness, icon("kits"), self.tr("Completeness"))
        self.tabs.addTab(self.pack_panel, icon("archive"), self.tr("Archives and export"))
        self.dashboard = EventDashboard()
        self.tabs.addTab(self.dashboard, icon("kits"), self.tr("Event overview"))
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.fault_banner)
        centre_layout.addWidget(self.quality_banner)
        centre_layout.addWidget(self.tabs, 1)
        self.viewer = PageViewer()
        self.review_panel = ReviewPanel()
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("RightSplitter")
        self.right.addWidget(self.viewer)
        self.right.addWidget(self.review_panel)
        self.right.setStretchFactor(0, 3)
        self.splitter = QSplitter()
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.right)
        self.splitter.setSizes([240, 640, 520])
        self.setCentralWidget(self.splitter)

        self.scan_bar = ScanBar()
        toolbar = QToolBar(self.tr("Scanning"))
        toolbar.setObjectName("ScanToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_package_action = QAction(icon("new"), self.tr("New package…"), self)
        self.new_package_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_package_action.triggered.connect(self.new_package)
        self.duplicates_action = QAction(icon("duplicates"), self.tr("Duplicates…"), self)
        self.duplicates_action.setObjectName("DuplicatesAction")
        self.settings_action = QAction(icon("settings"), self.tr("Settings…"), self)
        self.settings_action.triggered.connect(self.edit_settings)
        toolbar.addAction(self.new_package_action)
        toolbar.addWidget(self.scan_bar)
        toolbar.addAction(self.duplicates_action)
        self.trash_action = QAction(icon("pages"), self.tr("Trash…"), self)
        self.trash_action.setObjectName("TrashAction")
        self.hide_trashed_action = QAction(self.tr("Hide deleted"), self)
        self.hide_trashed_action.setObjectName("HideTrashedAction")
        self.hide_trashed_action.setCheckable(True)
        self.hide_trashed_action.toggled.connect(self.set_hide_trashed)
        self.help_action = QAction(self.tr("Keys"), self)
        self.help_action.setObjectName("KeysAction")
        self.help_action.triggered.connect(self.show_keys)
        # Beside the legend, where the grey tiles are explained, not in the full toolbar.
        self.hide_trashed_button.setDefaultAction(self.hide_trashed_action)
        self.addAction(self.hide_trashed_action)
        toolbar.addAction(self.trash_action)
        toolbar.addAction(self.settings_action)
        # «Клавиши» at the status bar's end: at 150 % neither the toolbar nor the tab bar
        # has room left for it.
        self.keys_button = QToolButton()
        self.keys_button.setObjectName("KeysButton")
        self.keys_button.setDefaultAction(self.help_action)
        self.addAction(self.help_action)
        self.addToolBar(toolbar)
        # Toolbar buttons take no focus by default; the keyboard must reach them too.
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None and button is not self.scan_bar:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.status_pages = QLabel()
        self.status_unreadable = QLabel()
        self.status_kits = QLabel()
        for label in (self.status_pages, self.status_unreadable, self.status_kits):
            self.statusBar().addPermanentWidget(label)
        self.statusBar().addPermanentWidget(self.keys_button)
        self.statusBar().showMessage(self.tr("Ready"))

    def _compose(self, drivers: Sequence[ScanDriver] | None,
                 recognizer: RecognitionPool | None) -> None:
        """The controllers, each given only what it uses; the window listens to them."""
        database, jobs = self.database, self.jobs

        def package_id() -> int | None:
            return self.package_id

        def profile() -> EventProfile | None:
            return self.profile

        def settings() -> StationSettings:
            return self.settings

        def choose_package(chosen: int) -> None:
            self.tree.reload(select_package=chosen)

        self.scan = ScanController(
            database, drivers, recognizer, bar=self.scan_bar, banner=self.fault_banner,
            jobs=jobs, status=self, settings=settings, package_id=package_id,
            new_package=self.new_package, parent=self)
        self.scan.scanning_changed.connect(self._scanning_changed)
        self.scan.pages_changed.connect(self.schedule_reload)
        operator = OperatorName(settings, self._keep_settings, self)
        self.review = ReviewController(
            database, self.page_actions, panel=self.review_panel, grid=self.grid,
            model=self.model, loader=self.loader, scan=self.scan, operator=operator,
            jobs=jobs, status=self, dialogs=self, package_id=package_id, profile=profile,
            reload=self.reload_rows)
        self.review_panel.zoom_number.connect(self.viewer.zoom_to_number)
        self.duplicates_action.triggered.connect(self.review.find_duplicates)
        self.archive = ArchiveController(
            database, panel=self.pack_panel, jobs=jobs, status=self, dialogs=self,
            operator=operator, settings=settings, package_id=package_id, profile=profile,
            parent=self)
        self.checks = CompletenessController(
            database, view=self.completeness, kits_label=self.status_kits, model=self.model,
            jobs=jobs, status=self, dialogs=self, package_id=package_id,
            choose_package=choose_package, select_path=self.select_path, parent=self)
        self.checks.protocol_loaded.connect(self._protocol_loaded)
        self.overview = DashboardController(
            database, dashboard=self.dashboard, checks=self.checks, tabs=self.tabs,
            grid=self.grid, model=self.model, jobs=jobs, status=self, dialogs=self,
            package_id=package_id, choose_package=choose_package,
            restore_page=self.review.restore)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.trash_action.triggered.connect(self.overview.open_trash)

    def _scanning_changed(self, scanning: bool) -> None:
        self.tree.setEnabled(not scanning)  # no package switch under a scan
        self.new_package_action.setEnabled(not scanning)

    def _protocol_loaded(self) -> None:
        self.review.package_opened()  # the kits the protocol lists as used
        self.reload_rows()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.dashboard:
            self.overview.refresh()

    def _keep_settings(self, settings: StationSettings) -> None:
        """Settings changed outside the dialog (the operator's name): kept and saved."""
        self.settings = settings
        save_settings(settings)

    # --- layout memory ------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "right": self.right}

    def _restore_layout(self) -> None:
        last = restore_window(self, self._splitters(), self.hide_trashed_action)
        if last is not None:
            self.tree.reload(select_package=last)

    def save_layout(self) -> None:
        save_window(self, self._splitters(), self.hide_trashed_action)

    # --- devices and packages ------------------------------------------------------------
    def new_package(self) -> int | None:
        dialog = NewPackageDialog(self.database, bundled_profiles(), self.settings.profile, self)
        if dialog.exec() != NewPackageDialog.DialogCode.Accepted:
            return None
        event, name, profile = dialog.values()
        return self.create_package(event, name, profile)

    def create_package(self, event: str, name: str, profile: EventProfile) -> int | None:
        try:
            package = self.packages.open(event, name, profile)
        except Exception as exc:  # noqa: BLE001 - shown to the operator, logged in full
            self.show_error(getattr(exc, "message", str(exc)))
            return None
        self.tree.reload(select_package=package.id)
        self.open_package(package.id)
        return package.id

    def open_package(self, package_id: int) -> None:
        if package_id == self.package_id:
            return
        blocker = self.scan.change_blocker()
        if blocker is not None:
            self.statusBar().showMessage(blocker, 15_000)
            self.tree.reload(select_package=self.package_id)
            return
        self.scan.package_changed()
        self.package_id = package_id
        self.profile = self.packages.profile_of(package_id)
        self.loader.clear()
        folder, rows = load_rows(self.database, package_id, self.profile,
                                 include_trashed=not self.hide_trashed_action.isChecked())
        self.model.set_rows(folder, rows)
        remember_package(package_id)
        self.review.package_opened()
        self.archive.package_opened()
        self.checks.package_opened()
        self._update_status()
        if rows:
            first_problem = self.model.next_problem(-1)
            self.select_row(first_problem if first_problem is not None else 0)

    def reload_rows(self) -> None:
        if self.package_id is None:
            return
        _folder, rows = load_rows(self.database, self.package_id, self.profile,
                                  include_trashed=not self.hide_trashed_action.isChecked())
        before = self.model.rowCount()
        was_last = self.grid.currentIndex().row() == before - 1
        self.model.update_rows(rows)
        self._update_status()
        self.checks.refresh_status()
        self.archive.refresh_archives()  # «устарел» the moment the package changes
        current = self.current_row()
        if current is None and rows:
            # Nothing chosen yet (pages arriving into an empty package): show the first
            # problem, or the newest page while none needs the operator.
            problem = self.model.next_problem(-1)
            self.select_row(problem if problem is not None else len(rows) - 1)
            return
        if len(rows) > before:
            # New pages (the feeder, a hot folder): the grid follows them; the selection
            # moves along only when it sat on the newest page (the operator's choice stays).
            if was_last:
                self.select_row(len(rows) - 1)
            else:
                self.grid.scrollTo(self.model.index(len(rows) - 1))
        shown = self.review_panel.row
        if current is not None and shown != current:
            self.review_panel.set_page(current)
            if shown is None or (shown.id, shown.rotation, shown.file_name) != (
                    current.id, current.rotation, current.file_name):
                self.viewer.show_file(self.model.path_of(current))
        self.tree.set_count(self.package_id, sum(1 for r in rows if not r.trashed))

    def schedule_reload(self) -> None:
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    # --- selection -----------------------------------------------------------------------
    def current_row(self) -> PageRow | None:
        index = self.grid.currentIndex()
        return self.model.page(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.grid.select_row(row)

    def select_page(self, page_id: int) -> None:
        row = self.model.row_of(page_id)
        if row is not None:
            self.select_row(row)

    def select_path(self, path: Path) -> None:
        row = self.model.row_of_path(path)
        if row is not None:
            self.tabs.setCurrentWidget(self.pages_tab)
            self.select_row(row)

    def _current_changed(self, current: Any, _previous: Any) -> None:
        row = self.model.page(current.row()) if current.isValid() else None
        self.review_panel.set_page(row)
        if row is None:
            self.viewer.clear()
        else:
            self.viewer.show_file(self.model.path_of(row))

    # --- status --------------------------------------------------------------------------
    def _update_status(self) -> None:
        counts = self.model.counts()
        live = sum(n for state, n in counts.items()
                   if state not in (PageState.TRASHED,))
        decided = live - counts.get(PageState.PENDING, 0)
        unreadable = counts.get(PageState.UNREADABLE, 0)
        share = 100.0 * unreadable / decided if decided else 0.0
        self.status_pages.setText(self.tr("Pages: %1").replace("%1", str(live)))
        self.status_unreadable.setText(
            self.tr("Unreadable: %1 %").replace("%1", f"{share:.1f}"))
        if share > 10.0:
            self.quality_banner.show_message(self.tr(
                "More than 10 % of the package's pages are unreadable (%1 %): rescanning is "
                "recommended («рекомендуется пересканировать»).").replace("%1", f"{share:.1f}"))
        else:
            self.quality_banner.hide()

    def show_tab(self, index: int) -> None:
        """Ctrl+1…4: a tab from anywhere, its first field focused (the grid for pages)."""
        self.tabs.setCurrentIndex(index)
        widget = self.tabs.currentWidget()
        target = self.grid if widget is self.pages_tab else widget
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if target is not self.grid:
            target.focusNextChild()

    def set_hide_trashed(self, hidden: bool) -> None:
        if self.package_id is not None:
            current = self.current_row()
            self.loader.clear()
            folder, rows = load_rows(self.database, self.package_id, self.profile,
                                     include_trashed=not hidden)
            self.model.set_rows(folder, rows)
            if current is not None:
                self.select_page(current.id)

    def show_keys(self) -> None:
        KeysDialog(self).open()

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        log.info("operator told: %s", message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ScanStation"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("ErrorBox")
        box.open()

    # --- settings and closing ------------------------------------------------------------
    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.scan.devices, bundled_profiles(),
                                self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.values())

    def apply_settings(self, settings: StationSettings) -> None:
        self.settings = settings
        save_settings(settings)
        self.scan_bar.set_devices(self.scan.devices, settings.device_id)
        self.scan.apply_settings()

    def shutdown(self) -> None:
        """Stop every worker: scanner, jobs, recognition. Safe to call twice."""
        self.jobs.cancel_all()
        self.jobs.wait(30_000)
        self.loader.wait(10_000)
        self.scan.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.shutdown()
        super().closeEvent(event)
