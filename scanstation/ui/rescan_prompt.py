"""F5 «Пересканировать» asks for the sheet before it scans: the old page is replaced only
by a sheet the operator has put into the scanner. Enter scans, Esc cancels."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class RescanPrompt(QDialog):
    def __init__(self, seq: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RescanPrompt")
        self.setWindowTitle(self.tr("Rescan page %1").replace("%1", f"{seq:04d}"))
        self.text = QLabel(self.tr(
            "Put the sheet into the scanner and press Enter.\n"
            "The new scan replaces page %1; the old one goes to the trash and can be "
            "restored (Ctrl+T). Esc cancels.").replace("%1", f"{seq:04d}"))
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.scan_button = buttons.addButton(self.tr("Scan"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.scan_button.setObjectName("RescanScan")
        self.scan_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
