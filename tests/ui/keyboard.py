"""Keys as the operator presses them: to the widget that has the focus (a modal dialog's,
when one is open), through Qt's own key events — shortcuts included."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def target() -> QWidget:
    """Where the key goes: the open modal dialog, else the focused widget, else the
    active window (offscreen, a window shown last may not be activated yet: the newest
    visible main window then)."""
    modal = QApplication.activeModalWidget()
    if modal is not None and modal.isVisible():
        focused = QApplication.focusWidget()
        return focused if focused is not None and modal.isAncestorOf(focused) else modal
    focused = QApplication.focusWidget()
    if focused is not None and focused.isVisible():
        return focused
    active = QApplication.activeWindow()
    if active is not None and active.isVisible():
        return active
    windows = [w for w in QApplication.topLevelWidgets()
               if w.isVisible() and w.objectName() == "MainWindow"]
    assert windows, "no window to press keys into"
    return windows[-1]


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,  # type: ignore[no-untyped-def]
          ) -> None:
    widget = target()
    activate(qtbot, widget)
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def activate(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Shortcuts work only in the active window; offscreen nothing re-activates the main
    window when a dialog closes (a window manager would), so the test does it."""
    top = widget.window()
    if not top.isActiveWindow():
        top.activateWindow()
        qtbot.waitUntil(top.isActiveWindow, timeout=5000)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = target()
    activate(qtbot, widget)
    qtbot.keyClicks(widget, text)
    QApplication.processEvents()


def when_modal(qtbot, keys: Callable[[QWidget], None], timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """Press `keys` into the next modal dialog once it is up: for dialogs run with
    exec(), which returns only after the keys have closed them."""
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            keys(dialog)
            QTimer.singleShot(timeout_ms, lambda: close_left_open(dialog))
            return
        waited[0] += 50
        assert waited[0] < timeout_ms, "no modal dialog appeared"
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def close_left_open(dialog: QWidget) -> None:
    """A dialog the keys did not close would keep its exec() — and the test — waiting
    forever: rejected, so the test goes on to fail on what the keys should have done."""
    try:
        still_open = dialog.isVisible()
    except RuntimeError:  # already deleted: it did close
        return
    if still_open and isinstance(dialog, QDialog):
        dialog.reject()
