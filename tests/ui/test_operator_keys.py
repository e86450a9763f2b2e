"""The operator's keys on the real window (issue 14): F5 asks for the sheet before it
replaces a page, the trash view restores deleted and replaced pages, deleted tiles can be
hidden, Esc stops a scan, Ctrl+1…4 switch tabs from the number field, F1 lists the keys,
Enter on a saved number goes on, and after a restart the last package is open again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton
from sqlalchemy import func, select

from scanstation.db.models import AuditEntry, Page
from scanstation.profile import default_profile
from scanstation.ui.keys import KeysDialog, key_table
from scanstation.ui.page_state import PageState
from scanstation.ui.rescan_prompt import RescanPrompt
from scanstation.ui.trash_view import TrashDialog
from tests.ui.conftest import StackDriver, package_stack
from tests.ui.keyboard import press, type_text

pytestmark = pytest.mark.gui
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def scan_with_f9(qtbot, window, room: str = "Аудитория 101") -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", room, default_profile())
    window.activateWindow()
    window.grid.setFocus()
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000):
        press(qtbot, Key.Key_F9)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(package_stack())
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)


def own_window(qtbot, database, settings, recognizer, driver: StackDriver,  # type: ignore[no-untyped-def]
               size: tuple[int, int] | None = None):
    """A window of the test's own (a slow feeder, a second start), not the fixture's."""
    from scanstation.ui.main_window import MainWindow
    from tests.ui.conftest import _SharedPool

    window = MainWindow(database, settings, drivers=[driver],
                        recognizer=_SharedPool(recognizer))
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    return window


def live_pages(database, package_id: int) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return int(session.scalar(select(func.count(Page.id)).where(
            Page.package_id == package_id, Page.trashed_at.is_(None))) or 0)


@pytest.mark.wine_gap("window activation and keyboard focus under Wine's offscreen platform "
                      "lose keys typed into dialogs; the same keys are tested on Linux")
def test_f5_asks_for_the_sheet_and_the_trash_gives_the_old_page_back(  # type: ignore[no-untyped-def]
        qtbot, window, database) -> None:
    scan_with_f9(qtbot, window)
    window.select_row(2)
    window.grid.setFocus()
    old = window.current_row()
    press(qtbot, Key.Key_F5)  # a button's key clicks it after a short animation
    qtbot.waitUntil(lambda: isinstance(window.review.prompt, RescanPrompt)
                    and window.review.prompt.isVisible(), timeout=5000)
    prompt = window.review.prompt
    assert isinstance(prompt, RescanPrompt)
    assert "Enter" in prompt.text.text()
    # nothing is scanned or replaced before the sheet is confirmed; Esc cancels
    assert not window.scan.scanning
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not prompt.isVisible(), timeout=5000)
    assert not window.scan.scanning
    assert window.model.page(window.model.row_of(old.id)).trashed is False
    # F5 again, Enter: the sheet is scanned and takes the page's place
    press(qtbot, Key.Key_F5)
    qtbot.waitUntil(lambda: window.review.prompt is not prompt
                    and window.review.prompt.isVisible(), timeout=5000)
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000):
        press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(old.id)).trashed,
                    timeout=20_000)
    with database.session() as session:
        assert session.scalar(select(AuditEntry.page_id).where(
            AuditEntry.action == "page_replaced")) == old.id
    # the trash lists the replaced page with its picture; Enter restores it
    press(qtbot, Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: isinstance(window.overview.trash, TrashDialog)
                    and window.overview.trash.isVisible(), timeout=20_000)
    trash = window.overview.trash
    assert trash.entry_ids() == [old.id]
    item = trash.list.item(0)
    assert not item.icon().isNull()
    assert trash.tr("replaced by a rescan") in item.text()
    before = live_pages(database, window.package_id)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: not window.model.page(window.model.row_of(old.id)).trashed,
                    timeout=20_000)
    assert live_pages(database, window.package_id) == before + 1
    assert window.model.path_of(window.model.page(window.model.row_of(old.id))).exists()
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not trash.isVisible(), timeout=5000)


def test_deleted_tiles_can_be_hidden(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    scan_with_f9(qtbot, window)
    window.select_row(0)
    victim = window.current_row()
    window.grid.setFocus()
    press(qtbot, Key.Key_F8)
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(victim.id)).trashed,
                    timeout=20_000)
    shown = window.model.rowCount()
    press(qtbot, Key.Key_H, CTRL)
    assert window.hide_trashed_action.isChecked()
    assert window.model.rowCount() == shown - 1
    assert window.model.row_of(victim.id) is None
    press(qtbot, Key.Key_H, CTRL)
    assert window.model.rowCount() == shown


def test_escape_stops_a_scan(qtbot, database, settings, recognizer) -> None:  # type: ignore[no-untyped-def]
    window = own_window(qtbot, database, settings, recognizer,
                        StackDriver(package_stack(), page_delay=0.3))
    try:
        window.create_package("ОГЭ 2026", "Аудитория 5", default_profile())
        window.activateWindow()
        window.grid.setFocus()
        press(qtbot, Key.Key_F9)
        qtbot.waitUntil(lambda: window.scan.scanning and window.model.rowCount() >= 1,
                        timeout=30_000)
        with qtbot.waitSignal(window.scan.batch_done, timeout=30_000) as blocker:
            press(qtbot, Key.Key_Escape)
        assert blocker.args[1] is True  # cancelled
        assert window.model.rowCount() < len(package_stack())
    finally:
        window.shutdown()


@pytest.mark.wine_gap("window activation and keyboard focus under Wine's offscreen platform "
                      "lose keys typed into dialogs; the same keys are tested on Linux")
def test_tabs_from_the_number_field_keys_help_and_tooltips(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    scan_with_f9(qtbot, window)
    window.review.go_to_problem(1)
    edit = window.review_panel.number
    edit.setFocus()
    assert QApplication.focusWidget() is edit
    edit.selectAll()
    type_text(qtbot, "1234")  # window keys use Ctrl or F-keys: digits stay in the field
    assert window.review_panel.typed_number().startswith("1234")
    press(qtbot, Key.Key_2, CTRL)
    assert window.tabs.currentWidget() is window.completeness
    press(qtbot, Key.Key_3, CTRL)
    assert window.tabs.currentWidget() is window.pack_panel
    press(qtbot, Key.Key_1, CTRL)
    assert window.tabs.currentWidget() is window.pages_tab
    assert QApplication.focusWidget() is window.grid
    # every toolbar action names its key; Duplicates and Settings are reachable by Tab
    for action in (window.new_package_action, window.duplicates_action,
                   window.settings_action, window.trash_action, window.help_action):
        assert not action.shortcut().isEmpty(), action.text()
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) \
            in action.toolTip(), action.toolTip()
    toolbar_buttons = [w for w in window.findChildren(QToolButton)
                       if w.defaultAction() in (window.duplicates_action,
                                                window.settings_action)]
    assert len(toolbar_buttons) == 2
    reached = set()
    for _ in range(80):  # Tab walks the whole window: both buttons are on the way
        press(qtbot, Key.Key_Tab)
        if QApplication.focusWidget() in toolbar_buttons:
            reached.add(QApplication.focusWidget())
        if len(reached) == 2:
            break
    assert len(reached) == 2
    assert "Esc" in window.scan_bar.stop.toolTip()
    assert "F9" in window.scan_bar.start.toolTip()
    # F1: the key table
    press(qtbot, Key.Key_F1)
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), KeysDialog),
                        timeout=5000)
        dialog = QApplication.activeWindow()
    assert isinstance(dialog, KeysDialog)
    assert dialog.table.rowCount() == len(key_table())
    listed = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert {"F9", "Esc", "F5", "Ctrl+D", "Ctrl+N", "Ctrl+1"} <= listed
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_enter_on_a_saved_number_goes_to_the_next_problem(qtbot, window, database) -> None:  # type: ignore[no-untyped-def]
    scan_with_f9(qtbot, window)
    good = next(i for i, row in enumerate(window.model.rows) if row.state is PageState.READ)
    window.select_row(good)  # a page read well, not a problem
    first = window.current_row()
    assert not first.is_problem
    edit: QLineEdit = window.review_panel.number
    edit.setFocus()
    with database.session() as session:
        audited = session.scalar(select(func.count(AuditEntry.id)))
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_row() is not None
                    and window.current_row().id != first.id, timeout=5000)
    assert window.current_row().is_problem
    with database.session() as session:  # nothing saved again, nothing in the audit trail
        assert session.scalar(select(func.count(AuditEntry.id))) == audited


def test_after_a_restart_the_last_package_is_open_and_f9_goes_on_with_it(  # type: ignore[no-untyped-def]
        qtbot, database, settings, recognizer, data_dir: Path) -> None:
    def open_window():  # type: ignore[no-untyped-def]
        return own_window(qtbot, database, settings, recognizer, StackDriver(package_stack()))

    first = open_window()
    first.create_package("ОГЭ 2026", "Аудитория 1", default_profile())
    chosen = first.create_package("ОГЭ 2026", "Аудитория 2", default_profile())
    first.close()
    second = open_window()
    try:
        assert second.package_id == chosen
        current = second.tree.currentItem()
        assert current is not None and current.text(0) == "Аудитория 2"
        second.activateWindow()
        second.grid.setFocus()
        asked: list[object] = []

        def no_dialog() -> None:  # a «new package» dialog would block here: note, close
            modal = QApplication.activeModalWidget()
            if modal is not None:
                asked.append(modal)
                modal.close()

        QTimer.singleShot(1500, no_dialog)
        with qtbot.waitSignal(second.scan.batch_done, timeout=60_000):
            press(qtbot, Key.Key_F9)  # no «new package» dialog: it scans into room 2
        qtbot.wait(1600)
        assert asked == []
        qtbot.waitUntil(lambda: second.model.rowCount() == len(package_stack()),
                        timeout=60_000)
        assert second.package_id == chosen
    finally:
        second.shutdown()


def test_grid_follows_new_pages_while_scanning(qtbot, database, settings, recognizer) -> None:  # type: ignore[no-untyped-def]
    window = own_window(qtbot, database, settings, recognizer,
                        StackDriver(package_stack(), page_delay=0.15), size=(900, 600))
    try:
        window.create_package("ОГЭ 2026", "Аудитория 9", default_profile())
        window.activateWindow()
        window.grid.setFocus()
        with qtbot.waitSignal(window.scan.batch_done, timeout=60_000):
            press(qtbot, Key.Key_F9)
        qtbot.waitUntil(lambda: window.model.rowCount() == len(package_stack()), timeout=30_000)
        QApplication.processEvents()
        last = window.model.index(window.model.rowCount() - 1)
        assert window.grid.viewport().rect().intersects(window.grid.visualRect(last))
    finally:
        window.shutdown()


