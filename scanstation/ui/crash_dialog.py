"""The window's side of crash reporting: an uncaught exception in any thread becomes a
dialog on the GUI thread (the core's `crashes` module has already logged it).

The hook may fire on any thread, so it only emits a queued signal; the dialog is
non-modal and shown once at a time, so a loop of failures cannot bury the window in boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from scanstation import crashes
from scanstation.paths import log_dir


class CrashReporter(QObject):
    crashed = Signal(str)  # the formatted traceback; emitted from any thread

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.box: QMessageBox | None = None
        self.shown = 0
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Wire the hooks (once per process) to this window."""
        crashes.install(self.crashed.emit)

    def uninstall(self) -> None:
        crashes.set_listener(None)

    def _show(self, text: str) -> None:
        self.shown += 1
        if self.box is not None and self.box.isVisible():
            self.box.setDetailedText(text)
            return
        last = text.strip().splitlines()[-1] if text.strip() else ""
        message = self.tr(
            "Internal program error: %1\n\nSaved pages are kept. Details are in the log (%2); "
            "attach it when reporting (diagnostics).").replace("%1", last).replace(
            "%2", str(log_dir()))
        box = QMessageBox(QMessageBox.Icon.Critical, "ScanStation", message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("CrashBox")
        box.setDetailedText(text)
        box.open()
        self.box = box
