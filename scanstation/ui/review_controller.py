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
from scanstation.profile import EventProfile
from scanstation.scanner.base import ScannedPage
from scanstation.station.duplicate_groups import (
    answered,
    classify,
    delete_exact_repeats,
    delete_repeat,
    duplicate_groups,
    escalate,
    open_or_escalated,
)
from scanstation.station.packages import PageInfo
from scanstation.ui.duplicates_queue import DuplicatesQueue, QueueItem
from scanstation.ui.operator_name import OperatorName
from scanstation.ui.rescan_prompt import RescanPrompt

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow


class ReviewController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.used_kits: set[str] = set()
        self.dialog: DuplicatesQueue | None = None
        # Image verdicts per group (number and its pages): comparing costs ~0.3 s a pair.
        self._verdicts: dict[tuple[str, tuple[int, ...]], bool] = {}
        self.operator = OperatorName(window)
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
        with window.database.read() as session:
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
             done_message: str | None = None,
             then: Callable[[], None] | None = None) -> None:
        def job(_progress: Callable[[int, int, str], None], _cancel: threading.Event) -> Any:
            return action()

        after = self._after(page_id, advance)

        def done(result: Any) -> None:
            after(result)
            if done_message:
                self.window.statusBar().showMessage(done_message, 15_000)
            if then is not None:
                then()

        def failed(message: str) -> None:
            self.window.show_error(message)
            if then is not None:
                then()

        self.window.jobs.start(name, job, on_success=done, on_failure=failed)

    # --- actions -------------------------------------------------------------------------
    def set_number(self, page_id: int, number: str) -> None:
        """Saved with the operator's name (asked once per session) for the audit trail."""
        actions = self.window.page_actions

        def save(operator: str | None) -> None:
            self._run("set_number", lambda: actions.set_number(page_id, number, operator),
                      page_id, True)

        self.operator.with_name(save)

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
        """Open the queue of the event's undecided groups and pending escalations."""
        window = self.window
        if window.package_id is None:
            return
        self._refill(open_dialog=True)

    def _refill(self, open_dialog: bool = False) -> None:
        window = self.window
        package_id = window.package_id
        if package_id is None:
            return
        database, verdicts = window.database, self._verdicts

        def job(_p: Callable[[int, int, str], None], _c: threading.Event) -> list[QueueItem]:
            items = []
            for group in open_or_escalated(duplicate_groups(database, package_id)):
                if group.decision is None and group.key not in verdicts:
                    verdicts[group.key] = classify(group) == DuplicateKind.SAME_SHEET
                same = verdicts.get(group.key) if group.decision is None else None
                items.append(QueueItem(group, same))
            return items

        window.jobs.start("duplicates", job,
                          on_success=lambda items: self._show_queue(items, open_dialog),
                          on_failure=window.show_error)

    def _show_queue(self, items: list[QueueItem], open_dialog: bool) -> None:
        window = self.window
        if not items:
            window.statusBar().showMessage(QCoreApplication.translate(
                "ReviewController", "No open duplicates in this event."), 5000)
        if self.dialog is None:
            if not items:
                return
            self.dialog = DuplicatesQueue(window)
            self.dialog.decided.connect(self._decided)
            self.dialog.batch_requested.connect(self._batch)
        self.dialog.set_items(items)
        self.dialog.set_busy(False)
        if open_dialog and items and not self.dialog.isVisible():
            self.dialog.open()

    def _decided(self, item: QueueItem, choice: str) -> None:
        window, group = self.window, item.group
        database = window.database

        def run(operator: str | None) -> None:
            first = group.pages[0].id
            if choice == "deleted_repeat":
                action: Callable[[], Any] = lambda: delete_repeat(  # noqa: E731
                    database, group, group.keep.id, operator)
                message = None
            elif choice == "escalated":
                action = lambda: escalate(database, group, operator)  # noqa: E731
                # Said in the status bar (and on the pages' label): the pages rightly stay
                # duplicates until the coordinator answers.
                message = QCoreApplication.translate(
                    "ReviewController",
                    "Blank number %1: different sheets, reported to the coordinator; "
                    "every page is kept.").replace("%1", group.blank_number)
            else:
                action = lambda: answered(database, group, operator)  # noqa: E731
                message = None
            self._run(choice, action, first, True, message, then=self._refill)

        self.operator.with_name(run)

    def _batch(self, items: list[QueueItem]) -> None:
        database = self.window.database
        groups = [item.group for item in items]

        def run(operator: str | None) -> None:
            done = QCoreApplication.translate(
                "ReviewController", "Exact repeats deleted: %1 group(s).").replace(
                "%1", str(len(groups)))
            self._run("delete_repeats", lambda: delete_exact_repeats(database, groups, operator),
                      groups[0].pages[0].id, True, done, then=self._refill)

        self.operator.with_name(run)
