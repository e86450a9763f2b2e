"""Scanning faults and a real SANE device through the window: a jam stops the batch with
what happened and how many pages are safe, «Continue» goes on; the SANE `test` device
feeds its ten pages into the package and the grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from scanstation.profile import default_profile
from scanstation.scanner.demo import demo_stack
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
    window.refresh_devices()
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
