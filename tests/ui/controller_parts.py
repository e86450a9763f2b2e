"""Real parts for building one controller without `MainWindow`: the grid with its model and
thumbnail loader reading a real package, a job runner, and a status sink that keeps what
it was told (the one stand-in: the window's status bar and message box are the window's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from scanstation.db import Database
from scanstation.station.packages import PackageService
from scanstation.ui.page_model import PageListModel, load_rows
from scanstation.ui.thumbnail_grid import ThumbnailGrid
from scanstation.ui.thumbnails import ThumbnailLoader


@dataclass
class RecordingSink:
    """A `StatusSink` that records messages and errors in order."""

    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.messages.append(text)

    def show_error(self, message: str) -> None:
        self.errors.append(message)


class PageGrid:
    """The grid, its model and loader over one package, reloaded from the database the way
    the window reloads them."""

    def __init__(self, database: Database, package_id: int, host: QWidget) -> None:
        self.database = database
        self.package_id = package_id
        self.profile = PackageService(database).profile_of(package_id)
        self.loader = ThumbnailLoader(host)
        self.model = PageListModel(self.loader, host)
        self.grid = ThumbnailGrid(host)
        self.grid.setModel(self.model)
        folder, rows = load_rows(database, package_id, self.profile)
        self.model.set_rows(folder, rows)
        self.reloads = 0

    def reload(self) -> None:
        _folder, rows = load_rows(self.database, self.package_id, self.profile)
        self.model.update_rows(rows)
        self.reloads += 1

    def current_id(self) -> int | None:
        index = self.grid.currentIndex()
        return self.model.page(index.row()).id if index.isValid() else None
