"""Cancelling a pack and an export from the «Архивы и выгрузка» tab mid-way: the job stops,
the window stays responsive, no half-written archive is left under its final name (the
hidden `.NAME.XXXXXXXX.tmp` file is removed), the database records nothing of the
cancelled run, and the next pack (and export) succeeds.

«Mid-way» must be deterministic on a 4-page package that packs in a fraction of a second:
the real `pack_package` / `export_archives` run on the window's worker thread with the
window's own progress callback and cancel event, and the only addition is a pause in that
progress callback — the first time the run's temporary file exists on disk, the worker
waits until the operator's «Отмена» sets the job's cancel event. Nothing is replaced by a
fake: files, ZIPs and the SQLite database are real.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import func, select

from scanstation.archive.export import export_archives
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.db import Database
from scanstation.db.models import Archive, ArchiveMember, AuditEntry, Export
from scanstation.fsutil import TMP_SUFFIX
from scanstation.ui import archive_controller
from tests.ui.conftest import one_kit_package

_UNIQUE = re.compile(r"\.[A-Za-z0-9_]{8}\.")  # mkstemp's part of the run's temporary name
pytestmark = pytest.mark.gui

Progress = Callable[[int, int, str], None]


class MidwayPause:
    """Pauses the worker once, while a temporary file of the run exists in `folder`, until
    the job's cancel event is set (or `timeout` passes: the test then fails on its own
    assertions, never hangs)."""

    def __init__(self, timeout: float = 20.0) -> None:
        self.reached = threading.Event()
        self.parts_seen: list[Path] = []
        self.timeout = timeout

    def wrap(self, folder: Path, progress: Progress, cancel: threading.Event) -> Progress:
        def paused(done: int, total: int, label: str) -> None:
            progress(done, total, label)
            if self.reached.is_set():
                return
            parts = sorted(folder.glob(f".*{TMP_SUFFIX}"))
            if parts:
                self.parts_seen = parts
                self.reached.set()
                cancel.wait(self.timeout)

        return paused


@pytest.fixture
def pause(monkeypatch: pytest.MonkeyPatch) -> MidwayPause:
    gate = MidwayPause()

    def pack(folder: Path, options: PackOptions, database: Database | None,
             progress: Progress, cancel: threading.Event) -> Any:
        return pack_package(folder, options, database,
                            gate.wrap(options.out_dir, progress, cancel), cancel)

    def export(archives: list[Path], target: Path, database: Database | None,
               progress: Progress, cancel: threading.Event) -> Any:
        return export_archives(archives, target, database,
                               gate.wrap(target, progress, cancel), cancel)

    monkeypatch.setattr(archive_controller, "pack_package", pack)
    monkeypatch.setattr(archive_controller, "export_archives", export)
    return gate


def assert_responsive(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The GUI thread runs a queued timer promptly: it is not waiting for the job."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=1000)


def open_package(qtbot, window, database, recognizer, name: str):  # type: ignore[no-untyped-def]
    package_id = one_kit_package(database, recognizer, name)
    window.tree.reload(select_package=package_id)
    assert window.package_id == package_id
    panel = window.pack_panel
    window.tabs.setCurrentWidget(panel)
    panel.encrypt.setChecked(False)
    return package_id, panel


def pack(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.archives.topLevelItemCount() == 1
                    and panel.pack_button.isEnabled(), timeout=60_000)


def cancel_mid_way(qtbot, window, pause: MidwayPause, start: Any) -> None:  # type: ignore[no-untyped-def]
    """Start a job with the given button, wait till its temporary file is on disk, press Cancel."""
    panel = window.pack_panel
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pause.reached.is_set, timeout=30_000)
    # mid-way: the window is busy but answers, and offers Cancel
    assert_responsive(qtbot)
    assert panel.cancel_button.isEnabled()
    assert not panel.pack_button.isEnabled() and not panel.export_button.isEnabled()
    window.tabs.setCurrentWidget(window.pages_tab)  # the operator looks around meanwhile
    window.tabs.setCurrentWidget(panel)
    assert all(part.exists() for part in pause.parts_seen)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert_responsive(qtbot)  # Cancel does not wait for the worker
    qtbot.waitUntil(lambda: panel.pack_button.isEnabled()
                    and not panel.cancel_button.isEnabled(), timeout=30_000)
    assert panel.status.text() == "Cancelled."
    qtbot.waitUntil(lambda: all(h.name not in ("pack", "export")
                                for h in window.jobs.active.values()), timeout=5000)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_cancel_pack_mid_way_leaves_nothing_and_the_next_pack_succeeds(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, recognizer, pause: MidwayPause,
        tmp_path: Path) -> None:
    package_id, panel = open_package(qtbot, window, database, recognizer, "Аудитория 11")
    archives_root = tmp_path / "archives"

    cancel_mid_way(qtbot, window, pause, panel.pack_button)
    # one part being written, under a temporary name of its own
    assert [_UNIQUE.sub(".", p.name) for p in pause.parts_seen] == [".Аудитория 11.zip.tmp"]
    assert leftovers(archives_root) == []  # neither the temporary file nor a .zip nor a manifest
    assert panel.archives.topLevelItemCount() == 0
    assert not panel.export_button.isEnabled()  # nothing to export
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Archive)) == 0
        assert session.scalar(select(func.count()).select_from(ArchiveMember)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "pack")) == 0

    pause.reached.set()  # the second run goes straight through
    pack(qtbot, panel)
    with database.session() as session:
        rows = list(session.scalars(select(Archive).where(Archive.package_id == package_id)))
        assert len(rows) == 1 and rows[0].verified_at is not None
        zip_path, sha256 = Path(rows[0].path), rows[0].sha256
    assert sorted(p.name for p in zip_path.parent.iterdir()) == [
        "Аудитория 11.zip", "Аудитория 11.zip.manifest.json"]
    assert hashlib.sha256(zip_path.read_bytes()).hexdigest() == sha256
    with zipfile.ZipFile(zip_path) as opened:
        assert opened.testzip() is None
        assert len(opened.namelist()) == 4


def test_cancel_export_mid_way_leaves_nothing_and_packing_again_succeeds(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, recognizer, pause: MidwayPause,
        tmp_path: Path) -> None:
    package_id, panel = open_package(qtbot, window, database, recognizer, "Аудитория 12")
    pause.reached.set()  # the first pack is not paused
    pack(qtbot, panel)
    with database.session() as session:
        archive = session.scalar(select(Archive).where(Archive.package_id == package_id))
        assert archive is not None
        zip_path, packed_sha = Path(archive.path), archive.sha256
    usb = tmp_path / "usb"
    usb.mkdir()
    panel.set_target(usb)

    pause.reached.clear()
    cancel_mid_way(qtbot, window, pause, panel.export_button)
    # one part being written, under a temporary name of its own
    assert [_UNIQUE.sub(".", p.name) for p in pause.parts_seen] == [".Аудитория 12.zip.tmp"]
    assert leftovers(usb) == []  # the copy under its temporary name is gone, no .zip either
    assert hashlib.sha256(zip_path.read_bytes()).hexdigest() == packed_sha  # station's copy
    assert panel.archives.topLevelItemCount() == 1
    assert panel.archives.topLevelItem(0).text(5) == panel.tr("no")  # not exported
    assert panel.export_button.isEnabled()
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Export)) == 0

    # packing again after the cancelled export replaces the set, then the export succeeds
    pause.reached.set()
    pack(qtbot, panel)
    assert "Packed and verified: 1" in panel.status.text(), panel.status.text()
    with database.session() as session:
        newest = session.scalars(select(Archive).where(Archive.package_id == package_id)
                                 .order_by(Archive.id.desc())).first()
        assert newest is not None and newest.verified_at is not None
        assert Path(newest.path) == zip_path
        assert hashlib.sha256(zip_path.read_bytes()).hexdigest() == newest.sha256
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (usb / zip_path.name).exists() and panel.pack_button.isEnabled(),
                    timeout=60_000)
    assert leftovers(usb) == [zip_path.name]
    assert (usb / zip_path.name).read_bytes() == zip_path.read_bytes()
    assert panel.archives.topLevelItem(0).text(5) == panel.tr("yes")
    with database.session() as session:
        export = session.scalar(select(Export))
        assert export is not None and export.verified
