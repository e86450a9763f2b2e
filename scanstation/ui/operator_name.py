"""Who is at the station: the operator's name for the audit trail of typed numbers, duplicate
decisions and gate overrides. Asked once per session (offering the name stored in the
settings), never a participant's name — the dialog says so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from scanstation.settings import save_settings

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow


class OperatorDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OperatorDialog")
        self.setWindowTitle(self.tr("Station operator"))
        note = QLabel(self.tr("Your name as the station operator: it goes into the audit "
                              "trail with every number you type. Never type a participant's "
                              "name here."))
        note.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("OperatorName")
        self.name.setMaxLength(100)
        self.name.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.name)
        layout.addWidget(buttons)


class OperatorName(QObject):
    """The session's operator: `with_name(then)` calls `then(name)` at once when the name
    was given in this session, else after asking (None when the operator declines)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.asked = False
        self.dialog: OperatorDialog | None = None
        self._waiting: list[Callable[[str | None], None]] = []

    def current(self) -> str | None:
        return self.window.settings.operator_name or None

    def with_name(self, then: Callable[[str | None], None]) -> None:
        if self.asked:
            then(self.current())
            return
        self._waiting.append(then)
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = OperatorDialog(self.window.settings.operator_name, self.window)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, code: int) -> None:
        dialog = self.dialog
        assert dialog is not None
        self.asked = True
        name = dialog.name.text().strip()
        if code == QDialog.DialogCode.Accepted and name != self.window.settings.operator_name:
            self.window.settings = replace(self.window.settings, operator_name=name)
            save_settings(self.window.settings)
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(self.current())
