"""The window's parts on their own: lazy thumbnails over thousands of rows, the viewer's
zoom to the number corner, the number field's checks, the job runner's cancel, the
duplicate dialog's two answers."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from scanstation.archive.errors import Cancelled
from scanstation.db.models import Page, PageStatus
from scanstation.profile import default_profile
from scanstation.samples import render_blank, sample_number
from scanstation.station.duplicate_groups import DuplicateGroup
from scanstation.station.packages import PackageService, PageInfo
from scanstation.ui.duplicates_queue import DuplicatesQueue, QueueItem
from scanstation.ui.jobs import JobRunner
from scanstation.ui.page_state import PageRow, PageState
from scanstation.ui.page_viewer import PageViewer
from scanstation.ui.review_panel import ReviewPanel

pytestmark = pytest.mark.gui


def blank_file(folder: Path, name: str = "0001.tif") -> Path:
    path = folder / name
    render_blank(sample_number(1, 1, 2026), dpi=100).save(path, compression="tiff_lzw",
                                                          dpi=(100, 100))
    return path


def test_big_package_decodes_only_what_is_on_screen(qtbot, window, database) -> None:  # type: ignore[no-untyped-def]
    package = PackageService(database).open("Большое", "Аудитория 1", default_profile())
    folder = Path(package.folder)
    first = blank_file(folder)
    with database.session() as session:
        for seq in range(1, 2001):
            if seq > 1:
                os.link(first, folder / f"{seq:04d}.tif")
            session.add(Page(package_id=package.id, seq=seq, file_name=f"{seq:04d}.tif",
                             sha256="0" * 64, size_bytes=1, width_px=1, height_px=1,
                             status=PageStatus.OK, blank_number=sample_number(seq, 1)))
    requested: list[object] = []
    original = window.loader.request
    window.loader.request = lambda key, path: (requested.append(key), original(key, path))
    window.tree.reload(select_package=package.id)
    assert window.model.rowCount() == 2000
    window.tabs.setCurrentWidget(window.pages_tab)
    qtbot.waitUntil(lambda: window.loader.get(window.model.rows[0].id) is not None,
                    timeout=10_000)
    assert 0 < len(set(requested)) < 200, len(set(requested))
    last = window.model.rows[-1].id

    def bottom_painted() -> bool:
        window.grid.scrollToBottom()  # again: the batched layout grows the range meanwhile
        return window.loader.get(last) is not None

    qtbot.waitUntil(bottom_painted, timeout=10_000)
    assert len(set(requested)) < 400


def test_viewer_zooms_to_the_number_corner(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    viewer = PageViewer()
    qtbot.addWidget(viewer)
    viewer.resize(500, 700)
    viewer.show()
    assert viewer.show_file(blank_file(tmp_path))
    fitted = viewer.zoom()
    viewer.zoom_to_number()
    assert viewer.zoom() > fitted * 1.8
    seen = viewer.visible_scene_rect()
    page = viewer.number_corner()
    assert seen.intersects(page) and seen.center().x() > page.left()
    assert seen.top() <= page.top() + page.height() * 0.6
    before = viewer.zoom()
    wheel = QWheelEvent(QPointF(100, 100), QPointF(100, 100), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    viewer.wheelEvent(wheel)
    assert viewer.zoom() == pytest.approx(before * 1.25)
    viewer.fit()
    assert viewer.zoom() == pytest.approx(fitted)
    assert not viewer.show_file(tmp_path / "missing.tif") and not viewer.has_page()


def test_number_field_checks_profile_and_protocol(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    used = {"1", "2"}
    panel.set_profile(default_profile(), lambda kit: str(int(kit)) in used)
    row = PageRow(id=7, seq=7, file_name="0007.tif", blank_number=None, status="unreadable",
                  rotation=0, trashed=False)
    panel.set_page(row)
    assert row.state is PageState.UNREADABLE
    saved: list[tuple[int, str]] = []
    panel.number_entered.connect(lambda page_id, number: saved.append((page_id, number)))
    qtbot.keyClicks(panel.number, "12345")
    assert not panel.save_button.isEnabled() and "5" in panel.hint.text()
    panel.number.clear()
    qtbot.keyClicks(panel.number, sample_number(1, 9))  # page 9 of a 4-page kit
    # accepted with a warning: the sheet is the truth, as a barcode read of it would be
    assert panel.save_button.isEnabled() and "does not exist" in panel.hint.text()
    panel.number.clear()
    qtbot.keyClicks(panel.number, sample_number(5, 2))  # kit 5 is not a used kit
    assert panel.save_button.isEnabled() and "000005" in panel.hint.text()
    assert "not in the protocol" in panel.hint.text()
    panel.number.clear()
    qtbot.keyClicks(panel.number, sample_number(2, 3) + "999")  # the mask stops at 20
    assert panel.typed_number() == sample_number(2, 3)
    qtbot.keyClick(panel.number, Qt.Key.Key_Return)
    assert saved == [(7, sample_number(2, 3))]


def test_job_runner_reports_progress_success_failure_and_cancel(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    events: list[object] = []

    def counting(progress, cancel):  # type: ignore[no-untyped-def]
        for i in range(3):
            progress(i + 1, 3, "step")
        return threading.current_thread() is threading.main_thread()

    runner.start("count", counting, on_success=events.append,
                 on_progress=lambda d, t, label: events.append(d))
    qtbot.waitUntil(lambda: False in events, timeout=5000)
    assert events[:3] == [1, 2, 3] and events[-1] is False  # ran off the GUI thread

    def looping(progress, cancel):  # type: ignore[no-untyped-def]
        while not cancel.is_set():
            time.sleep(0.01)
        raise Cancelled()

    cancelled: list[bool] = []
    handle = runner.start("loop", looping, on_cancel=lambda: cancelled.append(True),
                          on_failure=events.append)
    handle.cancel()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)

    failures: list[str] = []
    runner.start("broken", lambda p, c: 1 / 0, on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert "ZeroDivisionError" in failures[0]
    assert runner.wait(5000)


def _page(path: Path, page_id: int, seq: int, number: str) -> PageInfo:
    return PageInfo(page_id, seq, path.name, path, "ok", number, "barcode", 0, False, False,
                    False)


def test_duplicates_queue_shows_n_of_m_and_answers(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = blank_file(tmp_path, "0001.tif"), blank_file(tmp_path, "0009.tif")
    same = DuplicateGroup(1, sample_number(1, 1), (_page(a, 1, 1, sample_number(1, 1)),
                                                   _page(b, 9, 9, sample_number(1, 1))),
                          None, ("Аудитория 1", "Аудитория 2"), (1, 2))
    other = DuplicateGroup(1, sample_number(2, 1), (_page(a, 3, 3, sample_number(2, 1)),
                                                    _page(b, 4, 4, sample_number(2, 1))),
                           "escalated", ("Аудитория 1", "Аудитория 1"), (1, 1))
    queue = DuplicatesQueue()
    qtbot.addWidget(queue)
    queue.set_items([QueueItem(same, True), QueueItem(other, None)])
    queue.show()
    assert queue.position.text().startswith("1 of 2")
    assert queue.delete_button.isDefault() and all(v.has_page() for v in queue.viewers)
    assert "Аудитория 2, page 0009" in queue.goes.text()
    assert queue.batch_button.text() == "Delete all exact repeats (1)"
    answers: list[tuple[object, str]] = []
    queue.decided.connect(lambda item, choice: answers.append((item, choice)))
    qtbot.mouseClick(queue.delete_button, Qt.MouseButton.LeftButton)
    assert answers == [(QueueItem(same, True), "deleted_repeat")]
    queue.set_busy(False)
    queue.list.setCurrentRow(1)
    assert queue.position.text().startswith("2 of 2")
    assert queue.answered_button.isVisibleTo(queue) and not queue.delete_button.isVisibleTo(queue)
    qtbot.mouseClick(queue.answered_button, Qt.MouseButton.LeftButton)
    assert answers[-1] == (QueueItem(other, None), "answered")
    batches: list[list[QueueItem]] = []
    queue.batch_requested.connect(batches.append)
    queue.set_busy(False)
    qtbot.mouseClick(queue.batch_button, Qt.MouseButton.LeftButton)
    assert batches == [[QueueItem(same, True)]]


def test_new_package_dialog_offers_events_and_profiles(qtbot, database) -> None:  # type: ignore[no-untyped-def]
    from scanstation.profile import bundled_profiles
    from scanstation.ui.package_tree import NewPackageDialog

    PackageService(database).open("ОГЭ 2026", "001", default_profile())
    profiles = bundled_profiles()
    dialog = NewPackageDialog(database, profiles, "omk_2026")
    qtbot.addWidget(dialog)
    assert dialog.event_combo.itemText(0) == "ОГЭ 2026"
    assert dialog.package.text() == "002"
    dialog.event_combo.setCurrentText("ОМК 2026")
    dialog.package.setText("Аудитория 5")
    event, name, profile = dialog.values()
    assert (event, name, profile.name) == ("ОМК 2026", "Аудитория 5", "omk_2026")
    assert profile.pages_per_kit == 2
