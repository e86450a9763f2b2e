"""The grid of page thumbnails: a QListView in icon mode with uniform cells and a delegate
that paints the state colour as a frame and a caption strip, so the colour stays visible
whatever the palette (light or dark) and the thumbnail stays clean."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from scanstation.ui.flow_layout import FlowLayout
from scanstation.ui.page_model import ROW_ROLE
from scanstation.ui.page_state import (
    STATE_COLOURS,
    PageRow,
    PageState,
    state_colour,
    state_label,
)

CELL = QSize(132, 214)
CAPTION = 52  # three lines: the page's place and its number in two halves


def number_lines(number: str | None) -> tuple[str, ...]:
    """The whole blank number in two halves of 10 digits: a tile is too narrow for 20
    digits on one line, and an elided number cannot be checked against the sheet."""
    if not number:
        return ("—",)
    half = (len(number) + 1) // 2
    return (number[:half], number[half:]) if len(number) > 12 else (number,)


MANUAL_BADGE = "✎"  # a number typed by hand, not read from the barcode
BADGE_COLOUR = "#37474f"


def paint_manual_badge(painter: QPainter, image_rect: QRect) -> None:
    """A dark corner badge with a pen: visible on any state colour and any page image."""
    badge = QRect(image_rect.right() - 21, image_rect.top() + 2, 20, 20)
    painter.fillRect(badge, QColor(BADGE_COLOUR))
    painter.setPen(QColor("#ffffff"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, MANUAL_BADGE)


class PageDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return CELL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, PageRow):
            return
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        colour = state_colour(row.state)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(rect, colour)
        image_rect = rect.adjusted(5, 5, -5, -CAPTION)
        painter.fillRect(image_rect, QColor("#ffffff"))
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.size().scaled(image_rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(image_rect.center())
            painter.drawPixmap(target, pixmap)
        else:
            painter.setPen(QColor("#9e9e9e"))
            painter.drawText(image_rect, Qt.AlignmentFlag.AlignCenter, "…")
        if row.manual:
            paint_manual_badge(painter, image_rect)
        caption = QRect(rect.left(), rect.bottom() - CAPTION + 1, rect.width(), CAPTION)
        painter.setPen(QColor("#000000"))
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter,
                         "\n".join((f"{row.seq:04d}", *number_lines(row.blank_number))))
        if selected:
            pen = QPen(option.palette.highlight().color(), 4)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class ThumbnailGrid(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ThumbnailGrid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)  # no sizeHint() over thousands of rows
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setGridSize(CELL + QSize(6, 6))
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(PageDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)

    def select_row(self, row: int) -> None:
        """Make `row` the current, only selected and visible tile (rows outside the
        model are ignored: the page may have gone since it was asked for)."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)


class StateLegend(QWidget):
    """What the grid's colours mean, under it; the chips wrap onto a second line rather
    than being cut off on a narrow or 150 % screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StateLegend")
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        layout = FlowLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.chips: list[QLabel] = []
        for state in (PageState.READ, PageState.READ_ROTATED, PageState.UNREADABLE,
                      PageState.DUPLICATE, PageState.OUTSIDE, PageState.PENDING,
                      PageState.TRASHED):
            label = QLabel(state_label(state))
            label.setObjectName(f"Legend_{state.value}")
            label.setStyleSheet(f"QLabel {{ background: {STATE_COLOURS[state]}; color: black;"
                                " padding: 1px 6px; border-radius: 3px; }")
            layout.addWidget(label)
            self.chips.append(label)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.heightForWidth(width) if layout is not None else 0
