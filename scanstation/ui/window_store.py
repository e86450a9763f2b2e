"""What the window remembers between runs, in `<data dir>/window.ini` (never the station
settings): its layout, whether deleted tiles are hidden, the package open last (so F9 goes
on with it after a restart), and the folders the file dialogs used last."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QSplitter

from scanstation.paths import data_dir


def window_store() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def restore_window(window: QMainWindow, splitters: Mapping[str, QSplitter],
                   hide_trashed: QAction) -> int | None:
    """Put the layout back (splitters by their stored key); returns the package open last,
    for the window to open again."""
    stored = window_store()
    restorers = {"geometry": window.restoreGeometry, "state": window.restoreState}
    restorers.update({key: splitter.restoreState for key, splitter in splitters.items()})
    for key, restore in restorers.items():
        value = stored.value(key)
        if isinstance(value, QByteArray):
            restore(value)
    hide_trashed.setChecked(str(stored.value("hide_trashed", "false")).lower() == "true")
    last = stored.value("package")
    return int(str(last)) if last is not None and str(last).isdigit() else None


def save_window(window: QMainWindow, splitters: Mapping[str, QSplitter],
                hide_trashed: QAction) -> None:
    stored = window_store()
    stored.setValue("geometry", window.saveGeometry())
    stored.setValue("state", window.saveState())
    for key, splitter in splitters.items():
        stored.setValue(key, splitter.saveState())
    stored.setValue("hide_trashed", hide_trashed.isChecked())
    stored.sync()


def remember_package(package_id: int) -> None:
    """Written when a package opens, not only at a clean exit: after a power cut too."""
    stored = window_store()
    stored.setValue("package", package_id)
    stored.sync()
