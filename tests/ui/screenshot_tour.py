"""A tour of the window's main states, saved as PNG screenshots for a person to look at.

Run as a program under a real X server (Xvfb), not offscreen, so fonts, styles and HiDPI
scaling are the platform's own:
    python -m tests.ui.screenshot_tour OUT_DIR [--dark] [--prefix NAME]
States: scanning (pages arriving), review (an unreadable page, zoomed to its number),
completeness (after the protocol), the duplicates dialog, the trash view, the event
overview, export (archives packed, verified and exported).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def wait_until(app: object, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("state not reached")
        time.sleep(0.02)


def dark_palette() -> object:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in ((role.Window, "#2b2b2b"), (role.WindowText, "#e0e0e0"),
                      (role.Base, "#1e1e1e"), (role.AlternateBase, "#2b2b2b"),
                      (role.Text, "#e0e0e0"), (role.Button, "#3a3a3a"),
                      (role.ButtonText, "#e0e0e0"), (role.Highlight, "#2f65ca"),
                      (role.HighlightedText, "#ffffff"), (role.ToolTipBase, "#3a3a3a"),
                      (role.ToolTipText, "#e0e0e0"), (role.PlaceholderText, "#9a9a9a")):
        palette.setColor(r, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor("#7a7a7a"))
    return palette


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scanstation-tour-"))
    os.environ["SCANSTATION_DATA_DIR"] = str(work / "data")

    from PySide6.QtWidgets import QApplication

    from scanstation.db import open_database
    from scanstation.profile import default_profile
    from scanstation.recognition.pool import RecognitionPool
    from scanstation.settings import StationSettings
    from scanstation.ui.app import install_translator
    from scanstation.ui.main_window import MainWindow
    from scanstation.ui.page_state import PageState
    from tests.protocol.builders import Row, protocol1
    from tests.ui.conftest import StackDriver, package_stack

    app = QApplication(sys.argv[:1])
    install_translator(app)
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())  # type: ignore[arg-type]
    database = open_database()
    pool = RecognitionPool(workers=1)
    window = MainWindow(database, StationSettings(archives_folder=str(work / "archives")),
                        drivers=[StackDriver(package_stack(), page_delay=0.25)],
                        recognizer=pool)
    window.show()
    available = window.screen().availableGeometry()
    window.resize(min(1500, available.width()), min(900, available.height()))

    def shot(name: str) -> None:
        for _ in range(20):
            QApplication.processEvents()
            time.sleep(0.02)
        screen = window.screen()
        image = screen.grabWindow(window.winId())
        target = args.out / f"{args.prefix}{name}.png"
        image.save(str(target))
        print(target)

    def dialog_shot(dialog: object, name: str) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(dialog, QWidget)
        for _ in range(20):
            QApplication.processEvents()
            time.sleep(0.02)
        target = args.out / f"{args.prefix}{name}.png"
        dialog.grab().save(str(target))
        print(target)

    window.create_package("ОГЭ 2026", "Аудитория 101", default_profile())
    finished: list[int] = []
    window.scan.batch_done.connect(lambda *a: finished.append(1))
    window.scan.start()
    wait_until(app, lambda: window.model.rowCount() >= 6)
    shot("1-scanning")
    wait_until(app, lambda: bool(finished) and window.model.rowCount() == len(package_stack())
               and PageState.PENDING not in window.model.counts())
    window.reload_rows()
    window.review.go_to_problem(1)
    while window.current_row() is not None and \
            window.current_row().state is not PageState.UNREADABLE:  # type: ignore[union-attr]
        window.review.go_to_problem(1)
    window.viewer.zoom_to_number()
    window.review_panel.number.setText("0000030000000020")
    shot("2-review")
    protocol = protocol1(work / "protocol1.xlsx", [
        Row(1, "использован", "edu123456", "Иванов"),
        Row(2, "использован", "edu123456", "Петров"),
        Row(3, "использован", "edu123456", "Сидоров"),
        # kit 4 unused: with a used kit 4 missing, packing would stop at the readiness gate
        Row(4, "не использован", "edu123456", "Кузнецов"),
        Row(5, "испорчен", "edu123456", "Смирнов")])
    window.tabs.setCurrentWidget(window.completeness)
    window.checks.load_protocol(protocol)
    wait_until(app, lambda: window.checks.report is not None)
    shot("3-completeness")
    # the duplicates as the operator meets them, before they are resolved
    window.duplicates_action.trigger()
    wait_until(app, lambda: window.review.dialog is not None and window.review.dialog.isVisible())
    dialog_shot(window.review.dialog, "5-duplicates")
    window.review.dialog.reject()
    # a deleted page and the trash view
    victim = next(r for r in window.model.rows if r.state is PageState.READ)
    window.page_actions.delete(victim.id)
    window.reload_rows()
    window.trash_action.trigger()
    wait_until(app, lambda: window.overview.trash is not None
               and window.overview.trash.isVisible())
    dialog_shot(window.overview.trash, "6-trash")
    window.overview.trash.reject()
    # the gate before packing (an unread page and a duplicate still there), where the
    # window has one
    if hasattr(window.archive, "gate_dialog"):
        window.tabs.setCurrentWidget(window.pack_panel)
        window.pack_panel.pack_button.click()
        wait_until(app, lambda: window.archive.gate_dialog is not None
                   and window.archive.gate_dialog.isVisible())
        dialog_shot(window.archive.gate_dialog, "9-gate")
        window.archive.gate_dialog.reject()
    # a second room, and the event overview over both
    from tests.ui.conftest import one_kit_package

    one_kit_package(database, pool, "Аудитория 102", kit=4)
    window.tree.reload(select_package=window.package_id)
    window.tabs.setCurrentWidget(window.dashboard)
    wait_until(app, lambda: len(window.dashboard.cards) == 3)
    shot("7-dashboard")
    from scanstation.ui.keys import KeysDialog

    keys = KeysDialog(window)
    keys.show()
    dialog_shot(keys, "8-keys")
    keys.close()
    window.tabs.setCurrentWidget(window.pack_panel)
    smeared = next(r for r in window.model.rows if r.state is PageState.UNREADABLE)
    from scanstation.scanner.demo import demo_stack

    number = next(s.number for s in demo_stack() if s.smeared)
    window.page_actions.set_number(smeared.id, number)
    from scanstation.station.duplicate_groups import delete_repeat, duplicate_groups

    for group in duplicate_groups(database, window.package_id):
        delete_repeat(database, group)
    window.reload_rows()
    def through_gate(done: Callable[[], bool]) -> None:
        """Kit 4 of the protocol is in no room: a gate, where there is one, needs a reason."""
        def gate() -> Any:
            return getattr(window.archive, "gate_dialog", None)

        wait_until(app, lambda: done() or (gate() is not None and gate().isVisible()))
        if not done():
            gate().reason.setText("screenshot tour")
            gate().override_button.click()
            asker = getattr(window.review, "operator", None)  # who overrode it, once
            wait_until(app, lambda: done() or (asker is not None and asker.dialog is not None
                                               and asker.dialog.isVisible()))
            if not done() and asker is not None:
                asker.dialog.name.setText("Оператор")
                asker.dialog.accept()
            wait_until(app, done)

    window.pack_panel.pack_button.click()
    through_gate(lambda: window.pack_panel.archives.topLevelItemCount() > 0
                 and window.pack_panel.pack_button.isEnabled())
    usb = work / "usb"
    usb.mkdir()
    window.pack_panel.set_target(usb)
    window.pack_panel.export_button.click()
    through_gate(lambda: any(usb.iterdir()) and window.pack_panel.pack_button.isEnabled())
    shot("4-export")
    window.close()
    pool.shutdown()
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
