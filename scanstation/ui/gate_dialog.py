"""Before packing or export: one summary of what the collector would refuse, and going on
only with «Упаковать всё равно» and a typed reason. The problems are the core's
(`scanstation.readiness`); this dialog only shows them and asks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scanstation.readiness import GateSummary


class GateDialog(QDialog):
    def __init__(self, summary: GateSummary, export: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GateDialog")
        self.summary = summary
        self.setWindowTitle(self.tr("The package is not ready to upload"))
        header = QLabel(self.tr("The collector would not accept this package as it is:"))
        header.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("GateProblems")
        self.problems.setWordWrap(True)
        for problem in summary.problems:
            self.problems.addItem(QListWidgetItem(problem.message))
        self.reason = QLineEdit()
        self.reason.setObjectName("GateReason")
        self.reason.setPlaceholderText(self.tr("e.g. the coordinator allowed it by phone"))
        reason_label = QLabel(self.tr("Reason to go on anyway (written to the audit trail "
                                      "and the archive manifest):"))
        reason_label.setWordWrap(True)
        reason_label.setBuddy(self.reason)
        self.override_button = QPushButton(
            self.tr("Export anyway") if export else self.tr("Pack anyway"))
        self.override_button.setObjectName("GateOverride")
        self.override_button.setEnabled(False)
        self.override_button.setAutoDefault(False)
        self.override_button.clicked.connect(self.accept)
        self.back_button = QPushButton(self.tr("Back to the package"))
        self.back_button.setObjectName("GateBack")
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.reject)
        self.reason.textChanged.connect(self._reason_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.problems, 1)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def _reason_changed(self, text: str) -> None:
        """With a reason typed, Enter goes on; without one, Enter (and Esc) go back."""
        given = bool(text.strip())
        self.override_button.setEnabled(given)
        self.override_button.setDefault(given)
        self.back_button.setDefault(not given)

    def reason_text(self) -> str:
        return self.reason.text().strip()
