"""The archive password as the operator types it, and the one place the password policy
is named.

Typed twice, «показать» to read it back, refused with a message when the two differ: a
mistyped password on an archive is a lost upload. The policy itself (none / AES-256 /
ZipCrypto) is a station setting; the settings dialog chooses it and the pack panel shows
it, both with the labels below.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from scanstation.settings import PASSWORD_POLICIES


def policy_label(policy: str) -> str:
    labels = {
        "none": QCoreApplication.translate("PasswordPolicy", "No password"),
        "aes": QCoreApplication.translate("PasswordPolicy", "AES-256 (recommended)"),
        "zipcrypto": QCoreApplication.translate(
            "PasswordPolicy", "ZipCrypto (weak, compatibility only)"),
    }
    return labels.get(policy, labels["none"])


def policy_choices() -> list[tuple[str, str]]:
    """(label, policy) in the order the settings dialog offers them."""
    return [(policy_label(policy), policy) for policy in PASSWORD_POLICIES]


class PasswordField(QWidget):
    """Password, confirmation and «показать»; `password()` is None until both agree."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PasswordField")
        self.first = QLineEdit()
        self.first.setObjectName("ArchivePassword")
        self.second = QLineEdit()
        self.second.setObjectName("ArchivePasswordConfirm")
        self.show_box = QCheckBox(self.tr("show"))
        self.show_box.setObjectName("ShowPassword")
        self.show_box.toggled.connect(self._shown)
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(lambda _text: self.changed.emit())
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Password:"), self.first)
        layout.addRow(self.tr("Again:"), self.second)
        layout.addRow(self.show_box)
        self.setTabOrder(self.first, self.second)
        self.setTabOrder(self.second, self.show_box)

    def _shown(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.first, self.second):
            edit.setEchoMode(mode)

    def set_password(self, password: str) -> None:
        """A saved password (from the keyring) fills both fields."""
        self.first.setText(password)
        self.second.setText(password)

    def text(self) -> str:
        return self.first.text()

    def problem(self) -> str | None:
        """Why the typed password cannot be used, in the operator's words, or None."""
        if not self.first.text():
            return self.tr("Type the archive password first.")
        if self.first.text() != self.second.text():
            return self.tr("The two passwords differ: type the same password twice.")
        return None

    def password(self) -> str | None:
        return None if self.problem() else self.first.text()
