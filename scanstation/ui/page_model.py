"""The pages of one package as a list model: light rows read in one query, thumbnails
asked for only when a cell is painted.

Rows are plain `PageRow`s, so the GUI never holds a database session. Duplicate and
«outside the protocol» flags are derived here from the numbers already in the rows and the
event's used kits — display state, not a decision: the decisions are the core's (a duplicate
the operator escalated is only marked as such, from the core's `DuplicatePair` rows).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import UTC
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scanstation.db import Database
from scanstation.db.models import (
    AuditEntry,
    Kit,
    KitProtocolStatus,
    Package,
    Page,
    PageStatus,
    ReadMethod,
)
from scanstation.profile import EventProfile
from scanstation.station.duplicate_groups import group_decision, pair_decisions
from scanstation.ui.page_state import PageRow, PageState, row_label, state_colour
from scanstation.ui.thumbnails import ThumbnailLoader

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
PATH_ROLE = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex


def load_rows(database: Database, package_id: int, profile: EventProfile | None,
              include_trashed: bool = True) -> tuple[Path, list[PageRow]]:
    """A few queries (rows, kits, the event's numbers, decisions, typed numbers); flags
    computed in memory. A number is a duplicate when another live page of the EVENT has
    it — the collector compares every room of it."""
    with database.read() as session:
        package = session.get(Package, package_id)
        if package is None:
            return Path(), []
        folder = Path(package.folder)
        query = select(Page.id, Page.seq, Page.file_name, Page.blank_number, Page.status,
                       Page.rotation, Page.trashed_at, Page.file_missing, Page.suggestion,
                       Page.suggestion_unsure, Page.read_method).where(
            Page.package_id == package_id).order_by(Page.seq)
        raw = list(session.execute(query))
        used = {EventProfile.normalize_kit(number) for number in session.scalars(
            select(Kit.number).where(Kit.event_id == package.event_id,
                                     Kit.protocol_status == KitProtocolStatus.USED))}
        # Only the numbers the event has more than once come back: a short answer however
        # many pages the event holds.
        event_pages: dict[str, list[int]] = {}
        for number, ids in session.execute(
                select(Page.blank_number, func.group_concat(Page.id))
                .join(Package, Page.package_id == Package.id)
                .where(Package.event_id == package.event_id, Page.trashed_at.is_(None),
                       Page.status == PageStatus.OK, Page.blank_number.is_not(None))
                .group_by(Page.blank_number).having(func.count(Page.id) > 1)):
            if number is not None:
                event_pages[number] = [int(i) for i in str(ids).split(",")]
        decided = pair_decisions(session, package.event_id)
        typed = typed_numbers(session, package_id)
    rows = []
    for r in raw:
        if r.trashed_at is not None and not include_trashed:
            continue
        number = r.blank_number
        group = event_pages.get(number or "", [])
        duplicate = bool(number and r.trashed_at is None and r.status == PageStatus.OK
                         and len(group) > 1)
        outside = bool(used and number and profile is not None
                       and EventProfile.normalize_kit(profile.kit_of(number)) not in used)
        who, when = typed.get(r.id, (None, None))
        rows.append(PageRow(
            id=r.id, seq=r.seq, file_name=r.file_name, blank_number=number,
            status=r.status, rotation=r.rotation, trashed=r.trashed_at is not None,
            file_missing=r.file_missing,
            duplicate=duplicate, outside=outside,
            escalated=duplicate and group_decision(group, decided) is not None,
            manual=r.read_method == ReadMethod.MANUAL, typed_by=who, typed_at=when,
            suggestion=None if number else r.suggestion,
            suggestion_unsure=tuple(
                int(i) for i in (r.suggestion_unsure or "").split(",") if i)))
    return folder, rows


def typed_numbers(session: Session, package_id: int) -> dict[int, tuple[str | None, str]]:
    """Who typed each page's number by hand and when, from the audit trail (the latest
    entry per page wins)."""
    found: dict[int, tuple[str | None, str]] = {}
    for page_id, at, details in session.execute(
            select(AuditEntry.page_id, AuditEntry.at, AuditEntry.details)
            .where(AuditEntry.package_id == package_id,
                   AuditEntry.action == "page_number_set").order_by(AuditEntry.id)):
        if page_id is None:
            continue
        operator = json.loads(details or "{}").get("operator")
        moment = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        found[page_id] = (operator, moment.astimezone().strftime("%H:%M %d.%m"))
    return found


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
