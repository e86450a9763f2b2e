"""Who is at the station: the operator's name for the audit trail of typed numbers, duplicate
decisions and gate overrides. Asked once per session (offering the name stored in the
settings), never a participant's name — the dialog says so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from scanstation.settings import StationSettings
from scanstation.ui.ports import CurrentSettings


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
    was given in this session, else after asking (None when the operator declines).

    A new name is handed to `store` (the window keeps and saves its settings), never
    written behind the window's back."""

    def __init__(self, settings: CurrentSettings, store: Callable[[StationSettings], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self._store = store
        self._parent = parent
        self.asked = False
        self.dialog: OperatorDialog | None = None
        self._waiting: list[Callable[[str | None], None]] = []

    def current(self) -> str | None:
        return self._settings().operator_name or None

    def with_name(self, then: Callable[[str | None], None]) -> None:
        if self.asked:
            then(self.current())
            return
        self._waiting.append(then)
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = OperatorDialog(self._settings().operator_name, self._parent)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, code: int) -> None:
        dialog = self.dialog
        assert dialog is not None
        self.asked = True
        name = dialog.name.text().strip()
        settings = self._settings()
        if code == QDialog.DialogCode.Accepted and name != settings.operator_name:
            self._store(replace(settings, operator_name=name))
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(self.current())
