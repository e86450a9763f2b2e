"""The completeness controller on its own (no `MainWindow`): before a protocol the status
counts kits by the profile's page count; a protocol workbook loaded through it shows the
kit the room lacks, the status says «1 of 2», the report is written as xlsx, and a kit's
row leads to its first page in the grid."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel, QWidget

from scanstation.db import Database
from scanstation.recognition.pool import RecognitionPool
from scanstation.ui.completeness_controller import CompletenessController
from scanstation.ui.completeness_view import CompletenessView
from scanstation.ui.jobs import JobRunner
from tests.gate_room import room_protocol
from tests.ui.conftest import one_kit_package
from tests.ui.controller_parts import PageGrid, RecordingSink


@dataclass
class Checks:
    controller: CompletenessController
    pages: PageGrid
    label: QLabel
    sink: RecordingSink
    chosen: list[int] = field(default_factory=list)


@pytest.fixture
def checks(qtbot, database: Database,  # type: ignore[no-untyped-def]
           recognizer: RecognitionPool) -> Iterator[Checks]:
    package_id = one_kit_package(database, recognizer, "Аудитория 1", protocol=False)
    host = QWidget()
    qtbot.addWidget(host)
    jobs, sink, label = JobRunner(host), RecordingSink(), QLabel(host)
    pages = PageGrid(database, package_id, host)
    chosen: list[int] = []

    def select_path(path: Path) -> None:
        row = pages.model.row_of_path(path)
        if row is not None:
            pages.grid.select_row(row)

    controller = CompletenessController(
        database, view=CompletenessView(host), kits_label=label, model=pages.model,
        jobs=jobs, status=sink, dialogs=host, package_id=lambda: package_id,
        choose_package=chosen.append, select_path=select_path, parent=host)
    controller.package_opened()
    yield Checks(controller, pages, label, sink, chosen)
    jobs.cancel_all()
    jobs.wait(30_000)


def test_without_a_protocol_kits_count_by_the_profile(  # type: ignore[no-untyped-def]
        qtbot, checks: Checks) -> None:
    qtbot.waitUntil(lambda: checks.label.text() != "", timeout=30_000)
    assert checks.label.text() == "Protocol not loaded · kits with all their pages: 1 of 1"


def test_protocol_shows_the_missing_kit_and_the_report_is_written(  # type: ignore[no-untyped-def]
        qtbot, checks: Checks, tmp_path: Path) -> None:
    controller, view = checks.controller, checks.controller.view
    loaded: list[bool] = []
    controller.protocol_loaded.connect(lambda: loaded.append(True))
    controller.load_protocol(room_protocol(tmp_path))  # kits 1 and 2 used; 1 scanned
    qtbot.waitUntil(lambda: controller.report is not None, timeout=60_000)
    report = controller.report
    assert report is not None and report.protocol_loaded
    assert loaded == [True]
    assert checks.sink.messages[0].startswith("Protocol loaded:")
    assert len(report.complete) == 1 and len(report.missing) == 1
    missing = report.missing[0]
    assert missing.lstrip("0") == "2"
    item = view.kit_item(missing)
    assert item is not None and item.text(2) == "0"  # listed, no pages
    assert view.check_button.isEnabled() and view.export_button.isEnabled()
    assert checks.label.text() == "Kits complete: 1 of 2"

    target = tmp_path / "Комплектность.xlsx"
    controller.export_report(target)
    qtbot.waitUntil(lambda: target.is_file() and len(checks.sink.messages) > 1,
                    timeout=30_000)
    assert checks.sink.messages[-1] == f"Report saved: {target}"
    book = load_workbook(target, read_only=True)
    cells = {str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for value in row if value is not None}
    book.close()
    assert any(missing in cell or cell.lstrip("0") == "2" for cell in cells)
    assert not checks.sink.errors


def test_a_kit_row_leads_to_its_first_page(  # type: ignore[no-untyped-def]
        qtbot, checks: Checks) -> None:
    controller, view = checks.controller, checks.controller.view
    controller.check()
    qtbot.waitUntil(lambda: controller.report is not None, timeout=60_000)
    kit = controller.report.complete[0] if controller.report else ""
    item = view.kit_item(kit)
    assert item is not None
    model = checks.pages.model
    assert checks.pages.current_id() is None
    view.tree.itemActivated.emit(item, 0)
    first = model.page(0)
    assert checks.pages.current_id() == first.id
    assert checks.chosen == []  # the page is in the open package: no other room opened
