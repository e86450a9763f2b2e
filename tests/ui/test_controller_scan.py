"""The scan controller on its own (no `MainWindow`): the demo feeder's pages reach the
package through its pipeline, a jam shows the fault banner and «Продолжить» finishes the
batch, and scanning without a package first asks for one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from scanstation.db import Database
from scanstation.profile import default_profile
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.scanner.demo import DemoSheet
from scanstation.settings import StationSettings
from scanstation.station.packages import PackageService
from scanstation.ui.jobs import JobRunner
from scanstation.ui.scan_bar import Banner, ScanBar
from scanstation.ui.scan_controller import ScanController
from tests.ui.conftest import StackDriver, _SharedPool
from tests.ui.controller_parts import RecordingSink

HOSTS: list[QWidget] = []


def one_kit() -> tuple[DemoSheet, ...]:
    return tuple(DemoSheet(sample_number(1, page, 2026)) for page in range(1, 5))


def build(qtbot, database: Database, settings: StationSettings,  # type: ignore[no-untyped-def]
          recognizer: RecognitionPool, driver: StackDriver, package: list[int | None],
          asked: list[str]) -> tuple[ScanController, ScanBar, Banner, RecordingSink]:
    host = QWidget()
    HOSTS.append(host)  # qtbot holds widgets weakly; the controller's parts live in it
    qtbot.addWidget(host)
    bar, banner, sink = ScanBar(host), Banner("#ffd7a8", host), RecordingSink()

    def new_package() -> int | None:
        asked.append("new package")
        return package[0]

    scan = ScanController(
        database, [driver], _SharedPool(recognizer), bar=bar, banner=banner,
        jobs=JobRunner(host), status=sink, settings=lambda: settings,
        package_id=lambda: package[0], new_package=new_package, parent=host)
    scan.refresh_devices()
    qtbot.waitUntil(lambda: bar.device_id() is not None, timeout=10_000)
    return scan, bar, banner, sink


def test_demo_pages_go_through_the_pipeline(  # type: ignore[no-untyped-def]
        qtbot, database: Database, settings: StationSettings,
        recognizer: RecognitionPool) -> None:
    room = PackageService(database).open("ОГЭ 2026", "Аудитория 1", default_profile())
    package: list[int | None] = [room.id]
    asked: list[str] = []
    scan, bar, _banner, sink = build(qtbot, database, settings, recognizer,
                                     StackDriver(one_kit()), package, asked)
    states: list[bool] = []
    reloads: list[int] = []
    scan.scanning_changed.connect(states.append)
    scan.pages_changed.connect(lambda: reloads.append(1))
    try:
        with qtbot.waitSignal(scan.batch_done, timeout=60_000) as done:
            scan.start()
        assert done.args == [4, False]
        service = PackageService(database)
        qtbot.waitUntil(lambda: [p.blank_number is not None for p in service.pages(room.id)]
                        == [True] * 4, timeout=60_000)
        pages = service.pages(room.id)
        assert [p.blank_number for p in pages] == [sample_number(1, n, 2026)
                                                   for n in range(1, 5)]
        assert all((Path(room.folder) / p.file_name).is_file() for p in pages)
        assert states == [True, False] and not scan.scanning and not asked
        assert reloads, "the grid was never told to reload"
        assert "4" in bar.progress.text() and not sink.errors
    finally:
        scan.shutdown()


def test_jam_shows_the_banner_and_continue_finishes_the_batch(  # type: ignore[no-untyped-def]
        qtbot, database: Database, settings: StationSettings,
        recognizer: RecognitionPool) -> None:
    room = PackageService(database).open("ОГЭ 2026", "Аудитория 2", default_profile())
    scan, _bar, banner, _sink = build(qtbot, database, settings, recognizer,
                                      StackDriver(one_kit(), jam_after=2), [room.id], [])
    try:
        with qtbot.waitSignal(scan.batch_stopped, timeout=60_000) as stopped:
            scan.start()
        code, message, safe = stopped.args
        assert code and safe == 2
        assert not banner.isHidden() and banner.text.text() == message
        assert not banner.button.isHidden() and banner.button.text() == "Continue"
        assert scan.batch_open and not scan.scanning
        with qtbot.waitSignal(scan.batch_done, timeout=60_000):
            banner.button.click()
        assert banner.isHidden()
        service = PackageService(database)
        qtbot.waitUntil(lambda: len(service.pages(room.id)) == 4, timeout=30_000)
        assert [p.seq for p in service.pages(room.id)] == [1, 2, 3, 4]
    finally:
        scan.shutdown()


def test_scanning_without_a_package_asks_for_one(  # type: ignore[no-untyped-def]
        qtbot, database: Database, settings: StationSettings,
        recognizer: RecognitionPool) -> None:
    asked: list[str] = []
    scan, _bar, _banner, sink = build(qtbot, database, settings, recognizer,
                                      StackDriver(one_kit()), [None], asked)
    try:
        scan.start()  # the operator declines the new-package dialog: nothing starts
        assert asked == ["new package"]
        assert not scan.scanning and scan.pipeline is None and not sink.errors
    finally:
        scan.shutdown()
