"""Checks shared by drivers whose scan area we cannot set exactly (TWAIN, WIA).

A driver that ignores the requested resolution (falls back to 75 or 100 dpi, or takes a
value in other units) returns a page that looks fine and reads badly. The width of the
page in millimetres at the dpi we asked for tells: an exam blank is A4 (210 mm), feeders
scan up to US legal width (216 mm) plus margins.
"""

from __future__ import annotations

from PIL import Image

from scanstation.samples import mm_to_px
from scanstation.scanner.base import PageSizeWrong

MIN_WIDTH_MM = 100.0  # narrower than A5 portrait: the dpi was not applied
MAX_WIDTH_MM = 330.0  # wider than A3: the dpi was not applied


def check_page_width(image: Image.Image, dpi: int, delivered: int) -> None:
    """Raise `PageSizeWrong` when `image` cannot be a sheet of paper scanned at `dpi`."""
    width_mm = image.width / dpi * 25.4
    if not MIN_WIDTH_MM <= width_mm <= MAX_WIDTH_MM:
        expected = (mm_to_px(210, dpi), mm_to_px(297, dpi))
        raise PageSizeWrong(delivered, image.size, expected, dpi)
