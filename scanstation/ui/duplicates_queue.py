"""The duplicates queue: every undecided group of the event (all its rooms — the collector
compares the whole event) and every escalation still waiting for the coordinator, «N of M»,
two pages side by side with the page that would go, and the decisions: delete the repeat,
different sheets — report to the coordinator, the coordinator answered, and «delete all
exact repeats» at once. The dialog only shows and asks; the review controller hands each
answer to the core (`scanstation.station.duplicate_groups`) and refills the queue."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scanstation.station.duplicate_groups import ESCALATED, DuplicateGroup
from scanstation.ui.page_viewer import PageViewer


@dataclass(frozen=True)
class QueueItem:
    group: DuplicateGroup
    same_sheet: bool | None  # from the images; None for escalations (not compared again)

    @property
    def escalated(self) -> bool:
        return self.group.decision == ESCALATED


class DuplicatesQueue(QDialog):
    decided = Signal(object, str)  # QueueItem, "deleted_repeat" / "escalated" / "answered"
    batch_requested = Signal(list)  # the QueueItems of exact repeats

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DuplicatesQueue")
        self.setWindowTitle(self.tr("Duplicate blank numbers"))
        self.items: list[QueueItem] = []
        self.list = QListWidget()
        self.list.setObjectName("DuplicateList")
        self.list.currentRowChanged.connect(self._show)
        self.position = QLabel()
        self.position.setObjectName("DuplicatePosition")
        self.viewers: list[PageViewer] = []
        self.captions: list[QLabel] = []
        pages = QHBoxLayout()
        for _ in range(2):
            column = QVBoxLayout()
            caption = QLabel()
            caption.setWordWrap(True)
            viewer = PageViewer()
            viewer.setMinimumSize(300, 400)
            self.captions.append(caption)
            self.viewers.append(viewer)
            column.addWidget(caption)
            column.addWidget(viewer, 1)
            pages.addLayout(column, 1)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.goes = QLabel()
        self.goes.setObjectName("DuplicateGoes")
        self.goes.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete the repeat"))
        self.delete_button.setObjectName("DeleteRepeat")
        self.delete_button.clicked.connect(lambda: self._decide("deleted_repeat"))
        self.escalate_button = QPushButton(self.tr("Different sheets — report to coordinator"))
        self.escalate_button.setObjectName("Escalate")
        self.escalate_button.clicked.connect(lambda: self._decide("escalated"))
        self.answered_button = QPushButton(self.tr("The coordinator answered"))
        self.answered_button.setObjectName("Answered")
        self.answered_button.clicked.connect(lambda: self._decide("answered"))
        self.batch_button = QPushButton()
        self.batch_button.setObjectName("DeleteAllRepeats")
        self.batch_button.clicked.connect(self._batch)
        later = QPushButton(self.tr("Later"))
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.delete_button, self.escalate_button, self.answered_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.batch_button)
        buttons.addWidget(later)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.position)
        right_layout.addLayout(pages, 1)
        right_layout.addWidget(self.verdict)
        right_layout.addWidget(self.goes)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([260, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1080, 700)

    # --- filling -------------------------------------------------------------------------
    def set_items(self, items: list[QueueItem]) -> None:
        """A fresh queue after each decision; the same number stays chosen if still there."""
        chosen = self.current()
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            rooms = sorted(set(item.group.rooms))
            state = self.tr("reported to the coordinator, awaiting the answer") \
                if item.escalated else (self.tr("same sheet twice") if item.same_sheet
                                        else self.tr("different sheets"))
            entry = QListWidgetItem(f"{item.group.blank_number}\n{', '.join(rooms)} · "
                                    f"{len(item.group.pages)} · {state}")
            if item.escalated:
                entry.setForeground(QBrush(QColor("#6a1b9a")))
            self.list.addItem(entry)
        self.list.blockSignals(False)
        numbers = [i.group.blank_number for i in items]
        at = numbers.index(chosen.group.blank_number) \
            if chosen is not None and chosen.group.blank_number in numbers else 0
        exact = self.exact_repeats()
        self.batch_button.setText(self.tr("Delete all exact repeats (%1)")
                                  .replace("%1", str(len(exact))))
        self.batch_button.setEnabled(bool(exact))
        if items:
            self.list.setCurrentRow(at)
        self._show(self.list.currentRow() if items else -1)

    def exact_repeats(self) -> list[QueueItem]:
        return [i for i in self.items if i.same_sheet and not i.escalated]

    def current(self) -> QueueItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    # --- compatibility with the one-pair view: the current group's number and pages -------
    @property
    def number(self) -> str:
        item = self.current()
        return item.group.blank_number if item is not None else ""

    # --- showing -------------------------------------------------------------------------
    def _show(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        for button in (self.delete_button, self.escalate_button, self.answered_button):
            button.setEnabled(item is not None)
        if item is None:
            self.position.setText(self.tr("No open duplicates in this event."))
            for viewer, caption in zip(self.viewers, self.captions, strict=True):
                viewer.clear()
                caption.clear()
            self.verdict.clear()
            self.goes.clear()
            return
        group = item.group
        self.position.setText(self.tr("%1 of %2: number %3").replace("%1", str(row + 1))
                              .replace("%2", str(len(self.items)))
                              .replace("%3", group.blank_number))
        shown = (group.keep, group.repeat)
        rooms = dict(zip((p.id for p in group.pages), group.rooms, strict=False))
        for viewer, caption, page in zip(self.viewers, self.captions, shown, strict=True):
            caption.setText(self.tr("%1, page %2").replace("%1", rooms.get(page.id, ""))
                            .replace("%2", f"{page.seq:04d}"))
            viewer.show_file(page.path)
        if len(group.pages) > 2:
            self.captions[1].setText(self.captions[1].text() + " " + self.tr(
                "(%1 pages carry this number)").replace("%1", str(len(group.pages))))
        if item.escalated:
            verdict = self.tr("Reported to the coordinator as different sheets; every page "
                              "is kept until the answer comes.")
        elif item.same_sheet:
            verdict = self.tr("The images match: most likely the same sheet was fed twice.")
        else:
            verdict = self.tr("The images differ: these look like two different sheets. "
                              "They must not be merged — report them to the coordinator.")
        self.verdict.setText(verdict)
        self.goes.setText("" if item.escalated else self.tr(
            "«Delete the repeat» moves %1, page %2 to the trash; %3, page %4 stays.")
            .replace("%1", rooms.get(group.repeat.id, "")).replace("%2", f"{group.repeat.seq:04d}")
            .replace("%3", rooms.get(group.keep.id, "")).replace("%4", f"{group.keep.seq:04d}"))
        self.delete_button.setVisible(not item.escalated)
        self.escalate_button.setVisible(not item.escalated)
        self.answered_button.setVisible(item.escalated)
        (self.delete_button if item.same_sheet else self.escalate_button).setDefault(True)
        (self.escalate_button if item.same_sheet else self.delete_button).setDefault(False)

    # --- answers -------------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        for button in (self.delete_button, self.escalate_button, self.answered_button,
                       self.batch_button):
            button.setEnabled(not busy and (button is not self.batch_button
                                            or bool(self.exact_repeats())))

    def _decide(self, choice: str) -> None:
        item = self.current()
        if item is not None:
            self.set_busy(True)
            self.decided.emit(item, choice)

    def _batch(self) -> None:
        exact = self.exact_repeats()
        if exact:
            self.set_busy(True)
            self.batch_requested.emit(exact)
