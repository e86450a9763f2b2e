"""What the grid shows for one page: a light row (no ORM object on the GUI side) and the
state the operator sees as a colour.

States, in the order the operator must care about them: unreadable (fix it), duplicate
(decide), outside the protocol (check), read and turned upright, read, waiting for
recognition, in the trash.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from scanstation.db.models import PageStatus


class PageState(StrEnum):
    READ = "read"
    READ_ROTATED = "read_rotated"
    UNREADABLE = "unreadable"
    DUPLICATE = "duplicate"
    OUTSIDE = "outside"  # a valid number, but of no kit the protocol lists as used
    PENDING = "pending"
    TRASHED = "trashed"


PROBLEM_STATES = frozenset({PageState.UNREADABLE, PageState.DUPLICATE, PageState.OUTSIDE})

# Light fills that keep black page numbers readable in the light and the dark palette.
STATE_COLOURS: dict[PageState, str] = {
    PageState.READ: "#c6efce",
    PageState.READ_ROTATED: "#bfe3f5",
    PageState.UNREADABLE: "#ffc7ce",
    PageState.DUPLICATE: "#e4d7f5",
    PageState.OUTSIDE: "#ffe699",
    PageState.PENDING: "#e0e0e0",
    PageState.TRASHED: "#9e9e9e",
}


def state_colour(state: PageState) -> QColor:
    return QColor(STATE_COLOURS[state])


def state_label(state: PageState) -> str:
    labels = {
        PageState.READ: QCoreApplication.translate("PageState", "read"),
        PageState.READ_ROTATED: QCoreApplication.translate("PageState", "turned upright"),
        PageState.UNREADABLE: QCoreApplication.translate("PageState", "unreadable"),
        PageState.DUPLICATE: QCoreApplication.translate("PageState", "duplicate"),
        PageState.OUTSIDE: QCoreApplication.translate("PageState", "outside the protocol"),
        PageState.PENDING: QCoreApplication.translate("PageState", "recognising…"),
        PageState.TRASHED: QCoreApplication.translate("PageState", "in the trash"),
    }
    return labels[state]


@dataclass(frozen=True)
class PageRow:
    id: int
    seq: int
    file_name: str
    blank_number: str | None
    status: str
    rotation: int
    trashed: bool
    file_missing: bool = False
    duplicate: bool = False
    outside: bool = False
    escalated: bool = False  # a duplicate the operator reported to the coordinator

    @property
    def state(self) -> PageState:
        if self.trashed:
            return PageState.TRASHED
        if self.status == PageStatus.PENDING:
            return PageState.PENDING
        if self.status != PageStatus.OK or not self.blank_number:
            return PageState.UNREADABLE
        if self.duplicate:
            return PageState.DUPLICATE
        if self.outside:
            return PageState.OUTSIDE
        if self.rotation % 360:
            return PageState.READ_ROTATED
        return PageState.READ

    @property
    def is_problem(self) -> bool:
        return self.state in PROBLEM_STATES


def row_label(row: PageRow) -> str:
    """The state as the operator reads it, saying when a duplicate was already reported."""
    state = row.state
    if state is PageState.DUPLICATE and row.escalated:
        return QCoreApplication.translate(
            "PageState", "duplicate: different sheets, reported to the coordinator")
    return state_label(state)
