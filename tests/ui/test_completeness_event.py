"""Completeness of the whole event across rooms, and one click from a kit scanned in
another room to its pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanstation.profile import default_profile
from tests.protocol.builders import Row, protocol1
from tests.ui.conftest import one_kit_package

pytestmark = pytest.mark.gui


def test_whole_event_view_spans_packages(qtbot, window, database, recognizer,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    room1 = one_kit_package(database, recognizer, "Аудитория 1", kit=1, protocol=False)
    room2 = one_kit_package(database, recognizer, "Аудитория 2", kit=2, protocol=False)
    window.tree.reload(select_package=room1)
    protocol = protocol1(tmp_path / "p1.xlsx", [Row(1, "использован", "edu123456", "А"),
                                                Row(2, "использован", "edu123456", "Б"),
                                                Row(3, "использован", "edu123456", "В")])
    window.checks.load_protocol(protocol)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    room_only = window.checks.report
    assert [int(k) for k in room_only.complete] == [1]
    assert sorted(int(k) for k in room_only.missing) == [2, 3]

    view = window.completeness
    view.whole_event.setChecked(True)
    window.checks.report = None
    view.check_button.click()
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    event = window.checks.report
    assert sorted(int(k) for k in event.complete) == [1, 2]
    assert [int(k) for k in event.missing] == [3]
    assert "2 of 3" in window.status_kits.text()

    item = view.kit_item(next(k for k in event.complete if int(k) == 2))
    view.tree.itemClicked.emit(item, 0)
    assert window.package_id == room2
    assert int(default_profile().kit_of(window.current_row().blank_number)) == 2
    assert view.tree.topLevelItemCount() == 3  # the event report stays on show


def test_kits_in_the_status_bar_follow_the_pages(qtbot, window, database, recognizer,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    room = one_kit_package(database, recognizer, "Аудитория 3", kit=1, protocol=False)
    window.tree.reload(select_package=room)
    # no protocol yet: kits counted by the profile's page count, none «extra», no «0 of 0»
    qtbot.waitUntil(lambda: "Protocol not loaded" in window.status_kits.text(),
                    timeout=30_000)
    assert "1 of 1" in window.status_kits.text()
    protocol = protocol1(tmp_path / "p1.xlsx", [Row(1, "использован", "edu123456", "А")])
    window.checks.load_protocol(protocol)
    # against the protocol now (the text before it also says «1 of 1», by page count)
    qtbot.waitUntil(lambda: window.status_kits.text() == "Kits complete: 1 of 1",
                    timeout=30_000)
    window.page_actions.delete(window.model.rows[0].id)  # a page goes: the kit is partial
    window.reload_rows()
    qtbot.waitUntil(lambda: window.status_kits.text() == "Kits complete: 0 of 1",
                    timeout=10_000)
