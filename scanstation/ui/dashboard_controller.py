"""The event overview tab behind the dashboard, and the trash view behind its action:
each reads on the job runner and answers on the GUI thread. A dashboard figure leads to
the completeness tab showing only the kits behind it (one more click: their pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from scanstation.ui.dashboard import EventFigures, Group, dashboard_job
from scanstation.ui.trash_view import TrashDialog, TrashEntry, trash_job

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from scanstation.ui.main_window import MainWindow


class DashboardController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.figures: EventFigures | None = None
        self.trash: TrashDialog | None = None
        dashboard = window.dashboard
        dashboard.refresh_requested.connect(self.refresh)
        dashboard.group_chosen.connect(self.show_group)
        window.tabs.currentChanged.connect(self._tab_changed)
        window.trash_action.triggered.connect(self.open_trash)

    def _tab_changed(self, _index: int) -> None:
        if self.window.tabs.currentWidget() is self.window.dashboard:
            self.refresh()

    def refresh(self) -> None:
        window = self.window
        if window.package_id is None:
            return
        window.dashboard.refresh.setEnabled(False)
        window.jobs.start("dashboard", dashboard_job(window.database, window.package_id),
                          on_success=self._shown, on_failure=self._failed)

    def _shown(self, figures: EventFigures) -> None:
        self.figures = figures
        self.window.dashboard.refresh.setEnabled(True)
        self.window.dashboard.show_figures(figures)

    def _failed(self, message: str) -> None:
        self.window.dashboard.refresh.setEnabled(True)
        self.window.show_error(message)

    def show_group(self, package_id: int | None, group: str) -> None:
        """The completeness tab with the kits of one figure (a room's or the event's)."""
        figures, window = self.figures, self.window
        if figures is None:
            return
        chosen = figures.whole if package_id is None else next(
            (room for room in figures.rooms if room.package_id == package_id), None)
        if chosen is None:
            return
        if package_id is not None and package_id != window.package_id:
            window.tree.reload(select_package=package_id)
        view = window.completeness
        view.whole_event.setChecked(package_id is None)
        window.checks.report = chosen.report
        view.show_report(chosen.report)
        view.show_only(set(chosen.kits.get(Group(group), [])))
        window.tabs.setCurrentWidget(view)
        view.tree.setFocus()
        # The same click puts the first page behind the figure in the viewer; the kit list
        # stays in front, so the arrows (or a click) go on through the figure's kits.
        paths = view.current_paths()
        row = window.model.row_of_path(paths[0]) if paths else None
        if row is not None:
            window.select_row(row)

    # --- trash ---------------------------------------------------------------------------
    def open_trash(self) -> None:
        window = self.window
        if window.package_id is None:
            return
        window.jobs.start("trash", trash_job(window.database, window.package_id),
                          on_success=self._trash_listed, on_failure=window.show_error)

    def _trash_listed(self, entries: list[tuple[TrashEntry, QImage | None]]) -> None:
        window = self.window
        if self.trash is not None:
            self.trash.close()
        self.trash = TrashDialog(entries, window)
        self.trash.restore_requested.connect(self._restore)
        self.trash.open()

    def _restore(self, page_id: int) -> None:
        window = self.window
        window.review.restore(page_id)
        window.statusBar().showMessage(QCoreApplication.translate(
            "DashboardController", "Page restored from the trash."), 5000)
