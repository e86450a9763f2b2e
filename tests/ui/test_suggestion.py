"""An unreadable page whose printed digits OCR read: the window pre-fills them as a
suggestion, Enter accepts it, and the audit trail says it was the suggestion confirmed.

Everything is real: the page goes through the core pipeline and the recognition worker
process (zxing-cpp, then Tesseract on the digit line), the database is a SQLite file."""

from __future__ import annotations

import json

import pytest
from PIL import ImageDraw
from PySide6.QtCore import Qt
from sqlalchemy import select

from scanstation.db.models import AuditEntry, Page
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.profile import default_profile
from scanstation.samples import barcode_image, mm_to_px, render_blank, sample_number
from scanstation.scanner.base import ScannedPage
from scanstation.station.packages import PackageService
from scanstation.ui.page_state import PageState
from tests.ui.conftest import _SharedPool, answer_operator

pytestmark = pytest.mark.gui

NUMBER = sample_number(2, 3, 4711)


def _blank_with_code_blotted_out():  # type: ignore[no-untyped-def]
    """A blank whose barcode is covered by a blot; the digits under it stay legible."""
    page = render_blank(NUMBER, "Code128", dpi=200)
    code = barcode_image(NUMBER, "Code128", 200)
    margin = mm_to_px(12, 200)
    x0, y0 = page.width - margin - code.width, margin
    ImageDraw.Draw(page).rectangle((x0 + code.width // 4, y0 - 4, x0 + 3 * code.width // 4,
                                    y0 + code.height), fill=20)
    return page


def test_suggestion_is_prefilled_and_enter_accepts_it(qtbot, window, database,  # type: ignore[no-untyped-def]
                                                      recognizer) -> None:
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 7", default_profile())
    with IngestPipeline(database, package.id, pool=_SharedPool(recognizer)) as pipeline:
        pipeline.add_page(ScannedPage(_blank_with_code_blotted_out(), 200, "test", 1))
    with database.session() as session:
        page = session.scalars(select(Page).where(Page.package_id == package.id)).one()
        assert page.blank_number is None and page.status == "unreadable"
        assert page.suggestion == NUMBER  # the printed digits, never the number itself
        page_id = page.id

    window.open_package(package.id)
    window.select_row(0)
    row = window.current_row()
    assert row.state is PageState.UNREADABLE
    panel = window.review_panel
    assert panel.typed_number() == NUMBER
    assert panel.suggestion.isVisible()
    assert "printed digits" in panel.suggestion.text() or "печатным" in panel.suggestion.text()

    panel.number.setFocus()
    qtbot.keyClick(panel.number, Qt.Key.Key_Return)
    answer_operator(qtbot, window)  # asked once per session, for the audit trail
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(page_id)).blank_number
                    == NUMBER, timeout=10_000)
    with database.session() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.page_id == page_id, AuditEntry.action == "page_number_set")).one()
        details = json.loads(entry.details)
        assert details["how"] == "suggestion_confirmed"
        assert details["operator"] == "Оператор Смирнова"
        assert session.get(Page, page_id).read_method == "manual"


def test_a_corrected_suggestion_is_recorded_as_corrected(qtbot, window, database,  # type: ignore[no-untyped-def]
                                                         recognizer) -> None:
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 8", default_profile())
    with IngestPipeline(database, package.id, pool=_SharedPool(recognizer)) as pipeline:
        pipeline.add_page(ScannedPage(_blank_with_code_blotted_out(), 200, "test", 1))
    window.open_package(package.id)
    window.select_row(0)
    panel = window.review_panel
    other = sample_number(2, 4, 4711)
    panel.number.setFocus()
    panel.number.selectAll()
    qtbot.keyClicks(panel.number, other)
    qtbot.keyClick(panel.number, Qt.Key.Key_Return)
    answer_operator(qtbot, window)
    page_id = window.current_row().id if window.current_row() else None
    qtbot.waitUntil(lambda: any(r.blank_number == other for r in window.model.rows),
                    timeout=10_000)
    with database.session() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "page_number_set")).one()
        assert json.loads(entry.details)["how"] == "suggestion_corrected"
    assert page_id is not None
