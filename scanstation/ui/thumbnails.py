"""Thumbnails made off the GUI thread, newest request first, kept in a bounded cache.

The grid asks only for the cells it paints, so opening a package of thousands of pages
decodes a screenful, not the package. When the operator scrolls fast, the cells asked for
last are the ones on screen: the queue is served last-in first-out and trimmed, so stale
requests never hold up the visible ones. Workers make `QImage`s (safe off the GUI thread);
the GUI thread turns them into pixmaps.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap

log = logging.getLogger(__name__)

THUMB_HEIGHT = 180  # pixels; the delegate scales down for smaller cells
MAX_PENDING = 256
# Where a ready-made thumbnail of a page file lives (the ingest cache), or None.
ThumbnailSource = Callable[[Path], Path | None]


def make_thumbnail(path: Path, height: int = THUMB_HEIGHT,
                   source: ThumbnailSource | None = None) -> QImage:
    """Decode `path` (or its cached thumbnail) into a small grayscale/RGB QImage."""
    cached = source(path) if source is not None else None
    with Image.open(cached if cached is not None and cached.exists() else path) as image:
        image.draft("L", (height, height * 2))  # JPEG decodes at 1/2…1/8 scale
        width = max(1, round(image.width * height / max(1, image.height)))
        small = image.convert("L" if image.mode in ("1", "L", "I;16", "P") else "RGB")
        small.thumbnail((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
    if small.mode == "L":
        data = small.tobytes()
        qimage = QImage(data, small.width, small.height, small.width,
                        QImage.Format.Format_Grayscale8)
    else:
        data = small.tobytes()
        qimage = QImage(data, small.width, small.height, small.width * 3,
                        QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels; `data` goes away with this frame


class _Signals(QObject):
    ready = Signal(object, QImage)  # key, thumbnail
    failed = Signal(object, str)


class _Worker(QRunnable):
    def __init__(self, loader: ThumbnailLoader) -> None:
        super().__init__()
        self.loader = loader

    def run(self) -> None:
        while True:
            job = self.loader.take()
            if job is None:
                return
            key, path = job
            try:
                image = make_thumbnail(path, source=self.loader.source)
            except (OSError, UnidentifiedImageError, ValueError) as exc:
                self.loader.signals.failed.emit(key, str(exc))
            except Exception as exc:  # a bug must not end this worker
                log.exception("thumbnail of %s crashed", path)
                self.loader.signals.failed.emit(key, f"{type(exc).__name__}: {exc}")
            else:
                self.loader.signals.ready.emit(key, image)


class ThumbnailLoader(QObject):
    """`request(key, path)`; `thumbnail_ready(key)` fires on the GUI thread once cached."""

    thumbnail_ready = Signal(object)

    def __init__(self, parent: QObject | None = None, threads: int = 2,
                 cache_size: int = 3000, source: ThumbnailSource | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self.cache: OrderedDict[object, QPixmap] = OrderedDict()
        self.cache_size = cache_size
        self.failed: set[object] = set()
        self._lock = threading.Lock()
        self._pending: OrderedDict[object, Path] = OrderedDict()
        self._in_flight: set[object] = set()
        self._workers = 0
        self.signals = _Signals()
        self.signals.ready.connect(self._on_ready)
        self.signals.failed.connect(self._on_failed)

    def get(self, key: object) -> QPixmap | None:
        pixmap = self.cache.get(key)
        if pixmap is not None:
            self.cache.move_to_end(key)
        return pixmap

    def request(self, key: object, path: Path) -> None:
        if key in self.cache or key in self.failed:
            return
        with self._lock:
            if key in self._in_flight:
                return
            self._pending.pop(key, None)
            self._pending[key] = path  # newest at the end: served first
            while len(self._pending) > MAX_PENDING:
                self._pending.popitem(last=False)
            start = self._workers < self.pool.maxThreadCount()
            if start:
                self._workers += 1
        if start:
            self.pool.start(_Worker(self))

    def take(self) -> tuple[object, Path] | None:
        with self._lock:
            if not self._pending:
                self._workers -= 1
                return None
            key, path = self._pending.popitem(last=True)
            self._in_flight.add(key)
            return key, path

    def forget(self, key: object) -> None:
        """The page changed (turned, replaced): make its thumbnail again next time."""
        self.cache.pop(key, None)
        self.failed.discard(key)

    def clear(self) -> None:
        with self._lock:
            self._pending.clear()
        self.cache.clear()
        self.failed.clear()

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    def _on_ready(self, key: object, image: QImage) -> None:
        with self._lock:
            self._in_flight.discard(key)
        self.cache[key] = QPixmap.fromImage(image)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        self.thumbnail_ready.emit(key)

    def _on_failed(self, key: object, message: str) -> None:
        with self._lock:
            self._in_flight.discard(key)
        log.warning("thumbnail of %s failed: %s", key, message)
        self.failed.add(key)
        self.thumbnail_ready.emit(key)
