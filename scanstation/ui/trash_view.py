"""«Корзина»: the package's deleted and replaced pages, each with its thumbnail, and
«Восстановить». A page replaced by F5 is restorable too: it comes back beside the new one
under the next free name (the core's `PageActions.restore` decides that).

The list is read, and the thumbnails decoded, on the job runner; the dialog only shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import AuditEntry, Package, Page
from scanstation.ui.thumbnails import make_thumbnail

PAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 40
ICON = QSize(96, 136)


@dataclass(frozen=True)
class TrashEntry:
    page_id: int
    seq: int
    blank_number: str | None
    replaced: bool  # F5 put a new scan in its place
    trashed_at: datetime | None
    path: Path


def trash_entries(database: Database, package_id: int) -> list[TrashEntry]:
    """Trashed pages of the package, newest first; «replaced» from the audit trail."""
    with database.session() as session:
        package = session.get(Package, package_id)
        if package is None:
            return []
        folder = Path(package.folder)
        rows = list(session.execute(
            select(Page.id, Page.seq, Page.blank_number, Page.trashed_at, Page.file_name)
            .where(Page.package_id == package_id, Page.trashed_at.is_not(None))
            .order_by(Page.trashed_at.desc(), Page.seq)))
        replaced = set(session.scalars(select(AuditEntry.page_id).where(
            AuditEntry.package_id == package_id, AuditEntry.action == "page_replaced")))
    return [TrashEntry(r.id, r.seq, r.blank_number, r.id in replaced, r.trashed_at,
                       folder / r.file_name) for r in rows]


def trash_job(database: Database, package_id: int) -> Callable[
        [Callable[[int, int, str], None], threading.Event],
        list[tuple[TrashEntry, QImage | None]]]:
    """The entries with their thumbnails, for the job runner (QImage is thread-safe)."""
    def run(progress: Callable[[int, int, str], None], cancel: threading.Event
            ) -> list[tuple[TrashEntry, QImage | None]]:
        entries = trash_entries(database, package_id)
        out: list[tuple[TrashEntry, QImage | None]] = []
        for i, entry in enumerate(entries):
            if cancel.is_set():
                break
            progress(i, len(entries), "")
            try:
                image: QImage | None = make_thumbnail(entry.path, height=ICON.height())
            except OSError:
                image = None  # the trash was emptied under us: still listed, no picture
            out.append((entry, image))
        return out

    return run


class TrashDialog(QDialog):
    restore_requested = Signal(int)  # page id

    def __init__(self, entries: list[tuple[TrashEntry, QImage | None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrashDialog")
        self.setWindowTitle(self.tr("Trash: deleted and replaced pages"))
        self.list = QListWidget()
        self.list.setObjectName("TrashList")
        self.list.setIconSize(ICON)
        self.list.setSpacing(2)
        # Enter restores the chosen page (a shortcut: the list would hand Enter to the
        # dialog's default button otherwise); a double click too.
        self.list.itemDoubleClicked.connect(lambda _item: self._restore())
        for key in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._restore)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("TrashRestore")
        self.restore_button.setToolTip(self.tr("Restore the chosen page (Enter)"))
        self.restore_button.clicked.connect(self._restore)
        self.restore_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.set_entries(entries)
        self.resize(560, 620)

    def set_entries(self, entries: list[tuple[TrashEntry, QImage | None]]) -> None:
        self.list.clear()
        for entry, image in entries:
            kind = self.tr("replaced by a rescan") if entry.replaced else self.tr("deleted")
            when = entry.trashed_at.astimezone().strftime("%d.%m %H:%M") \
                if entry.trashed_at else ""
            text = self.tr("Page %1 — %2, %3\n%4").replace("%1", f"{entry.seq:04d}") \
                .replace("%2", kind).replace("%3", when) \
                .replace("%4", entry.blank_number or self.tr("number not read"))
            item = QListWidgetItem(text)
            if image is not None and not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            item.setData(PAGE_ID_ROLE, entry.page_id)
            self.list.addItem(item)
        empty = not entries
        self.note.setText(self.tr("The trash is empty.") if empty else self.tr(
            "Pages stay restorable until the package's archives are exported."))
        self.restore_button.setEnabled(not empty)
        if not empty:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def entry_ids(self) -> list[int]:
        return [int(self.list.item(i).data(PAGE_ID_ROLE)) for i in range(self.list.count())]

    def _restore(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.item(row)
        page_id = int(item.data(PAGE_ID_ROLE))
        self.list.takeItem(row)
        self.restore_button.setEnabled(self.list.count() > 0)
        self.restore_requested.emit(page_id)
