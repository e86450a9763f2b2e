"""The event overview tab behind the dashboard, and the trash view behind its action:
each reads on the job runner and answers on the GUI thread. A dashboard figure leads to
the completeness tab showing only the kits behind it (one more click: their pages).

Built from the dashboard, the completeness controller whose tab a figure opens, the grid
and its model, the open package and a status sink; the window connects its tab bar and
the trash action to `refresh` and `open_trash`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from scanstation.db import Database
from scanstation.ui.completeness_controller import CompletenessController
from scanstation.ui.dashboard import EventDashboard, EventFigures, Group, dashboard_job
from scanstation.ui.jobs import JobRunner
from scanstation.ui.page_model import PageListModel
from scanstation.ui.ports import CurrentPackage, StatusSink
from scanstation.ui.thumbnail_grid import ThumbnailGrid
from scanstation.ui.trash_view import TrashDialog, TrashEntry, trash_job

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


class DashboardController:
    def __init__(self, database: Database, *, dashboard: EventDashboard,
                 checks: CompletenessController, tabs: QTabWidget, grid: ThumbnailGrid,
                 model: PageListModel, jobs: JobRunner, status: StatusSink, dialogs: QWidget,
                 package_id: CurrentPackage, choose_package: Callable[[int], None],
                 restore_page: Callable[[int], None]) -> None:
        """`tabs` holds the completeness view a figure brings forward; `choose_package`
        opens another room of the event; `restore_page` takes a page out of the trash
        (the review's action, so the grid follows as after F8)."""
        self.database = database
        self.dashboard = dashboard
        self.checks = checks
        self.tabs = tabs
        self.grid = grid
        self.model = model
        self.jobs = jobs
        self.status = status
        self.dialogs = dialogs
        self.package_id = package_id
        self.choose_package = choose_package
        self.restore_page = restore_page
        self.figures: EventFigures | None = None
        self.trash: TrashDialog | None = None
        dashboard.refresh_requested.connect(self.refresh)
        dashboard.group_chosen.connect(self.show_group)

    def refresh(self) -> None:
        package_id = self.package_id()
        if package_id is None:
            return
        self.dashboard.refresh.setEnabled(False)
        self.jobs.start("dashboard", dashboard_job(self.database, package_id),
                        on_success=self._shown, on_failure=self._failed)

    def _shown(self, figures: EventFigures) -> None:
        self.figures = figures
        self.dashboard.refresh.setEnabled(True)
        self.dashboard.show_figures(figures)

    def _failed(self, message: str) -> None:
        self.dashboard.refresh.setEnabled(True)
        self.status.show_error(message)

    def show_group(self, package_id: int | None, group: str) -> None:
        """The completeness tab with the kits of one figure (a room's or the event's)."""
        figures = self.figures
        if figures is None:
            return
        chosen = figures.whole if package_id is None else next(
            (room for room in figures.rooms if room.package_id == package_id), None)
        if chosen is None:
            return
        if package_id is not None and package_id != self.package_id():
            self.choose_package(package_id)
        self.checks.show_kits(chosen.report, package_id is None,
                              chosen.kits.get(Group(group), []))
        view = self.checks.view
        self.tabs.setCurrentWidget(view)
        view.tree.setFocus()
        # The same click puts the first page behind the figure in the viewer; the kit list
        # stays in front, so the arrows (or a click) go on through the figure's kits.
        paths = view.current_paths()
        row = self.model.row_of_path(paths[0]) if paths else None
        if row is not None:
            self.grid.select_row(row)

    # --- trash ---------------------------------------------------------------------------
    def open_trash(self) -> None:
        package_id = self.package_id()
        if package_id is None:
            return
        self.jobs.start("trash", trash_job(self.database, package_id),
                        on_success=self._trash_listed, on_failure=self.status.show_error)

    def _trash_listed(self, entries: list[tuple[TrashEntry, QImage | None]]) -> None:
        if self.trash is not None:
            self.trash.close()
        self.trash = TrashDialog(entries, self.dialogs)
        self.trash.restore_requested.connect(self._restore)
        self.trash.open()

    def _restore(self, page_id: int) -> None:
        self.restore_page(page_id)
        self.status.show_message(QCoreApplication.translate(
            "DashboardController", "Page restored from the trash."), 5000)
