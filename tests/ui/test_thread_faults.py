"""The window's background threads under injected faults: a stalled pipeline shows its
reason with «Повторить» and retrying finishes the pages; the package cannot change under a
running scan; thumbnail and scanner threads survive a bug; an uncaught exception in any
thread is logged and shown in a dialog."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from scanstation.db import Database
from scanstation.db.models import PageStatus
from scanstation.ingest import pipeline_recognition
from scanstation.profile import default_profile
from scanstation.scanner.base import ScanOptions
from scanstation.scanner.demo import demo_stack
from scanstation.station.packages import PackageService
from scanstation.ui import scan_worker
from scanstation.ui.crash_dialog import CrashReporter
from scanstation.ui.scan_worker import BatchRequest, ScanWorker
from scanstation.ui.thumbnails import ThumbnailLoader
from tests.ui.conftest import StackDriver, package_stack

pytestmark = [pytest.mark.gui, pytest.mark.timeout(240)]


@pytest.mark.parametrize("drivers", [[StackDriver(demo_stack()[:3])]])
@pytest.mark.usefixtures("russian")  # the texts are the window's: Qt translates them
def test_stall_banner_with_retry_finishes_the_pages(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    armed = threading.Event()
    armed.set()
    real = pipeline_recognition.recompute_quality

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        if armed.is_set():
            raise RuntimeError("injected bug")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline_recognition, "recompute_quality", broken)
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 40", default_profile())
    window.tree.reload(select_package=package.id)
    assert window.package_id == package.id
    qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    banner = window.fault_banner
    qtbot.waitUntil(lambda: banner.isVisible() and "ошибки программы" in banner.text.text(),
                    timeout=90_000)
    assert banner.button.text() == "Повторить"
    pipeline = window.scan.pipeline
    assert pipeline is not None and pipeline.stall is not None
    qtbot.waitUntil(lambda: not window.scan.scanning, timeout=60_000)
    assert pipeline.wait_idle(60)
    pages = PackageService(database).pages(package.id)
    assert len(pages) == 3 and all(p.path.exists() for p in pages)  # safe on disk
    assert {p.status for p in pages} == {PageStatus.PENDING}

    armed.clear()  # the cause is gone: «Повторить»
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: PageStatus.PENDING not in {
        p.status for p in PackageService(database).pages(package.id)}, timeout=90_000)
    assert pipeline.stall is None and not banner.isVisible()


@pytest.mark.parametrize("drivers", [[StackDriver(package_stack(), page_delay=0.4)]])
@pytest.mark.usefixtures("russian")  # the texts are the window's: Qt translates them
def test_package_cannot_change_while_scanning(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database) -> None:
    service = PackageService(database)
    first = service.open("ОГЭ 2026", "Аудитория 41", default_profile())
    second = service.open("ОГЭ 2026", "Аудитория 42", default_profile())
    window.tree.reload(select_package=first.id)
    window.open_package(first.id)
    with qtbot.waitSignal(window.scan.batch_done, timeout=120_000) as done:
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
        assert not window.tree.isEnabled()
        assert not window.new_package_action.isEnabled()
        window.open_package(second.id)  # e.g. by a keyboard shortcut: refused
        assert window.package_id == first.id
        assert "Идёт сканирование" in window.statusBar().currentMessage()
    assert done.args == [len(package_stack()), False]
    assert window.tree.isEnabled() and window.new_package_action.isEnabled()
    window.open_package(second.id)
    assert window.package_id == second.id
    qtbot.waitUntil(lambda: len(service.pages(first.id)) == len(package_stack()),
                    timeout=30_000)  # every sheet kept (the last ones written meanwhile)


def test_thumbnail_worker_survives_a_bug(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.png"
    Image.new("L", (400, 600), 200).save(good)

    def source(path: Path) -> Path | None:
        if path.name == "bad.png":
            raise RuntimeError("injected bug in the preview cache")
        return None

    loader = ThumbnailLoader(threads=1, source=source)
    with qtbot.waitSignal(loader.thumbnail_ready, timeout=10_000):
        loader.request("bad", tmp_path / "bad.png")
    assert "bad" in loader.failed
    for key in ("good-1", "good-2"):  # the only worker slot was given back
        with qtbot.waitSignal(loader.thumbnail_ready, timeout=10_000):
            loader.request(key, good)
        assert loader.get(key) is not None
    assert loader.wait(10_000)


@pytest.mark.usefixtures("russian")  # the texts are the window's: Qt translates them
def test_scanner_open_crash_fails_the_batch_with_a_message(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def crashing_open(device_id: str, drivers: object) -> object:
        raise RuntimeError("driver crashed")

    monkeypatch.setattr(scan_worker, "open_device", crashing_open)
    worker = ScanWorker([StackDriver(demo_stack()[:1])])
    with qtbot.waitSignal(worker.batch_failed, timeout=5_000) as failed:
        worker.start_batch(BatchRequest(7, "demo:feeder", ScanOptions(), sink=print))
    assert failed.args[0] == 7
    assert "Сканер не открылся" in failed.args[1] and "driver crashed" in failed.args[1]


@pytest.mark.usefixtures("russian")  # the texts are the window's: Qt translates them
def test_uncaught_exception_in_a_thread_is_logged_and_shown(  # type: ignore[no-untyped-def]
        qtbot, window, caplog: pytest.LogCaptureFixture) -> None:
    reporter = CrashReporter(window)
    reporter.install()
    try:
        def explode() -> None:
            raise ValueError("injected crash in a worker thread")

        with caplog.at_level(logging.CRITICAL, logger="scanstation.crash"):
            thread = threading.Thread(target=explode, name="some-worker")
            thread.start()
            thread.join(10)
            qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible(),
                            timeout=10_000)
        box = reporter.box
        assert isinstance(box, QMessageBox)
        assert "injected crash in a worker thread" in box.text()
        assert "Внутренняя ошибка программы" in box.text()
        assert "Traceback" in box.detailedText()
        assert any("some-worker" in r.getMessage() and "Traceback" in r.getMessage()
                   for r in caplog.records)
        box.close()
    finally:
        reporter.uninstall()


def test_package_switch_does_not_wait_for_a_slow_writer(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database) -> None:
    """The old package's last page is still being written (a slow disk): the switch
    returns at once, the page is written behind it."""
    import time

    from tests.ingest.conftest import blank, scanned

    service = PackageService(database)
    first = service.open("ОГЭ 2026", "Аудитория 43", default_profile())
    second = service.open("ОГЭ 2026", "Аудитория 44", default_profile())
    window.open_package(first.id)
    pipeline = window.scan.ensure_pipeline()
    feeder = window.scan.feeder
    assert pipeline is not None and feeder is not None
    disk = threading.Event()
    real_add = pipeline.add_page

    def slow_add(page):  # type: ignore[no-untyped-def]
        disk.wait(60)
        return real_add(page)

    pipeline.add_page = slow_add  # type: ignore[method-assign]
    feeder.feed(scanned(blank(8, 1), 1))
    started = time.monotonic()
    window.open_package(second.id)
    assert time.monotonic() - started < 5  # the closing waits up to 15 s: not here
    assert window.package_id == second.id
    disk.set()
    qtbot.waitUntil(lambda: len(service.pages(first.id)) == 1, timeout=30_000)
    assert window.scan.wait_closed(30)


@pytest.mark.parametrize("drivers", [[StackDriver(demo_stack()[:3])]])
@pytest.mark.usefixtures("russian")  # the texts are the window's: Qt translates them
def test_page_writer_bug_while_scanning_then_retry(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from scanstation.ingest.pipeline import IngestPipeline

    armed = threading.Event()
    armed.set()
    real_add = IngestPipeline.add_page

    def add_page(self, page):  # type: ignore[no-untyped-def]
        if armed.is_set():
            raise RuntimeError("injected bug in the page writer")
        return real_add(self, page)

    monkeypatch.setattr(IngestPipeline, "add_page", add_page)
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 45", default_profile())
    window.open_package(package.id)
    qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    banner = window.fault_banner
    qtbot.waitUntil(lambda: banner.isVisible() and not window.scan.scanning, timeout=60_000)
    assert "ошибки программы" in banner.text.text()
    assert banner.button.text() == "Повторить"
    feeder = window.scan.feeder
    assert feeder is not None and feeder.flush(30) and feeder.held >= 1  # kept in memory

    armed.clear()
    # The scanner stopped at the fault, or (when it fed faster than the writer failed)
    # ended its batch already: either way «Повторить» writes every held page and the
    # batch is complete.
    # (the resume job drops a held page only after its row is committed: wait for both)
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [p.seq for p in PackageService(database).pages(package.id)]
                    == [1, 2, 3] and not window.scan.scanning and feeder.held == 0,
                    timeout=60_000)
    assert feeder.flush(30) and feeder.error is None
    assert window.scan.scanner is not None
    assert window.scan.scanner.worker.batch is not None
    assert window.scan.scanner.worker.batch.pages_delivered == 3
