"""The operator's whole job with the keyboard alone (issue 14): new package → demo scan →
an unreadable page fixed by typing its number → the protocol loaded → the duplicate
resolved → packed with a password typed twice → exported to a folder and verified.

Every step is a key press into the widget that has the focus (QTest key events, Tab to
move, Space to press a button), as a person without a mouse works; nothing is driven by
calling the window's methods. Only the checks read the database and the files."""

from __future__ import annotations

from pathlib import Path

import pytest
import pyzipper
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from scanstation.db.models import Archive, AuditEntry, Export, Page
from scanstation.scanner.demo import demo_stack
from scanstation.ui.page_state import PageState
from tests.memory_keyring import memory_keyring  # noqa: F401 - fixture
from tests.protocol.builders import Row, protocol1
from tests.ui.conftest import package_stack
from tests.ui.keyboard import press, type_text, when_modal

pytestmark = pytest.mark.gui
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def tab_to(qtbot, widget: QWidget, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Tab until `widget` has the focus, as the operator would."""
    for _ in range(limit):
        focused = QApplication.focusWidget()
        if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
            return
        press(qtbot, Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName() or widget}")


def answer_if_asked(qtbot, text: str, within_ms: int = 3000) -> None:  # type: ignore[no-untyped-def]
    """A question the window may ask once (a dialog with a line edit): type, Enter."""
    waited = 0
    while waited < within_ms:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            press(qtbot, Key.Key_A, CTRL)
            type_text(qtbot, text)
            press(qtbot, Key.Key_Return)
            qtbot.waitUntil(lambda m=modal: not m.isVisible(), timeout=5000)
            return
        qtbot.wait(100)
        waited += 100


@pytest.mark.wine_gap("window activation and keyboard focus under Wine's offscreen platform "
                      "lose keys typed into dialogs; the same keys are tested on Linux")
def test_the_whole_job_with_the_keyboard_alone(  # type: ignore[no-untyped-def]
        qtbot, window, database, memory_keyring, tmp_path: Path) -> None:  # noqa: F811
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)

    # --- Ctrl+N: a new package, typed into the dialog ------------------------------------
    def new_package(dialog: QWidget) -> None:
        type_text(qtbot, "OGE 2026")  # the event field has the focus
        press(qtbot, Key.Key_Tab)  # profile
        press(qtbot, Key.Key_Tab)  # package (room) name
        press(qtbot, Key.Key_A, CTRL)
        type_text(qtbot, "Room 101")
        press(qtbot, Key.Key_Return)

    when_modal(qtbot, new_package)
    press(qtbot, Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.package_id is not None, timeout=10_000)
    assert window.tree.currentItem().text(0) == "Room 101"

    # --- F9: the demo feeder -------------------------------------------------------------
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000):
        press(qtbot, Key.Key_F9)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(package_stack())
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)
    assert window.model.counts()[PageState.UNREADABLE] == 1

    # --- F7 to the unreadable page, type its number, Enter -------------------------------
    for _ in range(len(package_stack())):
        row = window.current_row()
        if row is not None and row.state is PageState.UNREADABLE:
            break
        press(qtbot, Key.Key_F7)
        qtbot.wait(150)  # a button's key clicks it after a short animation
    row = window.current_row()
    assert row is not None and row.state is PageState.UNREADABLE
    edit = window.review_panel.number
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=5000)
    smeared = next(s for s in demo_stack() if s.smeared)
    press(qtbot, Key.Key_Home)
    type_text(qtbot, smeared.number)
    press(qtbot, Key.Key_Return)
    answer_if_asked(qtbot, "Operator Smirnova")  # the station operator's name, once a session
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(row.id)).blank_number
                    == smeared.number, timeout=20_000)
    assert PageState.UNREADABLE not in window.model.counts()

    # --- Ctrl+2, Tab to «Load protocol…», Space, type the file's path, Enter --------------
    protocol = protocol1(tmp_path / "protocol1.xlsx", [
        Row(1, "использован", "edu123456", "Иванов Иван"),
        Row(2, "использован", "edu123456", "Петров Пётр"),
        Row(3, "использован", "edu123456", "Сидоров Сидор"),
    ])
    press(qtbot, Key.Key_2, CTRL)
    assert window.tabs.currentWidget() is window.completeness

    def open_protocol(_dialog: QWidget) -> None:
        type_text(qtbot, str(protocol))
        press(qtbot, Key.Key_Return)

    tab_to(qtbot, window.completeness.protocol_button)
    when_modal(qtbot, open_protocol)
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    assert sorted(int(k) for k in window.checks.report.complete) == [1, 2, 3]

    # --- Ctrl+D: the duplicate, Enter deletes the repeat ---------------------------------
    press(qtbot, Key.Key_1, CTRL)
    press(qtbot, Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: isinstance(window.review.dialog, QDialog)
                    and window.review.dialog.isVisible(), timeout=20_000)
    press(qtbot, Key.Key_Return)  # the default button: «Удалить повтор» for the same sheet
    qtbot.waitUntil(lambda: PageState.DUPLICATE not in window.model.counts(), timeout=20_000)
    if window.review.dialog is not None and window.review.dialog.isVisible():
        press(qtbot, Key.Key_Escape)  # a queue stays open for the next group: none is left
        qtbot.waitUntil(lambda: not window.review.dialog.isVisible(), timeout=5000)
    first_sheet = package_stack()[0].number
    with database.session() as session:  # one copy kept, the repeat in the trash, audited
        copies = list(session.execute(select(Page.trashed_at).where(
            Page.blank_number == first_sheet)))
        assert sorted(t is None for (t,) in copies) == [False, True]
        assert "duplicate_deleted_repeat" in set(session.scalars(select(AuditEntry.action)))

    # --- Ctrl+3: password twice, pack ----------------------------------------------------
    press(qtbot, Key.Key_3, CTRL)
    panel = window.pack_panel
    if not panel.encrypt.isChecked():
        tab_to(qtbot, panel.encrypt)
        press(qtbot, Key.Key_Space)
    assert panel.encrypt.isChecked()
    tab_to(qtbot, panel.password.first)
    type_text(qtbot, "Secret-2026")
    tab_to(qtbot, panel.password.second)
    type_text(qtbot, "Secret-2026")
    tab_to(qtbot, panel.pack_button)
    press(qtbot, Key.Key_Space)
    qtbot.wait(500)
    assert QApplication.activeModalWidget() is None  # a complete room passes any gate
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)
    with database.session() as session:
        archive = session.scalar(select(Archive))
        assert archive is not None and archive.verified_at is not None
        assert archive.encryption == "aes"
        zip_path = Path(archive.path)
    with pyzipper.AESZipFile(zip_path) as opened:
        opened.setpassword(b"Secret-2026")
        names = opened.namelist()
        assert len(names) == 12 and opened.testzip() is None

    # --- the export folder typed into the target field, Space on «Export» ----------------
    usb = tmp_path / "usb"
    usb.mkdir()
    tab_to(qtbot, panel.target)  # editable: its line edit takes the keys
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, str(usb))
    tab_to(qtbot, panel.export_button)
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: (usb / zip_path.name).exists() and panel.pack_button.isEnabled(),
                    timeout=60_000)
    assert (usb / zip_path.name).read_bytes() == zip_path.read_bytes()
    with database.session() as session:
        export = session.scalar(select(Export))
        assert export is not None and export.verified
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"page_number_set", "duplicate_deleted_repeat"} <= actions
