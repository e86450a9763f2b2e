"""«No symbol here»: a cheap look that spares a page without any code the whole ladder.

Every retry of the ladder looks for a code that the first pass missed. A page with no
code at all (a back side, an instruction sheet, a form from elsewhere) would climb all of
them, about half a second, for nothing. Any code the blank number can be printed in is a
patch of dense ink: bars or modules cover about half of every few-millimetre window over
it, which running text, answer boxes and handwriting reach only here and there (a title's
strokes come close). So the page is shrunk, thresholded between its ink and paper levels,
and the densest 6 × 6 mm window is measured; below 30 % ink there is nothing to decode.
A large bold title can pass that, and then the page climbs the ladder as before: the test
is kept loose because skipping a real code would lose a read.
"""

from __future__ import annotations

import numpy as np

# The densest 6 x 6 mm window of ink share: over any symbol of the blank-number formats at
# least 0.38 on the benchmark's pages; a sheet of text or a blank back stays below.
_MIN_DENSITY = 0.3
_WINDOW_MM = 6


def may_hold_code(gray: np.ndarray) -> bool:
    """False only when nothing on the page is dense enough to be a barcode symbol."""
    if gray.ndim != 2 or min(gray.shape) < 64:
        return True  # too small to judge: let the ladder decide as before
    small = gray[::2, ::2].astype(np.float32)
    sample = small[::3, ::3]
    ink = float(np.percentile(sample, 0.05))  # a 1-bit page can be 99.7 % paper
    paper = float(np.percentile(sample, 90))
    if paper - ink < 20:
        return False  # one grey level: an empty sheet
    dark = (small < ink + 0.5 * (paper - ink)).astype(np.float32)
    # Cells of about 1 mm (A4's short side is 210 mm).
    step = max(1, round(min(small.shape) / 210))
    rows, cols = dark.shape[0] // step, dark.shape[1] // step
    if rows < 2 * _WINDOW_MM or cols < 2 * _WINDOW_MM:
        return True
    cells = dark[:rows * step, :cols * step].reshape(rows, step, cols, step).mean(axis=(1, 3))
    return bool(_box_mean(cells, _WINDOW_MM).max() >= _MIN_DENSITY)


def _box_mean(values: np.ndarray, side: int) -> np.ndarray:
    """Mean over every `side` x `side` window (valid positions only), by summed areas."""
    total = np.pad(values.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    result: np.ndarray = (total[side:, side:] - total[:-side, side:] - total[side:, :-side]
                          + total[:-side, :-side]) / (side * side)
    return result
