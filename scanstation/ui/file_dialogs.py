"""Where the window's file dialogs open and what they propose: the folder used last for
the same kind of file, else the user's documents folder (never the program's working
directory), and names built from the event and the room instead of «completeness.xlsx».
The last folders live in the window's own `window.ini`, beside the layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from scanstation.ui.window_store import window_store

DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


def documents_folder() -> Path:
    """The user's documents folder, or the home folder where there is none (a fresh
    Linux account has no ~/Documents until something makes it)."""
    found = QStandardPaths.writableLocation(DOCUMENTS)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(kind: str) -> Path:
    """The folder last used for `kind` ("protocol", "report", "export"…) while it exists."""
    last = window_store().value(f"folders/{kind}")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember(kind: str, chosen: Path) -> None:
    folder = chosen if chosen.is_dir() else chosen.parent
    stored = window_store()
    stored.setValue(f"folders/{kind}", str(folder))
    stored.sync()


def file_stem(*parts: str) -> str:
    """Parts joined with « — », each cleaned for Windows and Linux file names."""
    cleaned = ["".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in part).strip(". ")
               for part in parts if part]
    return " — ".join(p for p in cleaned if p)


def report_path(event: str, room: str | None) -> Path:
    """«Комплектность — ОГЭ 2026 — Аудитория 101.xlsx» in the report folder."""
    title = QCoreApplication.translate("FileDialogs", "Completeness")
    return start_folder("report") / f"{file_stem(title, event, room or '')}.xlsx"
