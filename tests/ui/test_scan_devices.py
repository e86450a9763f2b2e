"""Scanning faults and a real SANE device through the window: a jam stops the batch with
what happened and how many pages are safe, «Continue» goes on; the SANE `test` device
feeds its ten pages into the package and the grid; none carries a blank number, so the
quality warning comes up."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from scanstation.profile import default_profile
from scanstation.samples import sample_number
from scanstation.scanner.demo import DemoSheet, demo_stack
from scanstation.ui.page_state import PageState
from tests.sane_env import enable_sane_test_devices
from tests.ui.conftest import StackDriver

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("drivers", [[StackDriver(demo_stack(), jam_after=5)]])
def test_jam_shows_pages_safe_and_continue_finishes_the_batch(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", "Аудитория 102", default_profile())
    with qtbot.waitSignal(window.scan.batch_stopped, timeout=30_000) as fault:
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    assert fault.args[0] == "paper_jam" and fault.args[2] == 5
    banner = window.fault_banner
    assert banner.isVisible()
    assert "5" in banner.text.text()
    assert window.scan_bar.start.isEnabled() and not window.scan_bar.stop.isEnabled()
    qtbot.waitUntil(lambda: window.model.rowCount() == 5, timeout=10_000)
    with qtbot.waitSignal(window.scan.batch_done, timeout=30_000) as finished:
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert finished.args[0] == len(demo_stack())
    assert not banner.isVisible()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_stack())
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)
    assert [r.seq for r in window.model.rows] == list(range(1, len(demo_stack()) + 1))


@pytest.fixture
def sane_drivers() -> None:
    enable_sane_test_devices()


@pytest.mark.sane
@pytest.mark.parametrize("drivers", [None])
def test_scan_from_sane_test_device(qtbot, sane_drivers, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.scan.devices_changed, timeout=30_000):
        window.scan.refresh_devices()
    combo = window.scan_bar.device
    at = combo.findData("sane:test:0")
    assert at >= 0, [combo.itemData(i) for i in range(combo.count())]
    combo.setCurrentIndex(at)
    window.create_package("ОГЭ 2026", "Аудитория 103", default_profile())
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000) as done:
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    assert done.args[0] == 10
    qtbot.waitUntil(lambda: window.model.rowCount() == 10, timeout=30_000)
    assert [r.seq for r in window.model.rows] == list(range(1, 11))
    for row in window.model.rows:
        path = window.model.path_of(row)
        assert path.exists() and path.suffix == ".tif"
    # the grid paints them: thumbnails decoded off the GUI thread
    window.grid.viewport().repaint()
    qtbot.waitUntil(lambda: window.loader.get(window.model.rows[0].id) is not None,
                    timeout=10_000)
    assert window.current_row() is not None
    # the test pattern carries no blank number: every page needs the operator
    qtbot.waitUntil(lambda: PageState.PENDING not in window.model.counts(), timeout=90_000)
    assert window.model.counts()[PageState.UNREADABLE] == 10
    assert window.quality_banner.isVisible()
    assert "100" in window.status_unreadable.text()


def smeared_stack() -> tuple[DemoSheet, ...]:
    """Twelve sheets, two of them smeared: 17 % unreadable, over the collector's 10 %."""
    return tuple(replace(sheet, smeared=sheet.smeared or i == 0)
                 for i, sheet in enumerate(demo_stack()))


@pytest.mark.parametrize("drivers", [[StackDriver(smeared_stack())]])
def test_quality_warning_and_keys_walk_the_problem_pages(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", "Аудитория 104", default_profile())
    with qtbot.waitSignal(window.scan.batch_done, timeout=60_000):
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 12
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)
    qtbot.waitUntil(window.quality_banner.isVisible, timeout=5000)
    assert "16.7" in window.quality_banner.text.text()
    problems = [r.seq for r in window.model.rows if r.is_problem]
    assert len(problems) == 2
    window.select_row(0)

    def press(key: Qt.Key, expected_seq: int) -> None:
        # The number field has the focus, as when the operator types; a button's shortcut
        # «animates» the click, so the answer comes a moment later.
        qtbot.keyClick(window.review_panel.number, key)
        qtbot.waitUntil(lambda: window.current_row().seq == expected_seq, timeout=3000)

    press(Qt.Key.Key_F7, problems[1])
    press(Qt.Key.Key_F7, problems[0])  # wraps round
    press(Qt.Key.Key_F6, problems[1])
    # Delete in the grid sends the page to the trash
    trashed = window.current_row().id
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(trashed)).trashed,
                    timeout=10_000)


@pytest.mark.parametrize("drivers", [[StackDriver(demo_stack(), page_delay=0.05)]])
def test_stop_ends_the_batch_and_keeps_what_was_scanned(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", "Аудитория 105", default_profile())
    qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    assert window.scan_bar.stop.isEnabled() and not window.scan_bar.start.isEnabled()
    qtbot.waitUntil(lambda: window.model.rowCount() >= 2, timeout=30_000)
    with qtbot.waitSignal(window.scan.batch_done, timeout=30_000) as done:
        qtbot.mouseClick(window.scan_bar.stop, Qt.MouseButton.LeftButton)
    pages, cancelled = done.args
    assert cancelled and 2 <= pages < len(demo_stack())
    qtbot.waitUntil(lambda: window.model.rowCount() == pages, timeout=10_000)
    assert window.scan_bar.start.isEnabled()


def rescan_stack() -> tuple[DemoSheet, ...]:
    """Kit 1: its first sheet smeared; the same sheet, clean, waits as the fourth one."""
    first = DemoSheet(sample_number(1, 1, 2026))
    return (replace(first, smeared=True), DemoSheet(sample_number(1, 2, 2026)),
            DemoSheet(sample_number(1, 3, 2026)), first)


@pytest.mark.parametrize("drivers", [[StackDriver(rescan_stack(), jam_after=3)]])
def test_rescan_this_page_puts_the_new_scan_in_its_place(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", "Аудитория 106", default_profile())
    with qtbot.waitSignal(window.scan.batch_stopped, timeout=30_000):  # the jam after 3
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3
                    and PageState.PENDING not in window.model.counts(), timeout=30_000)
    smeared = window.model.rows[0]
    assert smeared.state is PageState.UNREADABLE
    window.select_row(0)
    qtbot.keyClick(window.review_panel.number, Qt.Key.Key_F5)
    # F5 first asks for the sheet; Enter scans it
    qtbot.waitUntil(lambda: window.review.prompt is not None
                    and window.review.prompt.isVisible(), timeout=5000)
    with qtbot.waitSignal(window.scan.batch_done, timeout=30_000):
        qtbot.keyClick(window.review.prompt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: PageState.PENDING not in window.model.counts()
                    and window.model.rowCount() == 4, timeout=30_000)
    old = window.model.page(window.model.row_of(smeared.id))
    assert old.trashed
    new = window.current_row()
    assert new.id != smeared.id and new.seq == smeared.seq and not new.trashed
    qtbot.waitUntil(lambda: window.model.page(window.model.row_of(new.id)).blank_number
                    == sample_number(1, 1, 2026), timeout=30_000)
    assert window.model.path_of(window.model.page(window.model.row_of(new.id))).name \
        == "0001.tif"
