"""«No symbol here»: a cheap look that spares a page without any code the whole ladder.

Every retry of the ladder looks for a code that the first pass missed. A page with no
code at all (a back side, an instruction sheet, a form from elsewhere) would climb all of
them, about half a second, for nothing. Any code the blank number can be printed in is a
patch of dense ink: bars or modules cover about half of every few-millimetre window over
it, which running text, answer boxes and handwriting reach only here and there (a title's
strokes do, in a few dozen windows). So the page is shrunk, thresholded between its ink and
paper levels, and the 3 × 3 mm windows that are at least 40 % ink are counted; fewer than
a small symbol gives means there is nothing to decode.
"""

from __future__ import annotations

import numpy as np

_REFERENCE_SHORT_SIDE = 1654  # A4 at 200 dpi
_DENSE_SHARE = 0.4
# Windows over the smallest symbol (a 10 mm DataMatrix) number about 80 at 200 dpi; the
# title line of a blank without a code about 35. The cut sits between, nearer the title.
_MIN_DENSE_WINDOWS = 50


def may_hold_code(gray: np.ndarray) -> bool:
    """False only when nothing on the page is dense enough to be a barcode symbol."""
    if gray.ndim != 2 or min(gray.shape) < 64:
        return True  # too small to judge: let the ladder decide as before
    small = gray[::2, ::2].astype(np.float32)
    sample = small[::3, ::3]
    ink = float(np.percentile(sample, 0.5))
    paper = float(np.percentile(sample, 90))
    if paper - ink < 20:
        return False  # one grey level: an empty sheet
    dark = (small < ink + 0.5 * (paper - ink)).astype(np.float32)
    step = 4
    rows, cols = dark.shape[0] // step, dark.shape[1] // step
    if rows < 4 or cols < 4:
        return True
    cells = dark[:rows * step, :cols * step].reshape(rows, step, cols, step).mean(axis=(1, 3))
    side = 3  # cells of 8 page pixels: a 24 px (3 mm) window
    total = np.pad(cells.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    density = (total[side:, side:] - total[:-side, side:] - total[side:, :-side]
               + total[:-side, :-side]) / (side * side)
    scale = (min(gray.shape) / _REFERENCE_SHORT_SIDE) ** 2
    return int(np.count_nonzero(density >= _DENSE_SHARE)) >= _MIN_DENSE_WINDOWS * scale
