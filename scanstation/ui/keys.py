"""The window's keyboard: one table of every key, the shortcuts that are not a button's own
(Esc stops a scan, Ctrl+1…4 switch tabs from anywhere, F1 help), the keys written into
every toolbar tooltip, and the «Клавиши» help dialog that lists the same table.

One table, so the help, the tooltips and the shortcuts cannot tell different stories.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scanstation.ui.scan_bar import ScanBar


@dataclass(frozen=True)
class Key:
    sequence: str  # portable text, as QKeySequence reads it
    what: str  # English source, translated when shown


def key_table() -> list[Key]:
    """Every key of the window, in the order the help lists them (literal strings, so
    lupdate finds them)."""
    return [
        Key("Ctrl+N",
            QCoreApplication.translate("Keys", "New package")),
        Key("F9",
            QCoreApplication.translate("Keys", "Start scanning")),
        Key("Esc",
            QCoreApplication.translate("Keys", "Stop scanning")),
        Key("F5",
            QCoreApplication.translate("Keys", "Rescan this page (asks for the sheet first)")),
        Key("Ctrl+D",
            QCoreApplication.translate("Keys", "Duplicates")),
        Key("Ctrl+T",
            QCoreApplication.translate("Keys", "Trash: deleted and replaced pages")),
        Key("Ctrl+H",
            QCoreApplication.translate("Keys", "Hide or show deleted pages in the grid")),
        Key("Ctrl+,",
            QCoreApplication.translate("Keys", "Settings")),
        Key("Ctrl+1",
            QCoreApplication.translate("Keys", "Tab «Pages»")),
        Key("Ctrl+2",
            QCoreApplication.translate("Keys", "Tab «Completeness»")),
        Key("Ctrl+3",
            QCoreApplication.translate("Keys", "Tab «Archives and export»")),
        Key("Ctrl+4",
            QCoreApplication.translate("Keys", "Tab «Event overview»")),
        Key("Enter",
            QCoreApplication.translate(
                "Keys", "Save the number; on a saved one: next problem page")),
        Key("F2",
            QCoreApplication.translate("Keys", "Turn 90°")),
        Key("F3",
            QCoreApplication.translate("Keys", "Turn 180°")),
        Key("F4",
            QCoreApplication.translate("Keys", "Zoom to the number")),
        Key("F6",
            QCoreApplication.translate("Keys", "Previous problem page")),
        Key("F7",
            QCoreApplication.translate("Keys", "Next problem page")),
        Key("F8",
            QCoreApplication.translate("Keys", "Delete or restore the page (Delete in the grid)")),
        Key("F1",
            QCoreApplication.translate("Keys", "This list of keys")),
    ]


def native(sequence: str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, sequence: str) -> str:
    """A tooltip that names its key: «Дубликаты… (Ctrl+D)»."""
    return f"{text.rstrip('…')} ({native(sequence)})"


def bind_action(action: QAction, sequence: str) -> None:
    action.setShortcut(QKeySequence(sequence))
    action.setToolTip(with_key(action.text(), sequence))


def bind_button(button: QAbstractButton, sequence: str, text: str | None = None) -> None:
    button.setShortcut(QKeySequence(sequence))
    button.setToolTip(with_key(text or button.text(), sequence))


def window_shortcut(window: QWidget, sequence: str, slot: Callable[[], object]) -> QShortcut:
    """A key that works wherever the focus is in the window, the number field included."""
    shortcut = QShortcut(QKeySequence(sequence), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class KeysDialog(QDialog):
    """«Клавиши»: the key table, read-only; Esc or Enter closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeysDialog")
        self.setWindowTitle(self.tr("Keys"))
        keys = key_table()
        self.table = QTableWidget(len(keys), 2)
        self.table.setObjectName("KeysTable")
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, key in enumerate(keys):
            self.table.setItem(row, 0, QTableWidgetItem(native(key.sequence)))
            self.table.setItem(row, 1, QTableWidgetItem(key.what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        width = header.length() + self.table.frameWidth() * 2 + 40
        self.resize(max(520, width), 620)


def _tab_switch(show_tab: Callable[[int], None], index: int) -> Callable[[], None]:
    return lambda: show_tab(index)


def install_keys(window: QWidget, actions: Mapping[str, QAction], bar: ScanBar,
                 tabs: QTabWidget, show_tab: Callable[[int], None]) -> None:
    """Give every toolbar action (by its key) and scan button its key and tooltip; add the
    keys that belong to no button. Called once the window and its controllers exist."""
    for sequence, action in actions.items():
        bind_action(action, sequence)
    bind_button(bar.start, "F9", QCoreApplication.translate("Keys", "Start scanning"))
    # Not the button's own shortcut: two shortcuts on one key cancel each other out.
    bar.stop.setToolTip(with_key(bar.stop.text(), "Esc"))
    bar.refresh.setToolTip(QCoreApplication.translate(
        "Keys", "Look for scanners again (no key: rarely needed)"))
    # Esc stops a running scan from anywhere in the window; a dialog's Esc stays its own.
    window_shortcut(window, "Esc", lambda: bar.stop.click() if bar.stop.isEnabled() else None)
    for number in range(tabs.count()):
        window_shortcut(window, f"Ctrl+{number + 1}", _tab_switch(show_tab, number))
    window_shortcut(window, "Ctrl+Tab", lambda: show_tab(
        (tabs.currentIndex() + 1) % tabs.count()))
    window_shortcut(window, "Ctrl+Shift+Tab", lambda: show_tab(
        (tabs.currentIndex() - 1) % tabs.count()))
