"""The archive password typed twice with «показать», one place for the password policy,
and the event overview: ring charts per room and for the event, one click from a figure
to the kits behind it (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from scanstation.db.models import Archive
from scanstation.settings import StationSettings
from scanstation.ui.dashboard import GROUP_COLOURS, FiguresCard, Group
from scanstation.ui.password_field import policy_choices, policy_label
from scanstation.ui.settings_dialog import SettingsDialog
from tests.protocol.builders import Row, protocol1
from tests.ui.conftest import one_kit_package
from tests.ui.keyboard import press

pytestmark = pytest.mark.gui
Key = Qt.Key


def test_mismatched_passwords_are_refused_and_show_reveals_them(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer) -> None:
    package_id = one_kit_package(database, recognizer, "Аудитория 3")
    window.tree.reload(select_package=package_id)
    press(qtbot, Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = window.pack_panel
    assert window.tabs.currentWidget() is panel
    panel.encrypt.setChecked(True)
    field = panel.password
    qtbot.keyClicks(field.first, "secret-1")
    qtbot.keyClicks(field.second, "secret-2")
    assert field.first.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == field.tr(
        "The two passwords differ: type the same password twice.")
    with database.session() as session:
        assert session.scalar(select(func.count(Archive.id))) == 0
    field.show_box.setChecked(True)
    assert field.first.echoMode() == QLineEdit.EchoMode.Normal
    assert field.second.echoMode() == QLineEdit.EchoMode.Normal
    field.second.clear()
    assert field.problem() is not None
    qtbot.keyClicks(field.second, "secret-1")
    assert field.problem() is None and field.password() == "secret-1"


def test_one_place_names_the_password_policy(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    settings = StationSettings(password_policy="zipcrypto")
    dialog = SettingsDialog(settings, [], [], window)
    qtbot.addWidget(dialog)
    offered = [(dialog.password.itemText(i), dialog.password.itemData(i))
               for i in range(dialog.password.count())]
    assert offered == policy_choices()
    assert dialog.password.currentData() == "zipcrypto"
    window.apply_settings(settings)
    window.pack_panel.set_policy(window.settings.password_policy)
    assert policy_label("zipcrypto") in window.pack_panel.policy.text()


def test_event_overview_rings_and_one_click_to_the_kits(  # type: ignore[no-untyped-def]
        qtbot, window, database, recognizer, tmp_path: Path) -> None:
    first = one_kit_package(database, recognizer, "Аудитория 1", kit=1)
    one_kit_package(database, recognizer, "Аудитория 2", kit=2)
    window.tree.reload(select_package=first)
    protocol = protocol1(tmp_path / "protocol1.xlsx", [
        Row(1, "использован", "edu123456", "Иванов Иван"),
        Row(2, "использован", "edu123456", "Петров Пётр"),
        Row(3, "использован", "edu123456", "Сидоров Сидор"),
    ])
    window.checks.load_protocol(protocol)
    qtbot.waitUntil(lambda: window.checks.report is not None, timeout=30_000)
    press(qtbot, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.dashboard
    qtbot.waitUntil(lambda: len(window.dashboard.cards) == 3, timeout=30_000)
    whole, room1, room2 = window.dashboard.cards
    assert whole.figures.package_id is None
    assert {Group(g): n for g, n in whole.ring.counts.items()} == {
        Group.COMPLETE: 2, Group.PARTIAL: 0, Group.MISSING: 1, Group.DUPLICATES: 0}
    assert room1.ring.counts[Group.COMPLETE] == 1 and room2.ring.counts[Group.COMPLETE] == 1
    assert Group.MISSING not in room1.buttons  # a room alone cannot know what is missing
    assert whole.buttons[Group.MISSING].text().endswith(": 1")
    assert GROUP_COLOURS[Group.COMPLETE] in whole.buttons[Group.COMPLETE].styleSheet()
    # the ring is painted with the groups' colours
    image = whole.ring.grab().toImage()
    spans = whole.ring.spans()
    assert [g for g, _s, _w in spans] == [Group.COMPLETE, Group.MISSING]
    # one click on the red segment → the kits behind it, in the completeness tab
    ring = whole.ring
    side = min(ring.width(), ring.height()) - 8
    radius = side / 2 - max(10.0, side * 0.2) / 2
    point = QPoint(int(ring.width() / 2 - radius * 0.7), int(ring.height() / 2 - radius * 0.7))
    assert ring.group_at(point.toPointF()) is Group.MISSING
    pixel = image.pixelColor(point * image.devicePixelRatio())
    assert pixel.name() == GROUP_COLOURS[Group.MISSING]
    qtbot.mouseClick(ring, Qt.MouseButton.LeftButton, pos=point)
    view = window.completeness
    assert window.tabs.currentWidget() is view
    shown = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())
             if not view.tree.topLevelItem(i).isHidden()]
    assert [int(n) for n in shown] == [3]
    # and a room's «complete» count leads to its kit and, one click on, to its pages
    press(qtbot, Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.dashboard.cards) == 3
                    and all(isinstance(c, FiguresCard) for c in window.dashboard.cards)
                    and window.dashboard.cards[0] is not whole, timeout=30_000)
    room2 = window.dashboard.cards[2]
    qtbot.mouseClick(room2.buttons[Group.COMPLETE], Qt.MouseButton.LeftButton)
    assert window.package_id == room2.figures.package_id
    item = view.tree.currentItem()
    assert item is not None and int(item.text(0)) == 2
    # the same click already shows the kit's first page in the viewer
    assert window.tabs.currentWidget() is view
    assert int(window.profile.kit_of(window.current_row().blank_number)) == 2
    assert window.viewer.path == view.current_paths()[0]
    view.tree.itemClicked.emit(item, 0)
    assert window.tabs.currentWidget() is window.pages_tab
    assert int(window.profile.kit_of(window.current_row().blank_number)) == 2
