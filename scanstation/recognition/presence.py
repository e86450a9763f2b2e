"""«No symbol here»: a cheap look that spares a page without any code the ladder and the OCR.

Every retry of the ladder looks for a code that the first pass missed. A page with no
code at all (a back side, an instruction sheet, a form from elsewhere) would climb all of
them, about half a second, for nothing. So once the first pass has failed, the page is
thresholded between its ink and paper levels and cut into cells of about 1 mm; per cell
the ink share and the ink/paper transitions along rows and down columns are counted. A
symbol of any blank-number format leaves one of three marks:
  * bars (Code 128, ITF, PDF417's columns): an 8 × 8 mm window crossed far more often one
    way than the other (running text crosses both ways alike, box edges cancel out),
    and inked over a good share of it: a code's bars are about as wide as its spaces (one
    module to four either way), so they fill close to half of the window, while ruled
    lines, hatching or a row of printed boxes are hairlines millimetres apart and fill a
    few percent (a scan's blur along the feed can pale a grid's horizontal edges until
    only its vertical ones cross the window, one way only, like bars). Measured on
    first-pass failures of tuning seeds 3402-3403: bars 0.41-0.76, answer grids 0.03-0.12;
  * modules (QR, PDF417 rows, a square DataMatrix): an 8 × 8 mm window that is dense and
    crossed often both ways; a text line is at most ~5 mm tall, so it cannot fill one;
  * a rectangular DataMatrix, as tall as a text line: a 4 × 8 mm window denser than any
    line of type, and crossed often both ways.
Inside the two corners where this scan's code should sit (`corner_order`: the ladder's
costly clean-ups work there too) the 2-D tests ask only 0.8 of those densities: a 1-bit
page thresholded low thins a DataMatrix to ~0.43, and no title or text block sits there.
No mark anywhere: the page holds no code a retry could rescue. The thresholds come from
first-pass failures the full ladder still read (every one of them passed, on hard and
extreme pages of the tuning seeds) against pages without a code (a 6 mm title tops out at
0.42 in the rectangular test). A publisher's EAN-13 is bars too: the first pass reports
where it is (it costs that pass ~1 ms), and its box does not count.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scanstation.recognition import preprocessing as prep

_CELL_MM = 1.0
_MIN_CROSSINGS = 0.4  # transitions per mm, both ways, inside a 2-D symbol
_BARS_DIFFERENCE = 0.6  # transitions per mm more one way than the other inside bars
_BARS_DENSITY = 0.2  # ink share of an 8 x 8 mm window inside bars (about half)
_SQUARE_DENSITY = 0.3  # ink share of an 8 x 8 mm window inside a 2-D symbol
_STRIP_DENSITY = 0.46  # ink share of a 4 x 8 mm window inside a rectangular DataMatrix
_CORNER_RELIEF = 0.8  # inside the likely corners a symbol needs only this share of those


def may_hold_code(gray: np.ndarray,
                  ignore: Sequence[tuple[float, float, float, float]] = ()) -> bool:
    """False only when nothing on the page looks like bars or 2-D modules.

    `ignore`: boxes (left, top, right, bottom, page pixels) of codes already read that are
    no blank number (a publisher's EAN-13); their bars, and 4 mm around, do not count.
    """
    if gray.ndim != 2 or min(gray.shape) < 64:
        return True  # too small to judge: let the ladder decide as before
    height, width = gray.shape
    cell = max(4, round(min(height, width) / 210 * _CELL_MM))  # A4's short side: 210 mm
    # Levels from 2 x 2 means: a speck of salt-and-pepper noise is no ink level (it would
    # put the threshold too dark for a pale, blurred symbol); a stroke's inside keeps its.
    corner = gray[:-1:6, :-1:6].astype(np.uint16)
    sample = (corner + gray[1::6, :-1:6][:corner.shape[0], :corner.shape[1]]
              + gray[:-1:6, 1::6][:corner.shape[0], :corner.shape[1]]
              + gray[1::6, 1::6][:corner.shape[0], :corner.shape[1]]) // 4
    levels = np.cumsum(np.bincount(sample.ravel(), minlength=256))
    ink = int(np.searchsorted(levels, 0.0005 * levels[-1]))  # a 1-bit page: 99.7 % paper
    paper = int(np.searchsorted(levels, 0.9 * levels[-1]))
    if paper - ink < 20:
        return False  # one grey level: an empty sheet
    rows, cols = (height - 1) // cell, (width - 1) // cell
    if rows < 8 or cols < 8:
        return True
    dark = gray < ink + 0.5 * (paper - ink)

    def at(i: int, j: int) -> np.ndarray:
        """Pixel (i, j) of every cell: one strided look instead of a 4-D reduction."""
        return dark[i::cell, j::cell][:rows, :cols]

    # Small counts (at most 2 x cell per cell): integer sums, one conversion at the end.
    density = np.zeros((rows, cols), dtype=np.uint8)
    across = np.zeros((rows, cols), dtype=np.uint8)
    down = np.zeros((rows, cols), dtype=np.uint8)
    samples = range(0, cell, 2)
    for i in samples:
        for j in samples:
            density += at(i, j)
    for i in samples:
        for j in range(cell):
            across += at(i, j) != at(i, j + 1)  # transitions along rows
            down += at(j, i) != at(j + 1, i)  # ... and down columns
    count = len(samples)
    for left, top, right, bottom in ignore:
        margin = 4 / _CELL_MM
        y0, x0 = max(0, int(top / cell - margin)), max(0, int(left / cell - margin))
        y1, x1 = int(bottom / cell + margin) + 1, int(right / cell + margin) + 1
        for counts in (density, across, down):
            counts[y0:y1, x0:x1] = 0
    # Per mm: a cell is ~1 mm, each of its sampled lines crossed `n` times counts n.
    x, y = _Sums(across, count * _CELL_MM), _Sums(down, count * _CELL_MM)
    share = _Sums(density, count * count)
    square = _window(8)
    bars = np.abs(x.mean(*square) - y.mean(*square)) >= _BARS_DIFFERENCE
    if bars.any() and float(share.mean(*square)[bars].max()) >= _BARS_DENSITY:
        return True
    likely = _likely_corners(gray, cell)
    for (h, w), least in ((square, _SQUARE_DENSITY), (_window(4, 8), _STRIP_DENSITY),
                          (_window(8, 4), _STRIP_DENSITY)):
        both = np.minimum(x.mean(h, w), y.mean(h, w)) >= _MIN_CROSSINGS
        dense = share.mean(h, w)
        if both.any() and float(dense[both].max()) >= least:
            return True
        # Where this scan's code should sit, a fainter symbol (a 1-bit page thresholded
        # low thins a DataMatrix to 0.43) is enough: no title or text block is there.
        near = both & likely[h // 2:h // 2 + both.shape[0], w // 2:w // 2 + both.shape[1]]
        if near.any() and float(dense[near].max()) >= least * _CORNER_RELIEF:
            return True
    return False


def _likely_corners(gray: np.ndarray, cell: int) -> np.ndarray:
    """Cells inside the two corners where this scan's code should be (`corner_order`)."""
    rows, cols = (gray.shape[0] - 1) // cell, (gray.shape[1] - 1) // cell
    mask = np.zeros((rows, cols), dtype=bool)
    for name in prep.corner_order(gray)[:2]:
        view = prep.corner(gray, name)
        x0, y0 = view.origin
        height, width = view.pixels.shape
        mask[y0 // cell:(y0 + height) // cell, x0 // cell:(x0 + width) // cell] = True
    return mask


class _Sums:
    """Summed-area table of per-cell counts: the mean over any window in four lookups."""

    def __init__(self, counts: np.ndarray, divisor: float) -> None:
        self.total = np.pad(counts.astype(np.float32).cumsum(0).cumsum(1) / divisor,
                            ((1, 0), (1, 0)))

    def mean(self, height: int, width: int) -> np.ndarray:
        """Mean over every `height` x `width` window (valid positions only)."""
        t = self.total
        result: np.ndarray = (t[height:, width:] - t[:-height, width:] - t[height:, :-width]
                              + t[:-height, :-width]) / (height * width)
        return result


def _window(height_mm: float, width_mm: float | None = None) -> tuple[int, int]:
    """A window of millimetres in cells."""
    return (round(height_mm / _CELL_MM), round((width_mm or height_mm) / _CELL_MM))
