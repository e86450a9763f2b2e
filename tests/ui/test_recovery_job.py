"""Recovery after a crash runs as a job of the window: the window is up and usable before it
ends, the package under recovery is read-only meanwhile, and what was set aside is told."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from scanstation.db import Database
from scanstation.ingest import recovery
from scanstation.ingest.recovering import is_recovering
from scanstation.recognition.pool import RecognitionPool
from scanstation.station.actions import PackageRecovering, PageActions
from scanstation.station.packages import PackageService
from scanstation.ui.recovery_job import start_recovery
from tests.ui.conftest import one_kit_package

pytestmark = pytest.mark.gui


def _messages(window) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(box.text() for box in window.findChildren(QMessageBox))


@pytest.mark.timeout(300)
def test_window_opens_before_recovery_ends_and_the_package_waits_read_only(
        qtbot, window, database: Database, recognizer: RecognitionPool,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 12")
    folder = Path(PackageService(database).package(package_id).folder)
    (folder / "0005.tif").write_bytes(b"no image, a page's name")
    page_id = PackageService(database).pages(package_id)[0].id
    # Recovery of this package is held at its start until the test lets it go: a slow disk
    # or thousands of pages, made deterministic.
    gate = threading.Event()
    real = recovery.reconcile_package

    def held(database_: Database, package_id_: int) -> recovery.RecoveryReport:
        gate.wait(120)
        return real(database_, package_id_)

    monkeypatch.setattr(recovery, "reconcile_package", held)
    job = start_recovery(database, window.settings.archives_path(), window.jobs, window,
                         window.schedule_reload)
    qtbot.waitUntil(lambda: is_recovering(package_id), timeout=30_000)
    assert window.isVisible() and not job.done  # the window is up, recovery still running

    with pytest.raises(PackageRecovering):  # read-only meanwhile
        PageActions(database).rotate(page_id, 90)
    window.open_package(package_id)
    window.scan.start()
    assert "восстанавливается после сбоя" in _messages(window)
    assert not window.scan.scanning
    assert (folder / "0005.tif").exists()

    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    qtbot.waitUntil(lambda: ".quarantine" in _messages(window), timeout=30_000)
    assert not is_recovering(package_id)
    assert (folder / ".quarantine" / "0005.tif").exists()
    assert PageActions(database).rotate(page_id, 90).rotation == 90  # writable again
