"""«Сводка по мероприятию», drawn as the collector draws it: for the whole event and for
each room (package), kits complete / partial / missing / with duplicates as a ring chart
and counts, green, lilac and red; a click on a segment or a count opens the kits behind it
in the completeness tab, one more click the pages.

The figures are the core's `check_pages` answers (through `package_report`), computed on
the job runner; this module only counts kits into the four groups and paints them.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from scanstation.completeness import CompletenessReport, KitState
from scanstation.db import Database
from scanstation.db.models import Package
from scanstation.ui.completeness_view import package_report


class Group(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"
    DUPLICATES = "duplicates"


# The collector's colours, deep enough to read as arcs: green, lilac, red; duplicates a
# deeper lilac, so the two lilac groups stay apart.
GROUP_COLOURS: dict[Group, str] = {
    Group.COMPLETE: "#6abf69",
    Group.PARTIAL: "#b9a3e3",
    Group.MISSING: "#e57373",
    Group.DUPLICATES: "#8e6fc7",
}


def group_label(group: Group) -> str:
    labels = {
        Group.COMPLETE: QCoreApplication.translate("Dashboard", "complete"),
        Group.PARTIAL: QCoreApplication.translate("Dashboard", "partially loaded"),
        Group.MISSING: QCoreApplication.translate("Dashboard", "missing"),
        Group.DUPLICATES: QCoreApplication.translate("Dashboard", "duplicates"),
    }
    return labels[group]


def group_of(state: KitState, duplicated: bool) -> Group | None:
    """One group per kit (a kit with duplicates counts there, whatever its pages)."""
    if state in (KitState.UNEXPECTED, KitState.NOT_SCANNED):
        return Group.DUPLICATES if duplicated else None
    if duplicated:
        return Group.DUPLICATES
    return {KitState.COMPLETE: Group.COMPLETE, KitState.PARTIAL: Group.PARTIAL,
            KitState.MISSING: Group.MISSING}[state]


@dataclass
class Figures:
    """One ring: a room's or the event's kits by group."""

    title: str
    package_id: int | None  # None: the whole event
    report: CompletenessReport
    kits: dict[Group, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, title: str, package_id: int | None, report: CompletenessReport,
           with_missing: bool) -> Figures:
        kits: dict[Group, list[str]] = {group: [] for group in Group}
        for kit in report.kits:
            group = group_of(kit.state, kit.has_duplicates)
            if group is Group.MISSING and not with_missing:
                continue  # a room is not missing the kits scanned in the other rooms
            if group is not None:
                kits[group].append(kit.number)
        return cls(title, package_id, report, kits)

    def count(self, group: Group) -> int:
        return len(self.kits.get(group, []))

    @property
    def total(self) -> int:
        return sum(self.count(group) for group in Group)


@dataclass
class EventFigures:
    event: str
    whole: Figures
    rooms: list[Figures]


def event_figures(database: Database, package_id: int) -> EventFigures:
    """The event of `package_id`: the whole event, then each room, on a worker thread.
    A room's «missing» is left out: only the whole event knows what was never scanned."""
    with database.session() as session:
        package = session.get(Package, package_id)
        if package is None:
            raise LookupError(package_id)
        event = package.event.name
        rooms = list(session.execute(select(Package.id, Package.name).where(
            Package.event_id == package.event_id).order_by(Package.name)))
    whole = package_report(database, package_id, classify_duplicates=False, whole_event=True)
    title = QCoreApplication.translate("Dashboard", "Whole event")
    figures = EventFigures(event, Figures.of(title, None, whole, True), [])
    for room_id, name in rooms:
        report = package_report(database, room_id, classify_duplicates=False)
        figures.rooms.append(Figures.of(name, room_id, report, False))
    return figures


class RingChart(QWidget):
    """A donut of the four groups; a click on a segment says which group it was."""

    segment_clicked = Signal(str)  # Group value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RingChart")
        self.counts: dict[Group, int] = {}
        self.setMinimumSize(QSize(120, 120))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(150, 150)

    def set_counts(self, counts: dict[Group, int]) -> None:
        self.counts = counts
        total = sum(counts.values())
        self.setToolTip(", ".join(f"{group_label(g)}: {n}" for g, n in counts.items() if n)
                        if total else QCoreApplication.translate("Dashboard", "no kits"))
        self.update()

    def _ring(self) -> QRectF:
        side = min(self.width(), self.height()) - 8
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def spans(self) -> list[tuple[Group, float, float]]:
        """(group, start, span) in degrees, clockwise from 12 o'clock."""
        total = sum(self.counts.values())
        out: list[tuple[Group, float, float]] = []
        start = 0.0
        for group in Group:
            n = self.counts.get(group, 0)
            if n and total:
                span = 360.0 * n / total
                out.append((group, start, span))
                start += span
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = self._ring()
        width = max(10.0, ring.width() * 0.2)
        inner = ring.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        spans = self.spans()
        if not spans:
            painter.setPen(QPen(QColor("#d0d0d0"), width))
            painter.drawEllipse(inner)
        for group, start, span in spans:
            pen = QPen(QColor(GROUP_COLOURS[group]), width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            # Qt: angles in 1/16°, counter-clockwise from 3 o'clock.
            painter.drawArc(inner, int((90 - start) * 16), int(-span * 16))
        total = sum(self.counts.values())
        complete = self.counts.get(Group.COMPLETE, 0)
        painter.setPen(self.palette().windowText().color())
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(ring, Qt.AlignmentFlag.AlignCenter, f"{complete}/{total}")
        painter.end()

    def group_at(self, point: QPointF) -> Group | None:
        ring = self._ring()
        centre = ring.center()
        dx, dy = point.x() - centre.x(), point.y() - centre.y()
        radius = math.hypot(dx, dy)
        width = max(10.0, ring.width() * 0.2)
        if not ring.width() / 2 - width - 2 <= radius <= ring.width() / 2 + 2:
            return None
        angle = math.degrees(math.atan2(dx, -dy)) % 360  # clockwise from 12 o'clock
        for group, start, span in self.spans():
            if start <= angle < start + span:
                return group
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        group = self.group_at(event.position())
        if group is not None:
            self.segment_clicked.emit(group.value)


class FiguresCard(QFrame):
    """One room (or the event): title, ring, and the four counts as buttons."""

    group_chosen = Signal(object, str)  # package id or None, Group value

    def __init__(self, figures: Figures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FiguresCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.figures = figures
        title = QLabel(f"<b>{figures.title}</b>")
        title.setObjectName("FiguresTitle")
        self.ring = RingChart()
        self.ring.set_counts({group: figures.count(group) for group in Group})
        self.ring.segment_clicked.connect(self._chosen)
        self.buttons: dict[Group, QPushButton] = {}
        counts = QVBoxLayout()
        for group in Group:
            if group is Group.MISSING and figures.package_id is not None:
                continue
            button = QPushButton(f"{group_label(group)}: {figures.count(group)}")
            button.setObjectName(f"Figure_{group.value}")
            button.setStyleSheet(
                f"QPushButton {{ background: {GROUP_COLOURS[group]}; color: black;"
                " text-align: left; padding: 3px 8px; border-radius: 3px; }"
                " QPushButton:focus { border: 2px solid black; }")
            button.clicked.connect(lambda _c=False, g=group: self._chosen(g.value))
            self.buttons[group] = button
            counts.addWidget(button)
        counts.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(counts, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body)
        layout.addStretch(1)

    def _chosen(self, group: str) -> None:
        self.group_chosen.emit(self.figures.package_id, group)


class EventDashboard(QWidget):
    refresh_requested = Signal()
    group_chosen = Signal(object, str)  # package id or None (whole event), Group value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EventDashboard")
        self.cards: list[FiguresCard] = []
        self.heading = QLabel(self.tr("Open a package to see its event."))
        self.heading.setObjectName("DashboardHeading")
        self.heading.setWordWrap(True)
        self.refresh = QPushButton(self.tr("Refresh"))
        self.refresh.setObjectName("DashboardRefresh")
        self.refresh.clicked.connect(self.refresh_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh)
        self.holder = QWidget()
        self.grid = QGridLayout(self.holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def show_figures(self, figures: EventFigures) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        text = self.tr("Event «%1»: %2 rooms.").replace("%1", figures.event) \
            .replace("%2", str(len(figures.rooms)))
        if not figures.whole.report.protocol_counts.get("kits"):
            text += " " + self.tr("No protocol loaded: «missing» is unknown.")
        self.heading.setText(text)
        for i, item in enumerate([figures.whole, *figures.rooms]):
            card = FiguresCard(item)
            card.group_chosen.connect(self.group_chosen.emit)
            self.cards.append(card)
            self.grid.addWidget(card, i // 2, i % 2)


def dashboard_job(database: Database, package_id: int) -> Callable[
        [Callable[[int, int, str], None], threading.Event], EventFigures]:
    def run(_progress: Callable[[int, int, str], None], _cancel: threading.Event
            ) -> EventFigures:
        return event_figures(database, package_id)

    return run
