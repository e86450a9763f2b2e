"""The review controller on its own (no `MainWindow`): each review key changes the page on
disk and in the database, the grid's model follows and the selection moves as the
operator expects; F5 replaces a page with the scanner's next sheet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image
from PySide6.QtWidgets import QWidget

from scanstation.db import Database
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.scanner.demo import DemoSheet
from scanstation.settings import StationSettings
from scanstation.station.actions import PageActions
from scanstation.station.packages import PackageService
from scanstation.ui.jobs import JobRunner
from scanstation.ui.operator_name import OperatorDialog, OperatorName
from scanstation.ui.page_state import PageState
from scanstation.ui.rescan_prompt import RescanPrompt
from scanstation.ui.review_controller import ReviewController
from scanstation.ui.review_panel import ReviewPanel
from scanstation.ui.scan_bar import Banner, ScanBar
from scanstation.ui.scan_controller import ScanController
from tests.ui.conftest import StackDriver, _SharedPool, one_kit_package
from tests.ui.controller_parts import PageGrid, RecordingSink


@dataclass
class Review:
    controller: ReviewController
    pages: PageGrid
    sink: RecordingSink
    stored: list[StationSettings]
    host: QWidget


@pytest.fixture
def review(qtbot, database: Database, settings: StationSettings,  # type: ignore[no-untyped-def]
           recognizer: RecognitionPool) -> Iterator[Review]:
    package_id = one_kit_package(database, recognizer, "Аудитория 1")
    host = QWidget()
    qtbot.addWidget(host)
    sink, jobs = RecordingSink(), JobRunner(host)
    pages = PageGrid(database, package_id, host)
    # The scanner's next sheet (for F5) is kit 1's page 3 again, fed the right way up.
    driver = StackDriver((DemoSheet(sample_number(1, 3, 2026)),))
    bar = ScanBar(host)
    scan = ScanController(
        database, [driver], _SharedPool(recognizer), bar=bar,
        banner=Banner("#ffd7a8", host), jobs=jobs, status=sink,
        settings=lambda: settings, package_id=lambda: package_id,
        new_package=lambda: None, parent=host)
    bar.set_devices(scan.devices, settings.device_id)  # the demo device, as the window does
    stored: list[StationSettings] = []
    operator = OperatorName(lambda: stored[-1] if stored else settings, stored.append, host)
    controller = ReviewController(
        database, PageActions(database), panel=ReviewPanel(host), grid=pages.grid,
        model=pages.model, loader=pages.loader, scan=scan, operator=operator, jobs=jobs,
        status=sink, dialogs=host, package_id=lambda: package_id,
        profile=lambda: pages.profile, reload=pages.reload)
    controller.package_opened()
    yield Review(controller, pages, sink, stored, host)
    jobs.cancel_all()
    jobs.wait(30_000)
    scan.shutdown()


def page_ids(review: Review) -> list[int]:
    model = review.pages.model
    return [model.page(row).id for row in range(model.rowCount())]


def test_rotate_turns_the_file_and_the_model_follows(  # type: ignore[no-untyped-def]
        qtbot, review: Review) -> None:
    model = review.pages.model
    first = model.page(0)
    path = model.path_of(first)
    with Image.open(path) as image:
        before = image.size
    review.controller.panel.rotate_requested.emit(first.id, 90)
    qtbot.waitUntil(lambda: model.page(0).rotation == (first.rotation + 90) % 360,
                    timeout=30_000)
    with Image.open(path) as image:
        assert image.size == (before[1], before[0])
    assert review.pages.current_id() == first.id  # a turn keeps the page chosen
    assert not review.sink.errors


def test_typed_number_is_saved_with_the_operator(  # type: ignore[no-untyped-def]
        qtbot, review: Review) -> None:
    model, controller = review.pages.model, review.controller
    second = model.page(1)
    typed = sample_number(7, 1, 2026)  # a kit the protocol does not list
    controller.panel.number_entered.emit(second.id, typed)
    # Once a session the station operator is asked; the name goes to the settings.
    qtbot.waitUntil(lambda: isinstance(controller.operator.dialog, OperatorDialog),
                    timeout=10_000)
    dialog = controller.operator.dialog
    assert dialog is not None and dialog.parent() is review.host
    dialog.name.setText("Оператор Смирнова")
    dialog.accept()
    qtbot.waitUntil(lambda: model.page(1).blank_number == typed, timeout=30_000)
    row = model.page(1)
    assert row.manual and row.typed_by == "Оператор Смирнова"
    assert row.state == PageState.OUTSIDE  # kit 7 is not in the protocol
    assert [s.operator_name for s in review.stored] == ["Оператор Смирнова"]
    pages = {p.id: p for p in PackageService(review.pages.database).pages(
        review.pages.package_id)}
    assert pages[second.id].blank_number == typed


def test_trash_moves_the_file_and_the_tile_greys(  # type: ignore[no-untyped-def]
        qtbot, review: Review) -> None:
    model = review.pages.model
    third = model.page(2)
    path = model.path_of(third)
    assert path.is_file()
    review.pages.grid.select_row(2)
    review.controller.panel.trash_requested.emit(third.id)
    qtbot.waitUntil(lambda: model.page(2).trashed, timeout=30_000)
    assert model.page(2).state == PageState.TRASHED
    assert not path.exists()  # moved to the package's trash, restorable
    assert third.id not in [p.id for p in PackageService(review.pages.database).pages(
        review.pages.package_id)]
    # F8 again restores it under its name
    review.controller.panel.restore_requested.emit(third.id)
    qtbot.waitUntil(lambda: not model.page(2).trashed, timeout=30_000)
    assert path.is_file()


def test_no_problem_pages_is_said_in_the_status(review: Review) -> None:
    review.controller.go_to_problem(1)
    assert review.sink.messages == ["No problem pages left."]


def test_rescan_replaces_the_page_with_the_next_sheet(  # type: ignore[no-untyped-def]
        qtbot, review: Review) -> None:
    model, controller = review.pages.model, review.controller
    third = model.page(2)
    controller.rescan(third.id)
    prompt = controller.prompt
    assert isinstance(prompt, RescanPrompt) and prompt.parent() is review.host
    prompt.accept()
    qtbot.waitUntil(lambda: third.id not in page_ids(review)
                    or model.page(model.row_of(third.id) or 0).trashed, timeout=60_000)
    live = PackageService(review.pages.database).pages(review.pages.package_id)
    assert [p.seq for p in live] == [1, 2, 3, 4]
    replaced = live[2]
    assert replaced.id != third.id
    qtbot.waitUntil(lambda: review.pages.current_id() == replaced.id, timeout=30_000)
    assert not review.sink.errors
