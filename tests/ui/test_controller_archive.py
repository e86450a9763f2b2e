"""The archive controller on its own (no `MainWindow`): a room with a missing kit is not
packed (the gate says why, and «Назад» leaves nothing behind), a ready room is packed and
verified into the archives folder, and a pack that cannot be written is told through the
status sink."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from scanstation.db import Database
from scanstation.db.models import Archive
from scanstation.recognition.pool import RecognitionPool
from scanstation.settings import StationSettings
from scanstation.station.packages import PackageService
from scanstation.ui.archive_controller import ArchiveController
from scanstation.ui.gate_dialog import GateDialog
from scanstation.ui.jobs import JobRunner
from scanstation.ui.operator_name import OperatorName
from scanstation.ui.pack_panel import PackPanel
from tests.gate_room import incomplete_room
from tests.ui.conftest import _SharedPool, one_kit_package
from tests.ui.controller_parts import RecordingSink


@dataclass
class Parts:
    database: Database
    settings: StationSettings
    panel: PackPanel
    sink: RecordingSink
    host: QWidget
    jobs: JobRunner

    def controller(self, package_id: int) -> ArchiveController:
        profile = PackageService(self.database).profile_of(package_id)
        operator = OperatorName(lambda: self.settings, lambda _s: None, self.host)
        controller = ArchiveController(
            self.database, panel=self.panel, jobs=self.jobs, status=self.sink,
            dialogs=self.host, operator=operator, settings=lambda: self.settings,
            package_id=lambda: package_id, profile=lambda: profile, parent=self.host)
        controller.package_opened()
        return controller


@pytest.fixture
def parts(qtbot, database: Database,  # type: ignore[no-untyped-def]
          settings: StationSettings) -> Iterator[Parts]:
    host = QWidget()
    qtbot.addWidget(host)
    jobs = JobRunner(host)
    yield Parts(database, settings, PackPanel(host), RecordingSink(), host, jobs)
    jobs.cancel_all()
    jobs.wait(30_000)


def archive_count(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Archive)) or 0)


def test_a_room_with_a_missing_kit_is_not_packed(  # type: ignore[no-untyped-def]
        qtbot, parts: Parts, recognizer: RecognitionPool, tmp_path: Path) -> None:
    package_id = incomplete_room(parts.database, _SharedPool(recognizer), tmp_path)
    controller = parts.controller(package_id)
    controller.pack(None)
    qtbot.waitUntil(lambda: isinstance(controller.gate_dialog, GateDialog)
                    and controller.gate_dialog.isVisible(), timeout=30_000)
    dialog = controller.gate_dialog
    assert dialog is not None and dialog.parent() is parts.host
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("без единой страницы" in line and "2" in line for line in lines), lines
    assert not dialog.override_button.isEnabled()  # not without a reason
    dialog.reject()
    qtbot.waitUntil(parts.panel.pack_button.isEnabled, timeout=10_000)
    assert parts.panel.status.text() == "Not done: the package is not ready."
    assert archive_count(parts.database) == 0
    archives = parts.settings.archives_path()
    assert not archives.exists() or not any(archives.rglob("*.zip"))
    assert parts.panel.archives.topLevelItemCount() == 0


def test_a_ready_room_is_packed_and_verified(  # type: ignore[no-untyped-def]
        qtbot, parts: Parts, recognizer: RecognitionPool) -> None:
    package_id = one_kit_package(parts.database, recognizer, "Аудитория 1")
    controller = parts.controller(package_id)
    controller.pack(None)
    qtbot.waitUntil(lambda: controller.last_result is not None, timeout=60_000)
    assert controller.gate_dialog is None  # nothing to ask: the room is ready
    result = controller.last_result
    assert result is not None and len(result.archives) == 1
    assert sum(a.pages for a in result.archives) == 4
    zips = list((parts.settings.archives_path() / "ОГЭ 2026" / "Аудитория 1").glob("*.zip"))
    assert len(zips) == 1
    assert parts.panel.archives.topLevelItemCount() == 1  # listed, verified
    assert [Path(a.path) for a in controller.archives()] == zips
    assert controller.archives()[0].verified_at is not None
    assert parts.panel.status.text().startswith("Packed and verified: 1 archive(s), 4 pages.")
    assert not parts.sink.errors


def test_a_pack_that_cannot_be_written_is_told(  # type: ignore[no-untyped-def]
        qtbot, parts: Parts, recognizer: RecognitionPool) -> None:
    package_id = one_kit_package(parts.database, recognizer, "Аудитория 1")
    archives = parts.settings.archives_path()
    archives.parent.mkdir(parents=True, exist_ok=True)
    archives.write_text("a file where the archives folder should be")
    controller = parts.controller(package_id)
    controller.pack(None)
    qtbot.waitUntil(lambda: bool(parts.sink.errors), timeout=60_000)
    assert parts.panel.status.text() == parts.sink.errors[0]
    assert archive_count(parts.database) == 0
    qtbot.waitUntil(parts.panel.pack_button.isEnabled, timeout=10_000)
