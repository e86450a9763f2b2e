"""Two pages with one blank number, side by side, and the operator's decision: «delete the
repeat» (the same sheet fed twice) or «different sheets — report to the coordinator»
(never merged). The dialog only asks; the main window hands the answer to the core."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scanstation.ui.page_viewer import PageViewer


class DuplicateChoice(StrEnum):
    DELETE_REPEAT = "deleted_repeat"
    ESCALATE = "escalated"


@dataclass(frozen=True)
class DuplicatePage:
    page_id: int
    seq: int
    path: Path


class DuplicatesDialog(QDialog):
    def __init__(self, number: str, pages: list[DuplicatePage], same_sheet: bool | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DuplicatesDialog")
        self.setWindowTitle(self.tr("Duplicate blank number %1").replace("%1", number))
        self.number = number
        self.pages = pages
        self.choice: DuplicateChoice | None = None
        self.viewers: list[PageViewer] = []
        row = QHBoxLayout()
        for page in pages[:2]:
            column = QVBoxLayout()
            column.addWidget(QLabel(self.tr("Page %1").replace("%1", f"{page.seq:04d}")))
            viewer = PageViewer()
            viewer.setMinimumSize(360, 480)
            viewer.show_file(page.path)
            self.viewers.append(viewer)
            column.addWidget(viewer, 1)
            row.addLayout(column, 1)
        if same_sheet is True:
            verdict = self.tr("The images match: most likely the same sheet was fed twice.")
        elif same_sheet is False:
            verdict = self.tr("The images differ: these look like two different sheets. "
                              "They must not be merged — report them to the coordinator.")
        else:
            verdict = self.tr("Compare the two pages.")
        self.verdict = QLabel(verdict)
        self.verdict.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete the repeat"))
        self.delete_button.setObjectName("DeleteRepeat")
        self.delete_button.clicked.connect(lambda: self._choose(DuplicateChoice.DELETE_REPEAT))
        self.escalate_button = QPushButton(self.tr("Different sheets — report to coordinator"))
        self.escalate_button.setObjectName("Escalate")
        self.escalate_button.clicked.connect(lambda: self._choose(DuplicateChoice.ESCALATE))
        cancel = QPushButton(self.tr("Later"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.escalate_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)
        (self.delete_button if same_sheet else self.escalate_button).setDefault(True)

    def repeat(self) -> DuplicatePage:
        """The page to delete: the later scan, so the first one keeps its place."""
        return max(self.pages, key=lambda p: p.seq)

    def _choose(self, choice: DuplicateChoice) -> None:
        self.choice = choice
        self.accept()
