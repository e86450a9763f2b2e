"""Pages of a scanned file: single images, multi-page TIFF, PDF (rendered with PDFium).

Vendors' scanning programs save a batch as one multi-page TIFF or PDF as often as one file
per page; the station works page by page, so every file is split here.
"""

from __future__ import annotations

import importlib
import struct
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image, ImageSequence, UnidentifiedImageError

from scanstation.errors import KnownError
from scanstation.i18n import tr

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png", ".bmp",
                            ".pnm", ".pgm", ".ppm", ".pbm"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = IMAGE_SUFFIXES | PDF_SUFFIXES
POINTS_PER_INCH = 72


class UnreadableFile(KnownError):
    """A file that does not decode (truncated, corrupt, not what its name says)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(tr(
            "The file '{path_name}' cannot be read as an image or PDF ({detail}). Scan these "
            "pages again.",
            path_name=path.name,
            detail=detail,
        ))
        self.path = path


# What Pillow raises on truncated or malformed files, depending on the format and the spot.
_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
                  TypeError, KeyError, IndexError, struct.error, Image.DecompressionBombError)


def _normalize(frame: Image.Image) -> Image.Image:
    """Modes the station stores as they are (1-bit, gray, RGB); others are converted."""
    if frame.mode in ("1", "L", "RGB"):
        return frame.copy()
    if frame.mode in ("I;16", "I;16B", "I;16L", "I", "F", "LA"):
        return frame.convert("L")
    return frame.convert("RGB")


def _image_dpi(image: Image.Image, default: int) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if value >= 50 else default  # 1 or 72 "dpi" means: not recorded


def iter_file_pages(path: Path, default_dpi: int = 200, color: bool = False
                    ) -> Iterator[tuple[Image.Image, int]]:
    """(page image, dpi) for every page of `path`, decoded completely, in order.
    PDF pages are rendered at `default_dpi`, the station's scan resolution, in gray
    unless `color`; image files keep the mode the scanning program chose."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        yield from _pdf_pages(path, default_dpi, color)
        return
    try:
        with Image.open(path) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
                yield _normalize(frame), _image_dpi(frame, default_dpi)
    except PermissionError:
        raise  # still held open by the scanning program: not corrupt, just not ready
    except _DECODE_ERRORS as exc:
        raise UnreadableFile(path, str(exc) or type(exc).__name__) from exc


def _pdfium(path: Path) -> Any:
    # Imported by name: pypdfium2 ships no type information, and only PDFs need it.
    try:
        return importlib.import_module("pypdfium2")
    except ImportError as exc:  # a build without PDFium: say so, keep the file
        raise UnreadableFile(path, tr("PDF is not supported by this installation")) from exc


def _pdf_pages(path: Path, dpi: int, color: bool, only: int | None = None
               ) -> Iterator[tuple[Image.Image, int]]:
    pdfium = _pdfium(path)
    try:
        document = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError) as exc:
        raise UnreadableFile(path, str(exc)) from exc
    try:
        if len(document) == 0:
            raise UnreadableFile(path, tr("the PDF has no pages"))
        for number in range(len(document)) if only is None else (only,):
            page = document[number]
            try:
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=not color)
                yield _normalize(bitmap.to_pil()), dpi
            except pdfium.PdfiumError as exc:
                raise UnreadableFile(path, str(exc)) from exc
            finally:
                page.close()
    finally:
        document.close()


def quick_page_count(path: Path) -> int | None:
    """How many pages the file says it holds, from its structure, without decoding them;
    None when that cannot be told (the file is damaged: reading it will say how)."""
    try:
        if path.suffix.lower() in PDF_SUFFIXES:
            pdfium = _pdfium(path)
            document = pdfium.PdfDocument(path)
            try:
                return len(document)
            finally:
                document.close()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            with Image.open(path) as image:
                return int(getattr(image, "n_frames", 1))
    except Exception:  # noqa: BLE001 — any failure only means "not known"
        return None


def open_page(path: Path, index: int, default_dpi: int = 200, color: bool = False
              ) -> tuple[Image.Image, int]:
    """Page `index` (0-based) of `path`, decoded alone: pages of one file in parallel."""
    if path.suffix.lower() in PDF_SUFFIXES:
        return next(_pdf_pages(path, default_dpi, color, only=index))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a damaged file's chatter
            with Image.open(path) as image:
                image.seek(index)
                image.load()
                return _normalize(image), _image_dpi(image, default_dpi)
    except PermissionError:
        raise
    except _DECODE_ERRORS as exc:
        raise UnreadableFile(path, str(exc) or type(exc).__name__) from exc


def count_pages(path: Path, default_dpi: int = 200) -> int:
    """Decode every page once and count them: a file is taken only when all of it reads.
    Pillow's warnings about a half-written file are expected here, the error is enough."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return sum(1 for _ in iter_file_pages(path, default_dpi))
