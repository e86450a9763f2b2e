"""What the window remembers between runs, in `<data dir>/window.ini` (never the station
settings): its layout, whether deleted tiles are hidden, the package open last (so F9 goes
on with it after a restart), and the folders the file dialogs used last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from scanstation.paths import data_dir

if TYPE_CHECKING:
    from scanstation.ui.main_window import MainWindow


def window_store() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def restore_window(window: MainWindow) -> None:
    stored = window_store()
    for key, restore in (("geometry", window.restoreGeometry), ("state", window.restoreState),
                         ("splitter", window.splitter.restoreState),
                         ("right", window.right.restoreState)):
        value = stored.value(key)
        if isinstance(value, QByteArray):
            restore(value)
    window.hide_trashed_action.setChecked(
        str(stored.value("hide_trashed", "false")).lower() == "true")
    last = stored.value("package")
    if last is not None and str(last).isdigit():
        window.tree.reload(select_package=int(str(last)))


def save_window(window: MainWindow) -> None:
    stored = window_store()
    stored.setValue("geometry", window.saveGeometry())
    stored.setValue("state", window.saveState())
    stored.setValue("splitter", window.splitter.saveState())
    stored.setValue("right", window.right.saveState())
    stored.setValue("hide_trashed", window.hide_trashed_action.isChecked())
    stored.sync()


def remember_package(package_id: int) -> None:
    """Written when a package opens, not only at a clean exit: after a power cut too."""
    stored = window_store()
    stored.setValue("package", package_id)
    stored.sync()
