"""The review queue behind the review panel: each operator key becomes one core action
(`PageActions`, duplicate decisions) run off the GUI thread; afterwards the grid is
reloaded and the next problem page is selected, so the operator's hands stay on the keys.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from sqlalchemy import select

from scanstation.db.models import Kit, KitProtocolStatus, Package
from scanstation.duplicates import DuplicateKind
from scanstation.ingest.duplicate_groups import (
    DuplicateGroup,
    classify,
    delete_repeat,
    duplicate_groups,
    escalate,
)
from scanstation.ingest.packages import PageInfo
from scanstation.profile import EventProfile
from scanstation.scanner.base import ScannedPage
from scanstation.ui.duplicates_dialog import DuplicateChoice, DuplicatePage, DuplicatesDialog
from scanstation.ui.rescan_prompt import RescanPrompt

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow


class ReviewController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.used_kits: set[str] = set()
        self.dialog: DuplicatesDialog | None = None
        self.prompt: RescanPrompt | None = None
        panel = window.review_panel
        panel.number_entered.connect(self.set_number)
        panel.rotate_requested.connect(self.rotate)
        panel.trash_requested.connect(self.trash)
        panel.restore_requested.connect(self.restore)
        panel.rescan_requested.connect(self.rescan)
        panel.next_problem.connect(lambda: self.go_to_problem(1))
        panel.previous_problem.connect(lambda: self.go_to_problem(-1))
        panel.zoom_number.connect(window.viewer.zoom_to_number)
        window.duplicates_action.triggered.connect(self.find_duplicates)
        self._rescanned: list[int] = []
        window.scan.batch_done.connect(self._rescan_done)
        # Delete in the grid trashes the current page, as in any file list.
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), window.grid)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(panel.buttons["trash"].click)

    def package_opened(self) -> None:
        window = self.window
        with window.database.session() as session:
            package = session.get(Package, window.package_id)
            event_id = package.event_id if package is not None else -1
            self.used_kits = {
                EventProfile.normalize_kit(n)
                for n in session.scalars(
                    select(Kit.number).where(
                        Kit.event_id == event_id, Kit.protocol_status == KitProtocolStatus.USED
                    )
                )
            }
        window.review_panel.set_profile(window.profile, self.kit_known)

    def kit_known(self, kit: str) -> bool | None:
        if not self.used_kits:
            return None
        return EventProfile.normalize_kit(kit) in self.used_kits

    # --- queue ---------------------------------------------------------------------------
    def go_to_problem(self, step: int) -> None:
        window = self.window
        current = window.grid.currentIndex()
        after = current.row() if current.isValid() else (-1 if step > 0 else 0)
        row = window.model.next_problem(after, step)
        if row is not None:
            window.select_row(row)
        else:
            window.statusBar().showMessage(
                QCoreApplication.translate("ReviewController", "No problem pages left."), 5000
            )

    def _after(self, page_id: int, advance: bool) -> Callable[[Any], None]:
        def done(_result: Any) -> None:
            window = self.window
            window.reload_rows()
            row = window.model.row_of(page_id)
            if row is None:
                return
            if advance and not window.model.page(row).is_problem:
                following = window.model.next_problem(row)
                window.select_row(following if following is not None else row)
            else:
                window.select_row(row)

        return done

    def _run(self, name: str, action: Callable[[], Any], page_id: int, advance: bool,
             done_message: str | None = None) -> None:
        def job(_progress: Callable[[int, int, str], None], _cancel: threading.Event) -> Any:
            return action()

        after = self._after(page_id, advance)

        def done(result: Any) -> None:
            after(result)
            if done_message:
                self.window.statusBar().showMessage(done_message, 15_000)

        self.window.jobs.start(name, job, on_success=done, on_failure=self.window.show_error)

    # --- actions -------------------------------------------------------------------------
    def set_number(self, page_id: int, number: str) -> None:
        actions = self.window.page_actions
        self._run("set_number", lambda: actions.set_number(page_id, number), page_id, True)

    def rotate(self, page_id: int, degrees: int) -> None:
        actions = self.window.page_actions
        self.window.loader.forget(page_id)
        self._run("rotate", lambda: actions.rotate(page_id, degrees), page_id, False)

    def trash(self, page_id: int) -> None:
        actions = self.window.page_actions
        self._run("trash", lambda: actions.delete(page_id), page_id, True)

    def restore(self, page_id: int) -> None:
        actions = self.window.page_actions
        self._run("restore", lambda: actions.restore(page_id), page_id, False)

    def rescan(self, page_id: int) -> None:
        """«Rescan this page»: first «put the sheet in and press Enter» (Esc cancels), then
        the next sheet from the scanner takes the page's place (the old one goes to the
        trash, restorable from the trash view); the new page is selected when it is in."""
        window = self.window
        row = window.model.row_of(page_id)
        if row is None or window.scan.scanning:
            return
        self.prompt = RescanPrompt(window.model.page(row).seq, window)
        self.prompt.accepted.connect(lambda: self._rescan_now(page_id))
        self.prompt.open()

    def _rescan_now(self, page_id: int) -> None:
        window = self.window
        if not window.scan.writable():  # under recovery, or another program writes to it
            return
        pipeline = window.scan.ensure_pipeline()
        if pipeline is None:
            return
        replaced: list[int] = []

        def sink(page: ScannedPage) -> PageInfo:
            info = pipeline.replace_page(page_id, page)
            replaced.append(info.id)
            return info

        self._rescanned = replaced
        window.scan.rescan_page(sink)

    def _rescan_done(self, _pages: int, _cancelled: bool) -> None:
        replaced, self._rescanned = self._rescanned, []
        if replaced:
            self.window.reload_rows()
            self.window.select_page(replaced[-1])

    # --- duplicates ----------------------------------------------------------------------
    def find_duplicates(self) -> None:
        window = self.window
        if window.package_id is None:
            return
        package_id = window.package_id

        def job(
            _p: Callable[[int, int, str], None], _c: threading.Event
        ) -> tuple[DuplicateGroup, bool] | None:
            for group in duplicate_groups(window.database, package_id):
                if group.decision is None:
                    return group, classify(group) == DuplicateKind.SAME_SHEET
            return None

        window.jobs.start(
            "duplicates", job, on_success=self._show_group, on_failure=window.show_error
        )

    def _show_group(self, found: tuple[DuplicateGroup, bool] | None) -> None:
        window = self.window
        if found is None:
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "ReviewController", "No open duplicates in this package."
                ),
                5000,
            )
            return
        group, same = found
        pages = [DuplicatePage(p.id, p.seq, p.path) for p in group.pages]
        self.dialog = DuplicatesDialog(group.blank_number, pages, same, window)
        self.dialog.finished.connect(lambda _code, g=group: self._decided(g))
        self.dialog.open()

    def _decided(self, group: DuplicateGroup) -> None:
        dialog, window = self.dialog, self.window
        if dialog is None or dialog.choice is None:
            return
        database = window.database
        first = group.pages[0].id
        if dialog.choice is DuplicateChoice.DELETE_REPEAT:
            keep = min(group.pages, key=lambda p: p.seq).id
            self._run("delete_repeat", lambda: delete_repeat(database, group, keep), first, True)
        else:
            # Said in the status bar (and on the pages' label): the dialog just closes, and
            # the pages rightly stay duplicates until the coordinator answers.
            message = QCoreApplication.translate(
                "ReviewController",
                "Blank number %1: different sheets, reported to the coordinator; "
                "every page is kept.").replace("%1", group.blank_number)
            self._run("escalate", lambda: escalate(database, group), first, True, message)
