"""Two different sheets carrying one blank number, decided in the real window: the
duplicates dialog says they differ, «Удалить повтор» is refused (different sheets are
never merged), «Разные листы — сообщить координатору» records the escalation — every page
and file stays as it was — and the window shows it: the pages' label, the status bar, the
completeness tab (kit lilac, «duplicates») — and the queue keeps listing the escalation
until «The coordinator answered»."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import AuditEntry, DuplicatePair, Page
from scanstation.duplicates import DuplicateKind
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.profile import default_profile
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.scanner.base import ScannedPage
from scanstation.station.packages import PackageService
from scanstation.ui.duplicates_queue import DuplicatesQueue
from scanstation.ui.page_model import PageListModel
from scanstation.ui.page_state import PageState
from tests.protocol.builders import Row, protocol1
from tests.protocol.pages import filled_blank
from tests.ui.conftest import _SharedPool, answer_operator

pytestmark = pytest.mark.gui

NUMBER = sample_number(1, 1)


def two_sheets_one_number(database: Database, recognizer: RecognitionPool) -> int:
    """Kit 1 complete, and a second participant's sheet printed with kit 1 page 1's number
    (another hand in the answer area), scanned last — through the core pipeline."""
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 21", default_profile())
    sheets = [filled_blank(1, page, hand=page) for page in range(1, 5)]
    sheets.append(filled_blank(1, 1, hand=77))
    with IngestPipeline(database, package.id, pool=_SharedPool(recognizer)) as pipeline:
        for index, image in enumerate(sheets, start=1):
            pipeline.add_page(ScannedPage(image=image, dpi=200, source="test:feeder",
                                          index=index))
    return package.id


def open_dialog(qtbot, window) -> DuplicatesQueue:  # type: ignore[no-untyped-def]
    window.duplicates_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.review.dialog, DuplicatesQueue)
                    and window.review.dialog.isVisible()
                    and window.review.dialog.current() is not None, timeout=20_000)
    dialog = window.review.dialog
    assert isinstance(dialog, DuplicatesQueue)
    return dialog


def files_and_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.tif")) if ".thumbs" not in p.parts}


def page_rows(database: Database, package_id: int) -> list[tuple[int, str, str | None, bool]]:
    with database.session() as session:
        return [(p.seq, p.file_name, p.blank_number, p.trashed_at is not None)
                for p in session.scalars(select(Page).where(Page.package_id == package_id)
                                         .order_by(Page.seq))]


def test_different_sheets_are_escalated_never_merged(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, recognizer, tmp_path: Path) -> None:
    package_id = two_sheets_one_number(database, recognizer)
    window.tree.reload(select_package=package_id)
    assert window.package_id == package_id
    model: PageListModel = window.model
    assert model.counts()[PageState.DUPLICATE] == 2, model.counts()
    folder = model.folder
    before_files = files_and_hashes(folder)
    before_rows = page_rows(database, package_id)
    assert len(before_files) == 5
    assert [n for _s, _f, n, _t in before_rows] == [
        sample_number(1, p) for p in (1, 2, 3, 4, 1)]

    # --- the dialog shows both pages and says they differ --------------------------------
    dialog = open_dialog(qtbot, window)
    assert dialog.number == NUMBER and dialog.position.text().startswith("1 of 1")
    assert sorted(p.seq for p in dialog.current().group.pages) == [1, 5]
    assert len(dialog.viewers) == 2 and all(v.has_page() for v in dialog.viewers)
    assert "differ" in dialog.verdict.text(), dialog.verdict.text()
    assert dialog.escalate_button.isDefault() and not dialog.delete_button.isDefault()

    # --- «delete the repeat» on different sheets is refused: nothing merged --------------
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    answer_operator(qtbot, window)  # once a session: who decides
    qtbot.waitUntil(lambda: any(box.objectName() == "ErrorBox" and box.isVisible()
                                for box in window.findChildren(QMessageBox)), timeout=20_000)
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "ErrorBox"
               and b.isVisible())
    assert "разные листы" in box.text() and "нельзя объединять" in box.text(), box.text()
    box.close()
    assert page_rows(database, package_id) == before_rows
    assert files_and_hashes(folder) == before_files
    with database.session() as session:
        assert session.scalar(select(DuplicatePair)) is None

    # --- «different sheets — report to the coordinator» (the queue stayed open) ----------
    qtbot.waitUntil(dialog.escalate_button.isEnabled, timeout=20_000)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.escalate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "reported to the coordinator"
                    in window.statusBar().currentMessage(), timeout=20_000)
    assert NUMBER in window.statusBar().currentMessage()

    # nothing deleted, moved, renumbered or rewritten
    assert page_rows(database, package_id) == before_rows
    assert files_and_hashes(folder) == before_files
    assert not (folder / ".trash").exists() or not any((folder / ".trash").iterdir())
    # the escalation as the core records it
    with database.session() as session:
        decisions = list(session.scalars(select(DuplicatePair)))
        assert [(d.blank_number, d.kind, d.decision) for d in decisions] == [
            (NUMBER, DuplicateKind.DIFFERENT_SHEETS, "escalated")]
        assert decisions[0].operator == "Оператор Смирнова"
        entries = list(session.scalars(select(AuditEntry).where(
            AuditEntry.action == "duplicate_escalated")))
        assert len(entries) == 1 and entries[0].package_id == package_id
        details = json.loads(entries[0].details)
        assert details["blank_number"] == NUMBER
        assert sorted(details["pages"]) == ["0001.tif", "0005.tif"]
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action.in_(("page_deleted", "duplicate_deleted_repeat")))) is None

    # ...and as the window shows it: still duplicates, now marked as reported
    duplicated = [row for row in model.rows if row.state is PageState.DUPLICATE]
    assert sorted(row.seq for row in duplicated) == [1, 5]
    assert all(row.escalated for row in duplicated)
    assert not any(row.escalated for row in model.rows if row.seq not in (1, 5))
    for row in duplicated:
        tooltip = model.data(model.index(model.row_of(row.id)), Qt.ItemDataRole.ToolTipRole)
        assert "reported to the coordinator" in tooltip, tooltip
    window.select_page(duplicated[-1].id)
    assert "0005" in window.review_panel.state_label.text()
    assert "reported to the coordinator" in window.review_panel.state_label.text()
    assert "Pages: 5" in window.status_pages.text()

    # the queue keeps the escalation, listed as waiting for the answer
    qtbot.waitUntil(lambda: dialog.answered_button.isVisibleTo(dialog)
                    and dialog.answered_button.isEnabled(), timeout=20_000)
    assert "reported to the coordinator" in dialog.list.item(0).text()
    assert not dialog.delete_button.isVisibleTo(dialog)

    # --- the completeness tab: kit 1 is lilac with duplicates, not complete -------------
    protocol = protocol1(tmp_path / "protocol1.xlsx",
                         [Row(1, "использован", "edu123456", "Иванов Иван")])
    window.tabs.setCurrentWidget(window.completeness)
    window.checks.load_protocol(protocol)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    report = window.checks.report
    assert [(d.number, d.kind) for d in report.duplicates] == [
        (NUMBER, DuplicateKind.DIFFERENT_SHEETS)]
    assert not report.is_complete
    view = window.completeness
    assert view.tree.topLevelItemCount() == 1
    item = view.tree.topLevelItem(0)
    assert int(item.text(0)) == 1
    assert "duplicates" in item.text(1)
    assert item.text(2) == "5"  # both sheets counted, none merged away
    assert item.background(1).color().name() == "#" + report.kits[0].colour.lower()
    assert "duplicated numbers: 1" in view.summary.text()

    # the coordinator answered: the escalation leaves the queue
    window.duplicates_action.trigger()
    qtbot.waitUntil(dialog.answered_button.isEnabled, timeout=20_000)
    qtbot.mouseClick(dialog.answered_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=20_000)
    assert window.statusBar().currentMessage() == "No open duplicates in this event."
    assert page_rows(database, package_id) == before_rows
    dialog.reject()  # leave no modal dialog behind for the next test
