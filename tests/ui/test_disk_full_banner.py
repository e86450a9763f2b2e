"""The disk fills up while the window scans: the banner says so in Russian with
«Продолжить», every page scanned so far is either a complete file with its row or held in
memory, and after space is freed «Продолжить» writes the held pages and finishes the batch
— all 13 sheets, numbered without a gap, none lost or doubled.

The full disk is real: the small tmpfs of the ingest tests (`small_disk`, needs root;
skipped with the reason otherwise), nearly filled by another «program»'s file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import Page
from scanstation.profile import default_profile
from scanstation.scanner.demo import demo_stack
from scanstation.station.packages import PackageService
from scanstation.ui.page_state import PageState
from tests.ingest.test_disk_full import small_disk  # noqa: F401 - the real full-disk fixture
from tests.ui.conftest import StackDriver, package_stack

pytestmark = [pytest.mark.gui,
              pytest.mark.posix_only("mounts a small tmpfs (Linux, root)")]

PAGE_ROOM = 140_000  # one demo page (~90 KB LZW) and its preview fit, a second does not


def pages(database: Database, package_id: int) -> list[Page]:
    with database.session() as session:
        return list(session.scalars(select(Page).where(Page.package_id == package_id)
                                    .order_by(Page.seq)))


def test_full_disk_banner_in_russian_nothing_lost_then_continue(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, small_disk: Path, russian) -> None:  # noqa: F811
    folder = small_disk / "pkg"
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 31", default_profile(),
                                            folder=folder)
    window.tree.reload(select_package=package.id)
    assert window.package_id == package.id
    filler = small_disk / "other-program.bin"  # space taken by something else
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk).free - PAGE_ROOM))

    qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    banner = window.fault_banner
    qtbot.waitUntil(lambda: banner.isVisible() and not window.scan.scanning, timeout=60_000)
    text = banner.text.text()
    assert "Недостаточно места на диске" in text, text
    assert "уже сохранённые страницы не потеряны" in text, text
    assert str(folder) in text, text
    assert banner.button.isVisible() and banner.button.text() == "Продолжить"
    assert window.scan_bar.start.isEnabled()  # the window is not stuck in «scanning»

    # nothing lost: every sheet fed so far is a complete page on disk or held in memory
    feeder = window.scan.feeder
    assert feeder is not None and feeder.flush(timeout=30)
    fed = window.scan.scanner.worker.batch.pages_delivered
    saved = pages(database, package.id)
    assert 1 <= len(saved) < fed <= len(package_stack())
    assert len(saved) + feeder.held == fed
    assert sorted(p.name for p in folder.glob("*.tif")) == [p.file_name for p in saved]
    assert [p.seq for p in saved] == list(range(1, len(saved) + 1))
    for page in saved:
        with Image.open(folder / page.file_name) as image:
            image.load()
    incoming = folder / ".incoming"
    assert not incoming.exists() or not any(incoming.iterdir())  # no half page left
    qtbot.waitUntil(lambda: window.model.rowCount() == len(saved), timeout=10_000)

    # the operator frees space and presses «Продолжить»
    filler.unlink()
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000) as done:
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert done.args == [len(package_stack()), False]
    assert not banner.isVisible()
    stack = package_stack()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(stack)
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)
    final = pages(database, package.id)
    assert [p.seq for p in final] == list(range(1, len(stack) + 1))
    assert [p.file_name for p in final] == [f"{n:04d}.tif" for n in range(1, len(stack) + 1)]
    assert sorted(p.name for p in folder.glob("*.tif")) == [p.file_name for p in final]
    # each sheet once, in feeding order (the smeared one is rightly unreadable)
    assert [p.blank_number for p in final] == [None if s.smeared else s.number for s in stack]
    assert feeder.held == 0 and feeder.error is None


@pytest.mark.parametrize("drivers", [[StackDriver(demo_stack()[:2])]])
def test_full_disk_after_the_last_sheet_continue_only_writes_what_is_held(  # type: ignore[no-untyped-def]
        qtbot, window, database: Database, small_disk: Path, russian) -> None:  # noqa: F811
    """The feeder emptied (the batch is done) before the disk refused its last page:
    «Продолжить» writes the held page and must not start the scanner again."""
    folder = small_disk / "pkg"
    package = PackageService(database).open("ОГЭ 2026", "Аудитория 32", default_profile(),
                                            folder=folder)
    window.tree.reload(select_package=package.id)
    filler = small_disk / "other-program.bin"
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk).free - PAGE_ROOM))

    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000) as done:
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    assert done.args == [2, False]  # both sheets went through the scanner
    banner = window.fault_banner
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    assert "Недостаточно места на диске" in banner.text.text()
    assert banner.button.text() == "Продолжить"
    feeder = window.scan.feeder
    assert feeder is not None and feeder.flush(timeout=30)
    assert len(pages(database, package.id)) == 1 and feeder.held == 1

    filler.unlink()
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feeder.held == 0 and feeder.error is None
                    and all(h.name != "resume_writing" for h in window.jobs.active.values()),
                    timeout=30_000)
    assert not window.scan.scanning, "«Продолжить» started a new pass of the scanner"
    assert window.scan_bar.start.isEnabled() and not banner.isVisible()
    final = pages(database, package.id)
    assert [p.file_name for p in final] == ["0001.tif", "0002.tif"]
    assert sorted(p.name for p in folder.glob("*.tif")) == ["0001.tif", "0002.tif"]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2
                    and PageState.PENDING not in window.model.counts(), timeout=30_000)
    assert [r.blank_number for r in window.model.rows] == [s.number for s in demo_stack()[:2]]
