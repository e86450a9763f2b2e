"""The pages of one package as a list model: light rows read in one query, thumbnails
asked for only when a cell is painted.

Rows are plain `PageRow`s, so the GUI never holds a database session. Duplicate and
«outside the protocol» flags are derived here from the numbers already in the rows and the
event's used kits — display state, not a decision: the decisions are the core's (a duplicate
the operator escalated is only marked as such, from the core's `DuplicateDecision`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import DuplicateDecision, Kit, KitProtocolStatus, Package, Page
from scanstation.profile import EventProfile
from scanstation.ui.page_state import PageRow, PageState, row_label, state_colour
from scanstation.ui.thumbnails import ThumbnailLoader

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
PATH_ROLE = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex


def load_rows(database: Database, package_id: int, profile: EventProfile | None,
              include_trashed: bool = True) -> tuple[Path, list[PageRow]]:
    """One query for the rows, one for the kits; flags computed in memory."""
    with database.read() as session:
        package = session.get(Package, package_id)
        if package is None:
            return Path(), []
        folder = Path(package.folder)
        query = select(Page.id, Page.seq, Page.file_name, Page.blank_number, Page.status,
                       Page.rotation, Page.trashed_at, Page.file_missing).where(
            Page.package_id == package_id).order_by(Page.seq)
        raw = list(session.execute(query))
        used = {EventProfile.normalize_kit(number) for number in session.scalars(
            select(Kit.number).where(Kit.event_id == package.event_id,
                                     Kit.protocol_status == KitProtocolStatus.USED))}
        escalated = set(session.scalars(select(DuplicateDecision.blank_number).where(
            DuplicateDecision.event_id == package.event_id,
            DuplicateDecision.decision == "escalated")))
    live_numbers = Counter(r.blank_number for r in raw
                           if r.trashed_at is None and r.blank_number)
    rows = []
    for r in raw:
        if r.trashed_at is not None and not include_trashed:
            continue
        number = r.blank_number
        duplicate = bool(number and r.trashed_at is None and live_numbers[number] > 1)
        outside = bool(used and number and profile is not None
                       and EventProfile.normalize_kit(profile.kit_of(number)) not in used)
        rows.append(PageRow(
            id=r.id, seq=r.seq, file_name=r.file_name, blank_number=number,
            status=r.status, rotation=r.rotation, trashed=r.trashed_at is not None,
            file_missing=r.file_missing,
            duplicate=duplicate, outside=outside,
            escalated=duplicate and number in escalated))
    return folder, rows


class PageListModel(QAbstractListModel):
    def __init__(self, loader: ThumbnailLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.folder = Path()
        self.rows: list[PageRow] = []
        self._row_of: dict[int, int] = {}
        loader.thumbnail_ready.connect(self._thumbnail_ready)

    # --- filling ---------------------------------------------------------------------------
    def set_rows(self, folder: Path, rows: Iterable[PageRow]) -> None:
        self.beginResetModel()
        self.folder = folder
        self.rows = list(rows)
        self._row_of = {row.id: i for i, row in enumerate(self.rows)}
        self.endResetModel()

    def update_rows(self, rows: Iterable[PageRow]) -> None:
        """Replace changed rows in place and append new ones (pages arriving from the
        scanner) without resetting the view: selection and scroll stay where they are."""
        fresh = list(rows)
        new_ids = {row.id for row in fresh}
        if any(row.id not in new_ids for row in self.rows):
            self.set_rows(self.folder, fresh)  # a page left the list: rebuild
            return
        appended = [row for row in fresh if row.id not in self._row_of]
        for row in fresh:
            at = self._row_of.get(row.id)
            if at is not None and self.rows[at] != row:
                if self.rows[at].rotation != row.rotation:
                    self.loader.forget(row.id)
                self.rows[at] = row
                index = self.index(at)
                self.dataChanged.emit(index, index)
        if appended:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(appended) - 1)
            for row in appended:
                self._row_of[row.id] = len(self.rows)
                self.rows.append(row)
            self.endInsertRows()

    # --- lookup ----------------------------------------------------------------------------
    def row_of(self, page_id: int) -> int | None:
        return self._row_of.get(page_id)

    def row_of_path(self, path: Path) -> int | None:
        for at, row in enumerate(self.rows):
            if self.folder / row.file_name == path:
                return at
        return None

    def page(self, row: int) -> PageRow:
        return self.rows[row]

    def path_of(self, row: PageRow) -> Path:
        return self.folder / row.file_name

    def counts(self) -> Counter[PageState]:
        return Counter(row.state for row in self.rows)

    def next_problem(self, after: int, step: int = 1) -> int | None:
        """The next row (wrapping) whose page needs the operator, or None."""
        count = len(self.rows)
        for offset in range(1, count + 1):
            at = (after + step * offset) % count
            if self.rows[at].is_problem:
                return at
        return None

    # --- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.seq:04d}"
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = self.loader.get(row.id)
            if pixmap is None:
                self.loader.request(row.id, self.path_of(row))
            return pixmap
        if role == Qt.ItemDataRole.BackgroundRole:
            return state_colour(row.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            number = row.blank_number or "—"
            return f"{row.file_name}\n{number}\n{row_label(row)}"
        if role == ROW_ROLE:
            return row
        if role == STATE_ROLE:
            return row.state
        if role == PATH_ROLE:
            return self.path_of(row)
        return None

    def _thumbnail_ready(self, key: object) -> None:
        at = self._row_of.get(key) if isinstance(key, int) else None
        if at is not None:
            index = self.index(at)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
