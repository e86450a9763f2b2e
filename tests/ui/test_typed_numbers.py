"""Typed numbers (issue 14, wrong outcome 3): a 20-digit number is always accepted, also
when its kit is not in the loaded protocol — the page is then «outside the protocol», as a
barcode read of it would be, and the completeness view lists the kit. A typed number
carries a mark in the grid and says in the review panel who typed it and when; the audit
trail names the station operator (asked once per session), never a participant."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from scanstation.db.models import AuditEntry, KitProtocolStatus
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.profile import default_profile
from scanstation.protocol.model import Protocol, ProtocolKind, ProtocolKit
from scanstation.protocol.store import import_protocol
from scanstation.samples import sample_number
from scanstation.scanner.base import ScanOptions
from scanstation.scanner.demo import DemoDevice, DemoSheet
from scanstation.settings import load_settings
from scanstation.station.packages import PackageService
from scanstation.ui.page_state import PageState
from scanstation.ui.thumbnail_grid import BADGE_COLOUR as BADGE
from tests.ui.conftest import _SharedPool, answer_operator

pytestmark = pytest.mark.gui

OUTSIDE = sample_number(3, 1, 2026)  # kit 3: the protocol lists only kit 1


def test_typed_number_outside_protocol_is_kept_and_marked(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer, data_dir) -> None:
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 31", default_profile())
    sheets = [DemoSheet(sample_number(1, page, 2026)) for page in range(1, 5)]
    sheets.append(DemoSheet(OUTSIDE, smeared=True))  # its barcode cannot be read
    with IngestPipeline(database, package.id, pool=_SharedPool(recognizer)) as pipeline:
        for page in DemoDevice(stack=tuple(sheets)).scan(ScanOptions()):
            pipeline.add_page(page)
    import_protocol(database, package.event_id, Protocol(
        ProtocolKind.FIS_OKO, "Лист1",
        (ProtocolKit("000001", KitProtocolStatus.USED, "edu123456"),)))
    window.tree.reload(select_package=package.id)
    row = window.current_row()  # the first problem is selected on opening
    assert row is not None and row.state is PageState.UNREADABLE and row.seq == 5

    edit = window.review_panel.number
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, OUTSIDE)
    assert window.review_panel.save_button.isEnabled()
    assert "not among the protocol" in window.review_panel.hint.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    answer_operator(qtbot, window, "Оператор Смирнова")
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(row.id)).blank_number
                    == OUTSIDE, timeout=10_000)
    saved = window.model.page(window.model.row_of(row.id))
    assert saved.state is PageState.OUTSIDE and saved.manual
    assert saved.typed_by == "Оператор Смирнова"
    assert not any(b.objectName() == "ErrorBox" and b.isVisible()
                   for b in window.findChildren(QMessageBox))

    # the review panel says it was typed, by whom and when
    window.select_page(row.id)
    label = window.review_panel.state_label.text()
    assert "outside the protocol" in label and "typed by hand (Оператор Смирнова, " in label
    # the grid's tile carries the badge: its corner is painted in the badge's colour
    index = window.model.index(window.model.row_of(row.id))
    rect = window.grid.visualRect(index)
    image = window.grid.viewport().grab(rect).toImage()
    # (the badge's top-left corner: tile margin 3, image margin 5, badge 21 px wide)
    corner = QColor(image.pixel(image.width() - 28, 12))
    assert corner.name() == BADGE, corner.name()
    # a barcode-read tile has no badge there
    other = window.grid.viewport().grab(window.grid.visualRect(window.model.index(0))).toImage()
    assert QColor(other.pixel(other.width() - 28, 12)).name() != BADGE

    # the audit trail: who and when; the settings keep the operator's name
    with database.session() as session:
        entry = session.scalar(select(AuditEntry).where(
            AuditEntry.action == "page_number_set"))
        assert entry is not None and entry.at is not None
        assert json.loads(entry.details or "{}")["operator"] == "Оператор Смирнова"
    assert load_settings(data_dir).operator_name == "Оператор Смирнова"

    # the completeness view lists the kit as extra (not in the protocol)
    window.tabs.setCurrentWidget(window.completeness)
    window.checks.report = None
    qtbot.mouseClick(window.completeness.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    report = window.checks.report
    assert [int(k) for k in report.unexpected] == [3]
    item = window.completeness.kit_item(report.unexpected[0])
    assert item is not None and item.text(1) == "unexpected"

    # a second number in the same session is not asked for again
    window.tabs.setCurrentWidget(window.pages_tab)
    window.select_page(row.id)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, sample_number(1, 4, 2026))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(row.id)).blank_number
                    == sample_number(1, 4, 2026), timeout=10_000)
    assert not window.review.operator.dialog.isVisible()
