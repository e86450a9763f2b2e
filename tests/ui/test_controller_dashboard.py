"""The dashboard controller on its own (no `MainWindow`): the event's figures come from the
database (two rooms, a protocol with a kit nobody scanned), a figure opens the
completeness tab with only its kits and the first page behind it, a figure of another
room opens that room, and the trash lists a deleted page and restores it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from scanstation.db import Database
from scanstation.protocol.reader import read_protocol
from scanstation.protocol.store import import_protocol
from scanstation.recognition.pool import RecognitionPool
from scanstation.station.actions import PageActions
from scanstation.station.packages import PackageService
from scanstation.ui.completeness_controller import CompletenessController
from scanstation.ui.completeness_view import CompletenessView
from scanstation.ui.dashboard import EventDashboard, Group
from scanstation.ui.dashboard_controller import DashboardController
from scanstation.ui.jobs import JobRunner
from scanstation.ui.trash_view import TrashDialog
from tests.protocol.builders import Row, protocol1
from tests.ui.conftest import one_kit_package
from tests.ui.controller_parts import PageGrid, RecordingSink


def _ignore(_result: object) -> None:
    """`restore_page` answers nothing; the window's own is the review's restore job."""


@dataclass
class Overview:
    controller: DashboardController
    checks: CompletenessController
    pages: PageGrid
    tabs: QTabWidget
    sink: RecordingSink
    host: QWidget
    rooms: tuple[int, int]
    chosen: list[int]


@pytest.fixture
def overview(qtbot, database: Database, recognizer: RecognitionPool,  # type: ignore[no-untyped-def]
             tmp_path: Path) -> Iterator[Overview]:
    first = one_kit_package(database, recognizer, "Аудитория 1", kit=1, protocol=False)
    second = one_kit_package(database, recognizer, "Аудитория 2", kit=2, protocol=False)
    event_id = PackageService(database).package(first).event_id
    workbook = protocol1(tmp_path / "protocol1.xlsx", [
        Row(1, "использован", "edu123456", "Иванов Иван"),
        Row(2, "использован", "edu123456", "Петров Пётр"),
        Row(3, "использован", "edu123456", "Сидоров Сидор"),  # nobody scanned it
    ])
    import_protocol(database, event_id, read_protocol(workbook))
    host = QWidget()
    qtbot.addWidget(host)
    jobs, sink = JobRunner(host), RecordingSink()
    pages = PageGrid(database, first, host)
    chosen: list[int] = []
    view, dashboard, tabs = CompletenessView(host), EventDashboard(host), QTabWidget(host)
    tabs.addTab(pages.grid, "pages")
    tabs.addTab(view, "kits")
    tabs.addTab(dashboard, "overview")
    checks = CompletenessController(
        database, view=view, kits_label=QLabel(host), model=pages.model, jobs=jobs,
        status=sink, dialogs=host, package_id=lambda: first, choose_package=chosen.append,
        select_path=lambda _path: None, parent=host)
    actions = PageActions(database)
    controller = DashboardController(
        database, dashboard=dashboard, checks=checks, tabs=tabs, grid=pages.grid,
        model=pages.model, jobs=jobs, status=sink, dialogs=host, package_id=lambda: first,
        choose_package=chosen.append, restore_page=lambda page_id: _ignore(
            actions.restore(page_id)))
    yield Overview(controller, checks, pages, tabs, sink, host, (first, second), chosen)
    jobs.cancel_all()
    jobs.wait(30_000)


def shown(overview: Overview, qtbot) -> None:  # type: ignore[no-untyped-def]
    overview.controller.refresh()
    qtbot.waitUntil(lambda: overview.controller.figures is not None, timeout=60_000)


def test_figures_come_from_the_database(qtbot, overview: Overview) -> None:  # type: ignore[no-untyped-def]
    shown(overview, qtbot)
    figures = overview.controller.figures
    assert figures is not None and figures.event == "ОГЭ 2026"
    assert figures.whole.count(Group.COMPLETE) == 2
    assert figures.whole.count(Group.MISSING) == 1
    assert [room.package_id for room in figures.rooms] == list(overview.rooms)
    assert [room.count(Group.COMPLETE) for room in figures.rooms] == [1, 1]
    dashboard = overview.controller.dashboard
    assert len(dashboard.cards) == 3 and dashboard.refresh.isEnabled()
    assert "2 rooms" in dashboard.heading.text()


def test_a_figure_opens_its_kits_and_first_page(  # type: ignore[no-untyped-def]
        qtbot, overview: Overview) -> None:
    shown(overview, qtbot)
    controller, view = overview.controller, overview.checks.view
    controller.show_group(None, Group.MISSING.value)
    assert overview.tabs.currentWidget() is view and view.whole_event.isChecked()
    visible = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())
               if not view.tree.topLevelItem(i).isHidden()]
    assert [kit.lstrip("0") for kit in visible] == ["3"]
    assert overview.pages.current_id() is None  # a missing kit has no page to show

    controller.show_group(None, Group.COMPLETE.value)
    assert overview.pages.current_id() == overview.pages.model.page(0).id  # kit 1, page 1
    assert overview.chosen == []

    controller.show_group(overview.rooms[1], Group.COMPLETE.value)
    assert overview.chosen == [overview.rooms[1]]  # the other room is opened
    assert not view.whole_event.isChecked()


def test_the_trash_lists_a_deleted_page_and_restores_it(  # type: ignore[no-untyped-def]
        qtbot, overview: Overview) -> None:
    database = overview.pages.database
    page = PackageService(database).pages(overview.rooms[0])[1]
    PageActions(database).delete(page.id)
    overview.controller.open_trash()
    qtbot.waitUntil(lambda: isinstance(overview.controller.trash, TrashDialog), timeout=30_000)
    dialog = overview.controller.trash
    assert dialog is not None and dialog.parent() is overview.host
    assert dialog.entry_ids() == [page.id]
    dialog.restore_button.click()
    assert [p.id for p in PackageService(database).pages(overview.rooms[0])][1] == page.id
    assert overview.sink.messages == ["Page restored from the trash."]
