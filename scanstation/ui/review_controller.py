"""The review queue behind the review panel: each operator key becomes one core action
(`PageActions`, duplicate decisions) run off the GUI thread; afterwards the grid is
reloaded and the next problem page is selected, so the operator's hands stay on the keys.

It is built from what it uses — the panel, the grid and its model, the scan controller
(for F5), the core's services, a status sink — and never sees the window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import Kit, KitProtocolStatus, Package
from scanstation.duplicates import DuplicateKind
from scanstation.profile import EventProfile
from scanstation.scanner.base import ScannedPage
from scanstation.station.actions import PageActions
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
from scanstation.ui.jobs import JobRunner
from scanstation.ui.operator_name import OperatorName
from scanstation.ui.page_model import PageListModel
from scanstation.ui.ports import CurrentPackage, CurrentProfile, StatusSink
from scanstation.ui.rescan_prompt import RescanPrompt
from scanstation.ui.review_panel import ReviewPanel
from scanstation.ui.scan_controller import ScanController
from scanstation.ui.thumbnail_grid import ThumbnailGrid
from scanstation.ui.thumbnails import ThumbnailLoader


class ReviewController:
    def __init__(self, database: Database, actions: PageActions, *, panel: ReviewPanel,
                 grid: ThumbnailGrid, model: PageListModel, loader: ThumbnailLoader,
                 scan: ScanController, operator: OperatorName, jobs: JobRunner,
                 status: StatusSink, dialogs: QWidget, package_id: CurrentPackage,
                 profile: CurrentProfile, reload: Callable[[], None]) -> None:
        """`dialogs` parents the queue and the rescan prompt; `reload` reads the open
        package's pages into `model` again (synchronously) after each action."""
        self.database = database
        self.actions = actions
        self.panel = panel
        self.grid = grid
        self.model = model
        self.loader = loader
        self.scan = scan
        self.jobs = jobs
        self.status = status
        self.dialogs = dialogs
        self.package_id = package_id
        self.profile = profile
        self.reload = reload
        self.used_kits: set[str] = set()
        self.dialog: DuplicatesQueue | None = None
        # Image verdicts per group (number and its pages): comparing costs ~0.3 s a pair.
        self._verdicts: dict[tuple[str, tuple[int, ...]], bool] = {}
        self.operator = operator
        self.prompt: RescanPrompt | None = None
        panel.number_entered.connect(self.set_number)
        panel.rotate_requested.connect(self.rotate)
        panel.trash_requested.connect(self.trash)
        panel.restore_requested.connect(self.restore)
        panel.rescan_requested.connect(self.rescan)
        panel.next_problem.connect(lambda: self.go_to_problem(1))
        panel.previous_problem.connect(lambda: self.go_to_problem(-1))
        self._rescanned: list[int] = []
        scan.batch_done.connect(self._rescan_done)
        # Delete in the grid trashes the current page, as in any file list.
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), grid)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(panel.buttons["trash"].click)

    def package_opened(self) -> None:
        with self.database.read() as session:
            package = session.get(Package, self.package_id())
            event_id = package.event_id if package is not None else -1
            self.used_kits = {
                EventProfile.normalize_kit(n)
                for n in session.scalars(
                    select(Kit.number).where(
                        Kit.event_id == event_id, Kit.protocol_status == KitProtocolStatus.USED
                    )
                )
            }
        self.panel.set_profile(self.profile(), self.kit_known)

    def kit_known(self, kit: str) -> bool | None:
        if not self.used_kits:
            return None
        return EventProfile.normalize_kit(kit) in self.used_kits

    # --- queue ---------------------------------------------------------------------------
    def go_to_problem(self, step: int) -> None:
        current = self.grid.currentIndex()
        after = current.row() if current.isValid() else (-1 if step > 0 else 0)
        row = self.model.next_problem(after, step)
        if row is not None:
            self.grid.select_row(row)
        else:
            self.status.show_message(
                QCoreApplication.translate("ReviewController", "No problem pages left."), 5000
            )

    def _after(self, page_id: int, advance: bool) -> Callable[[Any], None]:
        def done(_result: Any) -> None:
            self.reload()
            model = self.model
            row = model.row_of(page_id)
            if row is None:
                return
            if advance and not model.page(row).is_problem:
                following = model.next_problem(row)
                self.grid.select_row(following if following is not None else row)
            else:
                self.grid.select_row(row)

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
                self.status.show_message(done_message, 15_000)
            if then is not None:
                then()

        def failed(message: str) -> None:
            self.status.show_error(message)
            if then is not None:
                then()

        self.jobs.start(name, job, on_success=done, on_failure=failed)

    # --- actions -------------------------------------------------------------------------
    def set_number(self, page_id: int, number: str) -> None:
        """Saved with the operator's name (asked once per session) for the audit trail."""
        actions = self.actions

        def save(operator: str | None) -> None:
            self._run("set_number", lambda: actions.set_number(page_id, number, operator),
                      page_id, True)

        self.operator.with_name(save)

    def rotate(self, page_id: int, degrees: int) -> None:
        actions = self.actions
        self.loader.forget(page_id)
        self._run("rotate", lambda: actions.rotate(page_id, degrees), page_id, False)

    def trash(self, page_id: int) -> None:
        actions = self.actions
        self._run("trash", lambda: actions.delete(page_id), page_id, True)

    def restore(self, page_id: int) -> None:
        actions = self.actions
        self._run("restore", lambda: actions.restore(page_id), page_id, False)

    def rescan(self, page_id: int) -> None:
        """«Rescan this page»: first «put the sheet in and press Enter» (Esc cancels), then
        the next sheet from the scanner takes the page's place (the old one goes to the
        trash, restorable from the trash view); the new page is selected when it is in."""
        row = self.model.row_of(page_id)
        if row is None or self.scan.scanning:
            return
        self.prompt = RescanPrompt(self.model.page(row).seq, self.dialogs)
        self.prompt.accepted.connect(lambda: self._rescan_now(page_id))
        self.prompt.open()

    def _rescan_now(self, page_id: int) -> None:
        scan = self.scan
        if not scan.writable():  # under recovery, or another program writes to it
            return
        pipeline = scan.ensure_pipeline()
        if pipeline is None:
            return
        replaced: list[int] = []

        def sink(page: ScannedPage) -> PageInfo:
            info = pipeline.replace_page(page_id, page)
            replaced.append(info.id)
            return info

        self._rescanned = replaced
        scan.rescan_page(sink)

    def _rescan_done(self, _pages: int, _cancelled: bool) -> None:
        replaced, self._rescanned = self._rescanned, []
        if replaced:
            self.reload()
            row = self.model.row_of(replaced[-1])
            if row is not None:
                self.grid.select_row(row)

    # --- duplicates ----------------------------------------------------------------------
    def find_duplicates(self) -> None:
        """Open the queue of the event's undecided groups and pending escalations."""
        if self.package_id() is None:
            return
        self._refill(open_dialog=True)

    def _refill(self, open_dialog: bool = False) -> None:
        package_id = self.package_id()
        if package_id is None:
            return
        database, verdicts = self.database, self._verdicts

        def job(_p: Callable[[int, int, str], None], _c: threading.Event) -> list[QueueItem]:
            items = []
            for group in open_or_escalated(duplicate_groups(database, package_id)):
                if group.decision is None and group.key not in verdicts:
                    verdicts[group.key] = classify(group) == DuplicateKind.SAME_SHEET
                same = verdicts.get(group.key) if group.decision is None else None
                items.append(QueueItem(group, same))
            return items

        self.jobs.start("duplicates", job,
                        on_success=lambda items: self._show_queue(items, open_dialog),
                        on_failure=self.status.show_error)

    def _show_queue(self, items: list[QueueItem], open_dialog: bool) -> None:
        if not items:
            self.status.show_message(QCoreApplication.translate(
                "ReviewController", "No open duplicates in this event."), 5000)
        if self.dialog is None:
            if not items:
                return
            self.dialog = DuplicatesQueue(self.dialogs)
            self.dialog.decided.connect(self._decided)
            self.dialog.batch_requested.connect(self._batch)
        self.dialog.set_items(items)
        self.dialog.set_busy(False)
        if open_dialog and items and not self.dialog.isVisible():
            self.dialog.open()

    def _decided(self, item: QueueItem, choice: str) -> None:
        database, group = self.database, item.group

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
        database = self.database
        groups = [item.group for item in items]

        def run(operator: str | None) -> None:
            done = QCoreApplication.translate(
                "ReviewController", "Exact repeats deleted: %1 group(s).").replace(
                "%1", str(len(groups)))
            self._run("delete_repeats", lambda: delete_exact_repeats(database, groups, operator),
                      groups[0].pages[0].id, True, done, then=self._refill)

        self.operator.with_name(run)
