"""One page, large: wheel to zoom, drag to pan, «fit», and «zoom to the number» — the
top-right corner where the blank's barcode and printed number sit, so the operator can
type the number without hunting for it."""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

log = logging.getLogger(__name__)

# The number corner: right 45 % of the width, top 16 % of the height of an upright A4.
CORNER_WIDTH = 0.45
CORNER_HEIGHT = 0.16
MIN_ZOOM, MAX_ZOOM = 0.02, 8.0


def load_qimage(path: Path, max_side: int = 2400) -> QImage:
    """Decode with Pillow (LZW TIFF, JPEG) into a QImage at most `max_side` pixels high."""
    with Image.open(path) as image:
        image.draft("L", (max_side, max_side))
        picture = image.convert("L" if image.mode in ("1", "L", "I;16", "P") else "RGB")
    if max(picture.size) > max_side:
        picture.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    if picture.mode == "L":
        qimage = QImage(picture.tobytes(), picture.width, picture.height, picture.width,
                        QImage.Format.Format_Grayscale8)
    else:
        qimage = QImage(picture.tobytes(), picture.width, picture.height, picture.width * 3,
                        QImage.Format.Format_RGB888)
    return qimage.copy()


class PageViewer(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PageViewer")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(self.palette().dark())
        self.path: Path | None = None
        self._fit_mode = True

    # --- content ---------------------------------------------------------------------------
    def show_image(self, image: QImage, path: Path | None = None) -> None:
        self.path = path
        self._item.setPixmap(QPixmap.fromImage(image))
        self._scene.setSceneRect(QRectF(self._item.pixmap().rect()))
        self.fit()

    def show_file(self, path: Path) -> bool:
        try:
            image = load_qimage(path)
        except (OSError, UnidentifiedImageError) as exc:
            log.warning("viewer cannot open %s: %s", path, exc)
            self.clear()
            return False
        self.show_image(image, path)
        return True

    def clear(self) -> None:
        self.path = None
        self._item.setPixmap(QPixmap())

    def has_page(self) -> bool:
        return not self._item.pixmap().isNull()

    # --- zoom ------------------------------------------------------------------------------
    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self.resetTransform()
        self.scale(factor, factor)
        self.zoom_changed.emit(factor)

    def zoom_by(self, step: float) -> None:
        self._fit_mode = False
        self.set_zoom(self.zoom() * step)

    def fit(self) -> None:
        self._fit_mode = True
        if self.has_page():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom_changed.emit(self.zoom())

    def number_corner(self) -> QRectF:
        rect = self._item.boundingRect()
        width, height = rect.width() * CORNER_WIDTH, rect.height() * CORNER_HEIGHT
        return QRectF(rect.right() - width, rect.top(), width, height)

    def zoom_to_number(self) -> None:
        if not self.has_page():
            return
        self._fit_mode = False
        self.fitInView(self.number_corner(), Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.zoom())

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # --- events ----------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.angleDelta().y() == 0:
            super().wheelEvent(event)
            return
        self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fit_mode:
            self.fit()
