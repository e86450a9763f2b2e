"""Duplex: tell empty back sides from pages with ink, so the operator can set them aside.

An empty back is flagged (`blank_back=True`) and still delivered: dropping it silently
would make a back side that carries one faint answer vanish without trace. The caller
counts them and keeps them viewable.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image

from scanstation.scanner.base import ScannedPage, ScanOptions, ScanSource

# A pixel darker than this (0–255) is ink. Scanner background is ~230–255.
INK_LEVEL = 160
# Share of inked pixels below which a page is empty. A sample blank has ~5 %; a single
# handwritten digit on A4 is ~0.05 %, so 0.02 % keeps faint marks as "not empty".
BLANK_COVERAGE = 0.0002
# Edges carry the feeder's shadow and punched holes: ignore this share on every side.
EDGE_SHARE = 0.04


def ink_coverage(image: Image.Image) -> float:
    """Share (0–1) of the page's inner area covered by ink, measured at a quarter scale
    (averaging 4×4 blocks removes isolated sensor noise without hiding pen strokes)."""
    gray = image.convert("L")
    small = gray.reduce(4) if min(gray.size) >= 64 else gray
    pixels = np.asarray(small)
    height, width = pixels.shape
    dy, dx = int(height * EDGE_SHARE), int(width * EDGE_SHARE)
    inner = pixels[dy : height - dy or None, dx : width - dx or None]
    if inner.size == 0:
        return 0.0
    return float(np.count_nonzero(inner < INK_LEVEL)) / float(inner.size)


def is_blank(image: Image.Image, threshold: float = BLANK_COVERAGE) -> bool:
    return ink_coverage(image) < threshold


def side_for(options: ScanOptions, position_in_call: int) -> str:
    """Duplex feeders deliver front, back, front, back…; anything else is all fronts."""
    if options.source is not ScanSource.DUPLEX:
        return "front"
    return "front" if position_in_call % 2 == 0 else "back"


def flag_blank_back(page: ScannedPage, options: ScanOptions) -> ScannedPage:
    """The page with `blank_back` set when it is an empty back side and the operator asked
    to set those aside; every other page unchanged."""
    if not options.drop_blank_backs or page.side != "back":
        return page
    coverage = ink_coverage(page.image)
    extra = dict(page.extra)
    extra["ink_coverage"] = f"{coverage:.5f}"
    return replace(page, blank_back=coverage < BLANK_COVERAGE, extra=extra)
