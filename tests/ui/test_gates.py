"""The readiness gate in the window (issue 14, wrong outcomes 1, 5 and 6).

1: «Упаковать и проверить» on a room with a missing kit, an extra kit and an undecided
   duplicate shows one summary of all three and packs nothing until «Упаковать всё равно»
   with a typed reason; the reason reaches the manifest and the audit trail.
5: an archive row says «устарел» as soon as the package changes, and shows its encryption.
6: before a protocol is loaded no kit is «extra» and nothing reads «0 of 0».
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from scanstation.db.models import Archive, AuditEntry
from scanstation.samples import sample_number
from scanstation.ui.gate_dialog import GateDialog
from tests.gate_room import incomplete_room
from tests.ui.conftest import _SharedPool, answer_operator, one_kit_package, type_text

pytestmark = pytest.mark.gui


def gate_dialog(qtbot, window, previous=None) -> GateDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(window.archive.gate_dialog, GateDialog)
                    and window.archive.gate_dialog is not previous
                    and window.archive.gate_dialog.isVisible(), timeout=30_000)
    dialog = window.archive.gate_dialog
    assert isinstance(dialog, GateDialog)
    return dialog


def test_pack_shows_what_is_wrong_and_needs_a_reason(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer, tmp_path: Path) -> None:
    package_id = incomplete_room(database, _SharedPool(recognizer), tmp_path)
    window.tree.reload(select_package=package_id)
    panel = window.pack_panel
    window.tabs.setCurrentWidget(panel)

    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    dialog = gate_dialog(qtbot, window)
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(lines) == 3, lines
    # the core's messages, in Russian (the core speaks through `t()`, not Qt)
    assert "Использованных комплектов без единой страницы: 1: 2" in lines[0], lines
    assert "Лишних комплектов" in lines[1] and "3" in lines[1], lines
    assert f"Нерешённых дубликатов номеров: 1: {sample_number(1, 1, 2026)}" in lines[2], lines
    # no reason, no way on; Esc goes back and packs nothing
    assert not dialog.override_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    qtbot.waitUntil(panel.pack_button.isEnabled, timeout=5_000)
    with database.session() as session:
        assert session.scalar(select(Archive)) is None

    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    dialog = gate_dialog(qtbot, window, previous=dialog)
    reason = "комплект 2 не сдан"
    type_text(dialog.reason, reason)
    assert dialog.override_button.isEnabled()
    qtbot.mouseClick(dialog.override_button, Qt.MouseButton.LeftButton)
    answer_operator(qtbot, window, "Оператор Смирнова")  # once a session: who overrides
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)
    with database.session() as session:
        archive = session.scalar(select(Archive))
        assert archive is not None and archive.manifest_path
        manifest = json.loads(Path(archive.manifest_path).read_text(encoding="utf-8"))
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "pack"))
        assert entry is not None and reason in (entry.details or "")
        assert "Оператор Смирнова" in (entry.details or "")
    assert manifest["incomplete"]["reason"] == reason
    assert [p["code"] for p in manifest["incomplete"]["problems"]] == [
        "missing", "extra", "duplicates"]

    # export asks again, with its own reason, and records it
    target = tmp_path / "stick"
    target.mkdir()
    panel.set_target(target)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    dialog = gate_dialog(qtbot, window, previous=dialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason yet: Enter goes back
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    qtbot.waitUntil(panel.pack_button.isEnabled, timeout=5_000)
    assert not any(target.iterdir())  # nothing exported
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    dialog = gate_dialog(qtbot, window, previous=dialog)
    type_text(dialog.reason, "по звонку координатора")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # with a reason, Enter goes on
    qtbot.waitUntil(lambda: (target / Path(archive.path).name).exists()
                    and panel.pack_button.isEnabled(), timeout=60_000)
    with database.session() as session:
        entry = session.scalar(select(AuditEntry).where(
            AuditEntry.action == "export_incomplete"))
        assert entry is not None and "по звонку координатора" in (entry.details or "")


def test_ready_room_packs_without_a_question(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 11")
    window.tree.reload(select_package=package_id)
    panel = window.pack_panel
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)
    assert window.archive.gate_dialog is None


def test_archive_row_goes_stale_at_once_and_shows_encryption(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 12")
    window.tree.reload(select_package=package_id)
    panel = window.pack_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)
    item = panel.archives.topLevelItem(0)
    headers = [panel.archives.headerItem().text(c) for c in range(panel.archives.columnCount())]
    verified = item.text(headers.index("Verified"))
    assert verified == "yes"
    assert item.text(headers.index("Encryption")) == "no password"
    # a later edit: rotate a page from the keyboard
    window.tabs.setCurrentWidget(window.pages_tab)
    window.select_row(0)
    rotated = window.model.rows[0].id
    qtbot.keyClick(window.review_panel.number, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(rotated)).rotation == 180,
                    timeout=20_000)
    qtbot.waitUntil(lambda: panel.archives.topLevelItem(0).text(
        headers.index("Verified")) == "stale", timeout=20_000)
    assert "stale" in panel.archives.topLevelItem(0).toolTip(headers.index("Verified"))


def test_before_a_protocol_kits_are_not_extra(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 13", protocol=False)
    window.tree.reload(select_package=package_id)
    qtbot.waitUntil(lambda: "Protocol not loaded" in window.status_kits.text(),
                    timeout=30_000)
    assert "1 of 1" in window.status_kits.text() and "0 of 0" not in window.status_kits.text()
    window.tabs.setCurrentWidget(window.completeness)
    window.checks.report = None
    qtbot.mouseClick(window.completeness.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    report = window.checks.report
    assert not report.unexpected and len(report.complete) == 1
    item = window.completeness.tree.topLevelItem(0)
    assert item.text(1) == "complete", item.text(1)
    summary = window.completeness.summary.text()
    assert "Protocol not loaded" in summary and "unexpected: 0" in summary, summary
    # and packing says so in its one summary
    qtbot.mouseClick(window.pack_panel.pack_button, Qt.MouseButton.LeftButton)
    dialog = gate_dialog(qtbot, window)
    assert dialog.problems.count() == 1
    assert dialog.summary.codes() == ["no_protocol"]
    dialog.reject()  # leave no modal dialog behind for the next test
