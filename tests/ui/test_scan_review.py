"""Drive the real window through a package: scan the demo feeder, fix the unreadable page
by typing its number, turn a page, delete and restore, resolve a duplicate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from scanstation.profile import default_profile
from scanstation.scanner.demo import demo_stack
from scanstation.ui.page_state import PageState

pytestmark = pytest.mark.gui


def scan_demo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.create_package("ОГЭ 2026", "Аудитория 101", default_profile())
    with qtbot.waitSignal(window.scanner_thread().worker.batch_finished, timeout=60_000):
        qtbot.mouseClick(window.scan_bar.start, Qt.MouseButton.LeftButton)
    expected = len(demo_stack())
    qtbot.waitUntil(lambda: window.model.rowCount() == expected
                    and PageState.PENDING not in window.model.counts(), timeout=60_000)


def test_scan_demo_feeder_then_fix_unreadable_by_typing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    scan_demo(qtbot, window)
    counts = window.model.counts()
    assert counts[PageState.UNREADABLE] == 1, counts
    assert counts[PageState.READ_ROTATED] == 1, counts
    # the unreadable page was selected automatically after the package opened or by F-key
    window.review.go_to_problem(1)
    row = window.current_row()
    assert row is not None and row.state is PageState.UNREADABLE
    smeared = next(s for s in demo_stack() if s.smeared)
    edit = window.review_panel.number
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, smeared.number)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.counts().get(PageState.UNREADABLE, 0) == 0,
                    timeout=10_000)
    fixed = window.model.page(window.model.row_of(row.id))
    assert fixed.blank_number == smeared.number
    assert "Unreadable: 0.0" in window.status_unreadable.text() or "0,0" in \
        window.status_unreadable.text() or "0.0" in window.status_unreadable.text()
