"""The review panel under the viewer: what is wrong with this page and the operator's keys.

Keyboard first: the number field has the focus when a problem page is selected, 20 digits
and Enter save it; every other key is an F-key, so it never collides with typing in the
number field (letters, Delete, Home/End stay the field's own). The panel only validates
and asks — the page actions themselves are the core's (the main window passes them on).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scanstation.profile import EventProfile
from scanstation.ui.page_state import PageRow, PageState, row_label, state_colour


def digits_mask(profile: EventProfile | None) -> str:
    """An input mask of as many digits as the profile's numbers have (20 by default)."""
    length = 20
    if profile is not None:
        length = max(profile.kit_digits[1], profile.page_digits[1], 20
                     if profile.blank_number.startswith(r"^\d{20}") else 0)
    return "9" * length + ";_"


class ReviewPanel(QWidget):
    number_entered = Signal(int, str)  # page id, number
    rotate_requested = Signal(int, int)  # page id, clockwise degrees
    trash_requested = Signal(int)
    restore_requested = Signal(int)
    rescan_requested = Signal(int)
    next_problem = Signal()
    previous_problem = Signal()
    zoom_number = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewPanel")
        self.row: PageRow | None = None
        self.profile: EventProfile | None = None
        # Answers whether a kit is in the protocol (None: no protocol loaded).
        self.kit_known: Callable[[str], bool | None] = lambda _kit: None
        self.state_label = QLabel()
        self.state_label.setObjectName("PageStateLabel")
        self.state_label.setAutoFillBackground(True)
        self.state_label.setMargin(4)
        self.number = QLineEdit()
        self.number.setObjectName("NumberEdit")
        self.number.setPlaceholderText(self.tr("20-digit blank number"))
        font = self.number.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.number.setFont(font)
        self.number.returnPressed.connect(self._save_number)
        self.number.textChanged.connect(self._validate)
        self.hint = QLabel()
        self.hint.setObjectName("NumberHint")
        self.hint.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save number"))
        self.save_button.clicked.connect(self._save_number)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        specs: list[tuple[str, str, str, Callable[[], None]]] = [
            ("rotate90", self.tr("Turn 90° (F2)"), "F2", lambda: self._rotate(90)),
            ("rotate180", self.tr("Turn 180° (F3)"), "F3", lambda: self._rotate(180)),
            ("trash", self.tr("Delete (F8)"), "F8", self._trash),
            ("restore", self.tr("Restore (F8)"), "F8", self._restore),
            ("rescan", self.tr("Rescan this page (F5)"), "F5", self._rescan),
            ("zoom", self.tr("Zoom to number (F4)"), "F4", self.zoom_number.emit),
            ("previous", self.tr("Previous problem (F6)"), "F6", self.previous_problem.emit),
            ("next", self.tr("Next problem (F7)"), "F7", self.next_problem.emit),
        ]
        for i, (key, text, shortcut, slot) in enumerate(specs):
            button = QPushButton(text)
            button.setObjectName(f"Review_{key}")
            if shortcut:
                button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(slot)
            self.buttons[key] = button
            grid.addWidget(button, i // 2, i % 2)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number, 1)
        number_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.state_label)
        layout.addLayout(number_row)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        self.set_page(None)

    def set_profile(self, profile: EventProfile | None,
                    kit_known: Callable[[str], bool | None] | None = None) -> None:
        self.profile = profile
        if kit_known is not None:
            self.kit_known = kit_known
        self.number.setInputMask(digits_mask(profile))

    def set_page(self, row: PageRow | None) -> None:
        self.row = row
        enabled = row is not None
        for key, button in self.buttons.items():
            if key not in ("next", "previous"):
                button.setEnabled(enabled)
        self.number.setEnabled(enabled and not (row is not None and row.trashed))
        self.buttons["restore"].setVisible(bool(row and row.trashed))
        self.buttons["trash"].setVisible(not (row and row.trashed))
        if row is None:
            self.state_label.setText(self.tr("No page selected"))
            self.number.clear()
            self.hint.clear()
            return
        state = row.state
        self.state_label.setText(self.tr("Page %1: %2").replace("%1", f"{row.seq:04d}")
                                 .replace("%2", row_label(row)))
        palette = self.state_label.palette()
        palette.setColor(self.state_label.backgroundRole(), state_colour(state))
        palette.setColor(self.state_label.foregroundRole(), Qt.GlobalColor.black)
        self.state_label.setPalette(palette)
        self.number.setText(row.blank_number or "")
        self._validate()
        if state in (PageState.UNREADABLE, PageState.OUTSIDE):
            self.number.setFocus()
            self.number.setCursorPosition(0 if not row.blank_number else len(row.blank_number))

    def typed_number(self) -> str:
        return "".join(ch for ch in self.number.text() if ch.isdigit())

    def check_number(self, number: str) -> tuple[bool, str]:
        """(acceptable, message): the profile's pattern, then the protocol's kits."""
        if self.profile is None:
            return len(number) == 20, ""
        if not self.profile.is_valid_number(number):
            return False, self.tr("Not a blank number of this event.")
        kit = self.profile.kit_of(number)
        page = self.profile.page_of(number)
        if not 1 <= page <= self.profile.pages_per_kit:
            return False, self.tr("Page %1 does not exist: a kit has %2 pages.").replace(
                "%1", str(page)).replace("%2", str(self.profile.pages_per_kit))
        known = self.kit_known(kit)
        if known is False:
            return True, self.tr("Kit %1 is not among the protocol's used kits.").replace(
                "%1", kit)
        return True, self.tr("Kit %1, page %2.").replace("%1", kit).replace("%2", str(page))

    def _validate(self) -> None:
        number = self.typed_number()
        if not number:
            self.hint.setText(self.tr("Type the number printed under the barcode, then Enter."))
            self.save_button.setEnabled(False)
            return
        ok, message = self.check_number(number)
        self.save_button.setEnabled(ok and self.row is not None)
        self.hint.setText(message if ok or len(number) >= 20 else
                          self.tr("%1 of 20 digits").replace("%1", str(len(number))))

    def _save_number(self) -> None:
        number = self.typed_number()
        if self.row is not None and number and number == self.row.blank_number \
                and not self.row.is_problem:
            # Enter on a number already saved: on to the next page that needs the operator.
            self.next_problem.emit()
            return
        if self.row is None or not self.check_number(number)[0]:
            return
        self.number_entered.emit(self.row.id, number)

    def _rotate(self, degrees: int) -> None:
        if self.row is not None:
            self.rotate_requested.emit(self.row.id, degrees)

    def _trash(self) -> None:
        if self.row is not None and not self.row.trashed:
            self.trash_requested.emit(self.row.id)

    def _restore(self) -> None:
        if self.row is not None and self.row.trashed:
            self.restore_requested.emit(self.row.id)

    def _rescan(self) -> None:
        if self.row is not None:
            self.rescan_requested.emit(self.row.id)
