"""Measure, in the real Russian window, whether the key widgets' texts fit: prints one JSON
list of what is cut off. Runs as its own process so QT_SCALE_FACTOR takes effect:
    python -m tests.ui.text_fit_probe WIDTH HEIGHT
(offscreen; the window sized as a screen of that many logical pixels, e.g. a 1920×1080
screen at 150 % is 1280×720).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def settle(window: Any, seconds: float = 20.0) -> None:
    """Let the tab's background work (the overview's figures) finish and lay out."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if window.tabs.currentWidget() is not window.dashboard or window.dashboard.cards:
            break
        time.sleep(0.02)
    for _ in range(10):
        QApplication.processEvents()


def problems(window: Any) -> list[str]:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QAbstractButton, QLabel, QStyle, QStyleOptionViewItem

    from scanstation.ui.page_model import ROW_ROLE
    from scanstation.ui.thumbnail_grid import CAPTION, number_lines

    found: list[str] = []

    def label_fits(label: QLabel, where: str) -> None:
        if not label.isVisible() or label.wordWrap() or not label.text():
            return
        needed = QFontMetrics(label.font()).horizontalAdvance(label.text())
        room = label.contentsRect().width()
        if needed > room:
            found.append(f"{where}: «{label.text()}» needs {needed}px, has {room}px")

    legend = window.findChild(QLabel, "Legend_read").parentWidget()
    texts = [chip.text() for chip in legend.chips]
    if len(texts) != len(set(texts)):
        found.append(f"legend: a text twice {texts}")
    for chip in legend.chips:
        label_fits(chip, "legend chip")
        right = chip.geometry().right()
        bottom = chip.geometry().bottom()
        if right >= legend.width() or bottom >= legend.height():
            found.append(f"legend chip «{chip.text()}» outside the legend "
                         f"({right}×{bottom} in {legend.width()}×{legend.height()})")
    for label in (window.status_pages, window.status_unreadable, window.status_kits,
                  window.review_panel.state_label):
        label_fits(label, label.objectName() or "status")
    tree = window.tree
    header = tree.header()
    metrics = QFontMetrics(header.font())
    for column in range(tree.columnCount()):
        text = tree.headerItem().text(column)
        # as QHeaderView draws it: the text between two header margins
        needed = metrics.horizontalAdvance(text) + 2 * header.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin)
        if header.sectionSize(column) < needed or header.sectionViewportPosition(column) \
                + needed > header.viewport().width():
            found.append(f"tree header «{text}»: {header.sectionSize(column)}px < {needed}px")
    tabs = window.tabs.tabBar()
    for i in range(tabs.count()):
        text = tabs.tabText(i)
        needed = QFontMetrics(tabs.font()).horizontalAdvance(text)
        if tabs.tabRect(i).width() < needed or tabs.tabRect(i).right() > tabs.width():
            found.append(f"tab «{text}»: {tabs.tabRect(i).width()}px < {needed}px")
    def buttons_fit(where: str) -> None:
        for button in window.findChildren(QAbstractButton):
            if not button.isVisible() or not button.text():
                continue
            text = button.text().replace("&", "")
            needed = QFontMetrics(button.font()).horizontalAdvance(text)
            if button.width() < needed:
                found.append(f"{where}: button «{text}»: {button.width()}px < {needed}px")

    from PySide6.QtWidgets import QToolBar

    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            widget = toolbar.widgetForAction(action)
            if widget is None or not widget.isVisible() \
                    or widget.geometry().right() >= toolbar.width():
                found.append(f"toolbar: «{action.text()}» hidden behind the toolbar's edge")
    buttons_fit("pages tab")
    for index in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(window)
        page = window.tabs.currentWidget()
        buttons_fit(window.tabs.tabText(index))
        for label in page.findChildren(QLabel):
            label_fits(label, window.tabs.tabText(index))
    window.tabs.setCurrentIndex(0)
    grid = window.grid
    delegate = grid.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(grid)
    font = grid.font()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    metrics = QFontMetrics(font)
    model = grid.model()
    for row in range(model.rowCount()):
        page = model.index(row).data(ROW_ROLE)
        size = delegate.sizeHint(option, model.index(row))
        width = size.width() - 6 - 4
        lines = number_lines(page.blank_number)
        if "".join(lines) != (page.blank_number or "—"):
            found.append(f"tile {page.seq}: number not whole")
        for line in lines:
            if metrics.horizontalAdvance(line) > width:
                found.append(f"tile {page.seq}: «{line}» {metrics.horizontalAdvance(line)}px"
                             f" > {width}px")
        if (len(lines) + 1) * metrics.lineSpacing() > CAPTION:
            found.append(f"tile {page.seq}: {len(lines) + 1} lines do not fit {CAPTION}px")
    return found


def widest(window: Any, limit: int) -> list[str]:
    """The widgets whose smallest width is over the screen's, narrowest first (the leaves
    that force the width): where to look first."""
    from PySide6.QtWidgets import QWidget

    found = []
    for child in window.findChildren(QWidget):
        need = child.minimumSizeHint().width()
        if child.isVisible() and need > limit:
            text = getattr(child, "text", lambda: "")()
            found.append((need, f"{type(child).__name__} {child.objectName()!r} {need}px {text!r}"))
    labels = [label for _, label in sorted(found, key=lambda item: item[0])[:6]]
    splitter = window.findChild(QWidget, "MainSplitter")
    if splitter is not None:  # a splitter needs the sum of its panes
        labels += [f"pane {type(c).__name__} {c.objectName()!r} {c.minimumSizeHint().width()}px"
                   for c in splitter.children() if isinstance(c, QWidget) and c.isVisible()]
    return labels


def main() -> int:
    width, height = int(sys.argv[1]), int(sys.argv[2])
    work = Path(tempfile.mkdtemp(prefix="scanstation-fit-"))
    os.environ["SCANSTATION_DATA_DIR"] = str(work / "data")
    from PySide6.QtWidgets import QApplication

    from scanstation.db import open_database
    from scanstation.recognition.pool import RecognitionPool
    from scanstation.settings import StationSettings
    from scanstation.ui.app import install_translator
    from scanstation.ui.main_window import MainWindow
    from tests.ui.conftest import _SharedPool, one_kit_package

    app = QApplication(sys.argv[:1])
    install_translator(app)
    database = open_database()
    pool = RecognitionPool(workers=1)
    package = one_kit_package(database, _SharedPool(pool), "Аудитория 101")
    window = MainWindow(database, StationSettings(archives_folder=str(work / "archives")),
                        drivers=[], recognizer=_SharedPool(pool))
    window.resize(width, height)
    window.show()
    window.tree.reload(select_package=package)
    window.checks.set_kits_status(12, 12)
    for _ in range(20):
        app.processEvents()
    result = problems(window)
    if window.width() > width or window.height() > height:
        result.append(f"the window needs {window.width()}×{window.height()}, "
                      f"the screen has {width}×{height}; widest: {widest(window, width)}")
    print(json.dumps({"scale": os.environ.get("QT_SCALE_FACTOR", "1"),
                      "problems": result}, ensure_ascii=False))
    window.shutdown()
    pool.shutdown()
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
