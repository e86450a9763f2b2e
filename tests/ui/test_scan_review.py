"""Drive the real window through a whole package: scan the demo feeder, fix the unreadable
page by typing its number, turn a page, delete and restore, resolve a duplicate, check
completeness against a protocol, pack, verify and export to a folder standing for a USB
stick. Every step goes through the window's own widgets and keys."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from scanstation.db.models import Archive, AuditEntry, DuplicatePair, Export
from scanstation.profile import default_profile
from scanstation.scanner.demo import demo_stack
from scanstation.ui.duplicates_queue import DuplicatesQueue
from scanstation.ui.page_state import PageState
from tests.protocol.builders import Row, protocol1
from tests.ui.conftest import answer_operator, package_stack

pytestmark = pytest.mark.gui


def scan_demo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", "Аудитория 101", default_profile())
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000):
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    expected = len(package_stack())
    qtbot.waitUntil(lambda: window.model.rowCount() == expected
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)


def key(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    """Press a review key by its button's shortcut, as the operator does."""
    button = window.review_panel.buttons[name]
    assert button.isEnabled() and button.isVisible(), name
    qtbot.keyClick(window, button.shortcut()[0].key())


def row_of(window, page_id: int):  # type: ignore[no-untyped-def]
    return window.model.page(window.model.row_of(page_id))


def test_whole_package_from_feeder_to_usb(qtbot, window, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scan_demo(qtbot, window)
    counts = window.model.counts()
    assert counts[PageState.UNREADABLE] == 1, counts
    assert counts[PageState.READ_ROTATED] == 1, counts
    assert counts[PageState.DUPLICATE] == 2, counts
    assert "13" in window.status_pages.text()

    # --- fix the unreadable page by typing its number --------------------------------------
    window.review.go_to_problem(1)
    while window.current_row().state is not PageState.UNREADABLE:
        window.review.go_to_problem(1)
    row = window.current_row()
    smeared = next(s for s in demo_stack() if s.smeared)
    edit = window.review_panel.number
    assert edit.hasFocus() or edit.isEnabled()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "123")  # too short: not saved
    assert not window.review_panel.save_button.isEnabled()
    edit.selectAll()
    qtbot.keyClicks(edit, smeared.number)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    answer_operator(qtbot, window)  # asked once per session, for the audit trail
    qtbot.waitUntil(lambda: row_of(window, row.id).blank_number == smeared.number,
                    timeout=10_000)
    assert PageState.UNREADABLE not in window.model.counts()
    # the next problem page is selected by itself
    qtbot.waitUntil(lambda: window.current_row() is not None
                    and window.current_row().is_problem, timeout=5000)

    # --- turn a page 90° and back ----------------------------------------------------------
    window.select_row(0)
    first = window.current_row()
    path = window.model.path_of(first)
    with Image.open(path) as image:
        portrait = image.size
    key(qtbot, window, "rotate90")
    qtbot.waitUntil(lambda: row_of(window, first.id).rotation == (first.rotation + 90) % 360,
                    timeout=10_000)
    with Image.open(path) as image:
        assert image.size == (portrait[1], portrait[0])
    for _ in range(3):  # back to upright: three more quarter turns
        before = row_of(window, first.id).rotation
        key(qtbot, window, "rotate90")
        qtbot.waitUntil(lambda b=before: row_of(window, first.id).rotation == (b + 90) % 360,
                        timeout=10_000)
    with Image.open(path) as image:
        assert image.size == portrait

    # --- delete to the trash and restore ---------------------------------------------------
    window.select_row(1)
    victim = window.current_row()
    key(qtbot, window, "trash")
    qtbot.waitUntil(lambda: row_of(window, victim.id).trashed, timeout=10_000)
    assert not path.with_name(victim.file_name).exists()
    window.select_page(victim.id)
    assert window.review_panel.buttons["restore"].isVisible()
    key(qtbot, window, "restore")
    qtbot.waitUntil(lambda: not row_of(window, victim.id).trashed, timeout=10_000)
    assert window.model.path_of(row_of(window, victim.id)).exists()

    # --- the duplicate: side by side, delete the repeat ------------------------------------
    window.duplicates_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.review.dialog, DuplicatesQueue)
                    and window.review.dialog.isVisible(), timeout=20_000)
    dialog = window.review.dialog
    assert len(dialog.viewers) == 2 and all(v.has_page() for v in dialog.viewers)
    repeat = dialog.current().group.repeat
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(window, repeat.id).trashed, timeout=20_000)
    assert PageState.DUPLICATE not in window.model.counts()
    with database.session() as session:
        decision = session.scalar(select(DuplicatePair))
        assert decision is not None and decision.decision == "deleted_repeat"

    # --- completeness against the protocol -------------------------------------------------
    protocol = protocol1(tmp_path / "protocol1.xlsx", [
        Row(1, "использован", "edu123456", "Иванов Иван"),
        Row(2, "использован", "edu123456", "Петров Пётр"),
        Row(3, "использован", "edu123456", "Сидоров Сидор"),
        Row(4, "испорчен", "edu123456", "Смирнов Семён"),
    ])
    window.tabs.setCurrentWidget(window.completeness)
    window.checks.load_protocol(protocol)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    report = window.checks.report
    assert sorted(int(k) for k in report.complete) == [1, 2, 3], report.as_json()
    assert report.is_complete, report.as_json()
    view = window.completeness
    assert view.tree.topLevelItemCount() == 3
    assert view.tree.topLevelItem(0).background(1).color().name() == "#c6efce"
    assert "3" in window.status_kits.text()
    # one click from a kit to its pages
    item = view.kit_item(report.complete[1])
    view.tree.itemClicked.emit(item, 0)
    assert window.tabs.currentWidget() is window.pages_tab
    number = window.current_row().blank_number
    assert int(default_profile().kit_of(number)) == int(report.complete[1])
    xlsx = tmp_path / "report.xlsx"
    window.checks.export_report(xlsx)
    qtbot.waitUntil(xlsx.exists, timeout=10_000)

    # --- pack, verify, export to the «USB stick» -------------------------------------------
    window.tabs.setCurrentWidget(window.pack_panel)
    panel = window.pack_panel
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)
    assert panel.progress.value() == panel.progress.maximum()
    with database.session() as session:
        archive = session.scalar(select(Archive))
        assert archive is not None and archive.verified_at is not None
        zip_path = Path(archive.path)
    with zipfile.ZipFile(zip_path) as opened:
        names = opened.namelist()
        assert opened.testzip() is None
    assert len(names) == 12 and all(n.endswith(".tif") for n in names)
    usb = tmp_path / "usb"
    usb.mkdir()
    panel.set_target(usb)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (usb / zip_path.name).exists() and panel.pack_button.isEnabled(),
                    timeout=60_000)
    assert (usb / zip_path.name).read_bytes() == zip_path.read_bytes()
    assert panel.archives.topLevelItem(0).text(5) == panel.tr("yes")  # exported
    with database.session() as session:
        export = session.scalar(select(Export))
        assert export is not None and export.verified
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"page_number_set", "page_rotated", "page_deleted", "page_restored"} <= actions
    QApplication.processEvents()
