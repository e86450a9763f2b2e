"""Pen strokes across a 2-D symbol: find the straight line and paint it out.

A ballpoint line through a small QR or DataMatrix symbol breaks its finder and timing
patterns, so the detector never gets as far as error correction. The line is long, thin
and straight and runs on past the symbol into its quiet zone, which no part of a printed
symbol does. So, near each spot dense enough to be a 2-D symbol, a Hough transform over
thin dark pixels proposes lines, the ones with long unbroken stretches win, and each is
painted out in one of three ways (`FILLS`; `_paintings` says which for which width),
because a felt-tip line hides the modules under it:
  * paper: the band becomes plain paper. The hidden modules turn light, a plain erasure
    the symbol's error correction makes up for; a guess of their shade would be grey
    the binarizer splits at random. Rescued most pen-line pages in the benchmark;
  * sides: the mean of what lies either side. Where the line crosses the inside of a
    module both sides agree and the module comes back as it was;
  * overhang: only where the line runs on alone (light on both sides) is it painted; across
    the symbol it is left. A line along a DataMatrix's solid bottom edge then stops being a
    finder bar that runs on past the symbol;
  * edge: as overhang, and across the symbol the band's outer part (beyond a quarter of
    its width past the middle, on the side away from the symbol) painted as paper too. A
    felt-tip line lying on a DataMatrix's solid edge is three modules thick: left whole,
    the detector takes its far side for the edge and misplaces every row.

Only numpy: no SciPy or OpenCV in the bundle for one retry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from scanstation.recognition.preprocessing import View, resize

Box = tuple[float, float, float, float]  # left, top, right, bottom

# Sizes are tuned at 200 dpi (an A4 short side of 1654 px) and scaled with the page.
_REFERENCE_SHORT_SIDE = 1654
_DENSE_WINDOW = 24  # px: a 2-D symbol is at least 8 modules of 0.5 mm (32 px) across
_DENSE_SHARE = 0.35  # dark share of such a window inside a symbol; text stays under it
_SPOT_RADIUS = 170  # px around a dense spot searched for lines (the symbol and its margin)
_ZOOM_RADIUS = 140  # px around the spot read again at 2×: a QR or DataMatrix and its margin
_LINE_NEAR_SPOT = 70  # px: a line that misses the spot by more cannot cross the symbol
_MIN_STRETCH = 12  # px: unbroken thin-dark stretch that counts towards a line's score
_MIN_SCORE = 24  # px of such stretches in all
_LINES_PER_SPOT = 3
_SPOTS_PER_VIEW = 3
_IGNORE_MARGIN = 32  # px (4 mm) around a code already read, as `presence` leaves out
# Ways to paint a line out, in the order tried (see the module's docstring).
FILLS = ("paper", "sides", "overhang", "edge")


@dataclass(frozen=True)
class Line:
    """A straight line in Hough form: x·cos θ + y·sin θ = rho, in crop pixels."""

    theta: float
    rho: float

    def distance(self, x: float, y: float) -> float:
        return float(abs(x * np.cos(self.theta) + y * np.sin(self.theta) - self.rho))


def pen_line_views(view: View, short_side: int,
                   ignore: Sequence[Box] = ()) -> Iterator[View]:
    """Crops around likely symbols in `view`, each with one suspected pen line painted out.

    Lazy: the reader stops at the first crop that decodes, so later ones cost nothing.
    `ignore`: page boxes of codes already read that are no blank number (`dense_spots`).
    """
    scale = max(short_side, 1) / _REFERENCE_SHORT_SIDE
    pixels = view.pixels
    sample = pixels[::3, ::3]  # the levels of ink and paper need no more than every 9th pixel
    ink = float(np.percentile(sample, 0.5))
    paper = float(np.percentile(sample, 90))
    if paper - ink < 20:
        return  # a blank corner: nothing printed, nothing to repair
    radius = round(_SPOT_RADIUS * scale)
    height, width = pixels.shape
    for x, y in dense_spots(pixels, ink, paper, scale, in_view(view, ignore)):
        x0, y0 = max(0, x - radius), max(0, y - radius)
        x1, y1 = min(width, x + radius), min(height, y + radius)
        crop = pixels[y0:y1, x0:x1]
        # Crop offsets are in the view's pixels; the origin is in page pixels.
        origin = (round(view.origin[0] + x0 / view.scale[0]),
                  round(view.origin[1] + y0 / view.scale[1]))
        mask = thin_dark(crop, ink, paper, scale)
        dark = crop < ink + 0.5 * (paper - ink)
        ballpoint = _ballpoint_half_widths(scale)
        for line in crossing_lines(mask, (x - x0, y - y0), scale):
            for half_width, fill in _paintings(line_half_width(dark, mask, line), scale):
                painted = paint_out(crop, line, half_width, fill, ink, paper,
                                    toward=(x - x0, y - y0))
                yield View(painted, origin, view.scale)
                if fill == "sides" and half_width in ballpoint:
                    yield _zoomed(painted, (x - x0, y - y0), round(_ZOOM_RADIUS * scale),
                                  origin, view.scale)


def _zoomed(painted: np.ndarray, spot: tuple[int, int], radius: int,
            origin: tuple[int, int], scale: tuple[float, float]) -> View:
    """The painted symbol at twice the size: a small QR (3 px modules) whose band, painted
    with its sides' mean, left a module edge a pixel off decodes only with more pixels to
    follow (3 pages of seeds 3102–3105, all from the sides' mean of a ballpoint width, so
    only those get it). Cut to 2 × 140 px around the spot: the whole crop at 2× cost 40 %
    more CPU on pages nothing reads."""
    height, width = painted.shape
    x0, y0 = max(0, spot[0] - radius), max(0, spot[1] - radius)
    close = painted[y0:min(height, spot[1] + radius), x0:min(width, spot[0] + radius)]
    near = (round(origin[0] + x0 / scale[0]), round(origin[1] + y0 / scale[1]))
    return resize(View(np.ascontiguousarray(close), near, scale), 2.0, 2.0)


def _ballpoint_half_widths(scale: float) -> list[int]:
    """Half-widths of a ballpoint line (2 and 3 px at 200 dpi), scaled with the page."""
    return [max(1, round(h * scale)) for h in (2, 3)]


def _paintings(measured: int | None, scale: float) -> list[tuple[int, str]]:
    """(half width, fill) pairs to try on one line, the likeliest first.

    A felt-tip line's measured width is painted every way (seed 3003 lost a DataMatrix
    without its sides' mean there); the ballpoint widths as paper or their sides' mean:
    cut back to the symbol they rescued no page of the tuning seeds and would only cost
    time on every page nothing reads.
    """
    ballpoint = _ballpoint_half_widths(scale)
    pairs = []
    if measured is not None and measured not in ballpoint:
        pairs += [(measured, fill) for fill in ("paper", "overhang", "sides", "edge")]
    pairs += [(half, fill) for half in ballpoint for fill in ("paper", "sides")]
    return pairs


def in_view(view: View, boxes: Sequence[Box]) -> list[Box]:
    """Page boxes (left, top, right, bottom) in `view`'s pixels."""
    (ox, oy), (sx, sy) = view.origin, view.scale
    return [((left - ox) * sx, (top - oy) * sy, (right - ox) * sx, (bottom - oy) * sy)
            for left, top, right, bottom in boxes]


def dense_spots(pixels: np.ndarray, ink: float, paper: float, scale: float,
                ignore: Sequence[Box] = ()) -> list[tuple[int, int]]:
    """Centres of the darkest small windows: where a 2-D symbol (or a 1-D code) sits.

    `ignore`: boxes (in `pixels`' coordinates) of codes already read that are no blank
    number, a publisher's EAN-13: no window centred on one is a spot. Its bars are the
    densest patch of a corner, so it was otherwise searched for pen lines (~0.4 s on a
    sheet without a code of its own) though no pass may read an EAN-13 as the number.
    """
    dark = (pixels < ink + 0.5 * (paper - ink)).astype(np.float32)
    step = 4
    rows, cols = dark.shape[0] // step, dark.shape[1] // step
    if rows < 2 or cols < 2:
        return []
    small = dark[:rows * step, :cols * step].reshape(rows, step, cols, step).mean(axis=(1, 3))
    side = max(2, round(_DENSE_WINDOW * scale / step))
    if side >= min(rows, cols):
        return []
    total = np.pad(small.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    density = (total[side:, side:] - total[:-side, side:] - total[side:, :-side]
               + total[:-side, :-side]) / (side * side)
    spots = []
    margin = _IGNORE_MARGIN * scale  # a reader's box spans the lines it read, not the bars
    for left, top, right, bottom in ignore:
        # Window (row, col) is centred on pixel ((col + side / 2) * step, (row + ...)).
        r0 = max(0, int((top - margin) / step - side / 2))
        r1 = int((bottom + margin) / step - side / 2) + 1
        c0 = max(0, int((left - margin) / step - side / 2))
        c1 = int((right + margin) / step - side / 2) + 1
        if r1 > 0 and c1 > 0:
            density[r0:r1, c0:c1] = 0
    keep_out = max(1, round(100 * scale / step))
    for _ in range(_SPOTS_PER_VIEW):
        row, col = np.unravel_index(int(np.argmax(density)), density.shape)
        if density[row, col] < _DENSE_SHARE:
            break
        spots.append((int((col + side / 2) * step), int((row + side / 2) * step)))
        density[max(0, row - keep_out):row + keep_out, max(0, col - keep_out):col + keep_out] = 0
    return spots


def thin_dark(pixels: np.ndarray, ink: float, paper: float, scale: float) -> np.ndarray:
    """Dark pixels with light on both sides a pen's width away, across or down."""
    dark = pixels < ink + 0.5 * (paper - ink)
    light = pixels > ink + 0.75 * (paper - ink)
    thin = np.zeros_like(dark)
    for reach in sorted({max(1, round(d * scale)) for d in (3, 4, 5, 6)}):
        if 2 * reach >= min(pixels.shape):
            break
        thin[:, reach:-reach] |= light[:, :-2 * reach] & light[:, 2 * reach:]
        thin[reach:-reach, :] |= light[:-2 * reach, :] & light[2 * reach:, :]
    return dark & thin


def crossing_lines(mask: np.ndarray, spot: tuple[int, int], scale: float) -> list[Line]:
    """The best few straight lines through `spot`, by their unbroken thin-dark stretches."""
    candidates = _hough_peaks(mask, count=24)
    near = _LINE_NEAR_SPOT * scale
    scored = []
    for line in candidates:
        if line.distance(*spot) > near:
            continue
        score = _stretch_score(mask, line, round(_MIN_STRETCH * scale))
        if score >= _MIN_SCORE * scale:
            scored.append((score, line))
    scored.sort(key=lambda item: -item[0])
    return [line for _, line in scored[:_LINES_PER_SPOT]]


def _hough_peaks(mask: np.ndarray, count: int) -> list[Line]:
    ys, xs = np.nonzero(mask)
    if xs.size == 0:
        return []
    thetas = np.deg2rad(np.arange(0.0, 180.0, 1.0))
    diagonal = int(np.hypot(*mask.shape)) + 1
    bins = 2 * diagonal + 1
    cos, sin = np.cos(thetas).astype(np.float32), np.sin(thetas).astype(np.float32)
    rho = np.rint(np.outer(xs.astype(np.float32), cos) + np.outer(ys.astype(np.float32), sin))
    offsets = (np.arange(thetas.size, dtype=np.int32) * bins + diagonal)[np.newaxis, :]
    index = (rho.astype(np.int32) + offsets).ravel()
    votes = np.bincount(index, minlength=thetas.size * bins).reshape(thetas.size, bins)
    peaks = []
    for _ in range(count):
        t, r = np.unravel_index(int(np.argmax(votes)), votes.shape)
        if votes[t, r] < 30:
            break
        peaks.append(Line(float(thetas[t]), float(r - diagonal)))
        votes[max(0, t - 3):t + 4, max(0, r - 5):r + 6] = 0  # one peak per line
    return peaks


def _along(line: Line, shape: tuple[int, ...], step: int = 1
           ) -> tuple[np.ndarray, np.ndarray]:
    """Points of `line`, `step` px apart, inside an array of `shape`."""
    height, width = shape
    reach = int(np.hypot(height, width))
    steps = np.arange(-reach, reach, step)
    xs = line.rho * np.cos(line.theta) - steps * np.sin(line.theta)
    ys = line.rho * np.sin(line.theta) + steps * np.cos(line.theta)
    inside = (xs >= 0) & (xs <= width - 1) & (ys >= 0) & (ys <= height - 1)
    return xs[inside], ys[inside]


def _across(image: np.ndarray, line: Line, xs: np.ndarray, ys: np.ndarray,
            offsets: np.ndarray) -> np.ndarray:
    """`image` at the points moved `offsets` px along the line's normal (numpy broadcasting:
    pass `xs[:, None]` with a row of offsets for a profile across each point)."""
    height, width = image.shape
    cols = np.clip(np.rint(xs + offsets * np.cos(line.theta)).astype(int), 0, width - 1)
    rows = np.clip(np.rint(ys + offsets * np.sin(line.theta)).astype(int), 0, height - 1)
    values: np.ndarray = image[rows, cols]
    return values


def _stretch_score(mask: np.ndarray, line: Line, min_stretch: int, gap: int = 3) -> int:
    """Pixels of the line in unbroken stretches of at least `min_stretch` (gaps ≤ `gap`)."""
    xs, ys = _along(line, mask.shape)
    # One pixel either side counts too: the Hough peak is quantised.
    on: np.ndarray = np.any(
        _across(mask, line, xs[:, None], ys[:, None], np.array([-1.0, 0.0, 1.0])), axis=1)
    score, run, misses = 0, 0, 0
    for hit in on.tolist():
        if hit:
            run += 1 + misses if run else 1
            misses = 0
        elif run:
            misses += 1
            if misses > gap:
                score += run if run >= min_stretch else 0
                run, misses = 0, 0
    return score + (run if run >= min_stretch else 0)


def line_half_width(dark: np.ndarray, mask: np.ndarray, line: Line) -> int | None:
    """Half the pen's width plus a pixel of blur, measured across the line where it runs
    alone (its thin-dark pixels): the median dark run across it, None if too few."""
    xs, ys = (np.rint(v) for v in _along(line, dark.shape, step=2))  # whole pixels
    alone = _across(mask, line, xs, ys, np.zeros(1))
    xs, ys = xs[alone], ys[alone]
    if xs.size < 8:
        return None
    offsets = np.arange(-12, 13)
    # Rows: points on the line; columns: across it.
    profile = _across(dark, line, xs[:, None], ys[:, None], offsets[None, :])
    centre = offsets.size // 2
    runs = []
    for row in profile:
        if not row[centre]:
            continue
        left = centre
        while left > 0 and row[left - 1]:
            left -= 1
        right = centre
        while right < offsets.size - 1 and row[right + 1]:
            right += 1
        runs.append(right - left + 1)
    if len(runs) < 8:
        return None
    return int(np.ceil(float(np.median(runs)) / 2.0)) + 1


@lru_cache(maxsize=4)
def _band(shape: tuple[int, ...], line: Line,
          half_width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and signed distances of the pixels within `half_width` of `line`.

    The same band is painted out up to four ways in a row (`_paintings`), and finding it
    over the whole crop was a third of the pen-line retry's own cost; read-only arrays.
    """
    height, width = shape
    distance = (np.arange(width)[np.newaxis, :] * np.cos(line.theta)
                + np.arange(height)[:, np.newaxis] * np.sin(line.theta) - line.rho)
    band_rows, band_cols = np.nonzero(np.abs(distance) <= half_width)
    along = distance[band_rows, band_cols]
    for array in (band_rows, band_cols, along):
        array.setflags(write=False)
    return band_rows, band_cols, along


def paint_out(pixels: np.ndarray, line: Line, half_width: int, fill: str = "sides",
              ink: float = 0.0, paper: float = 255.0,
              toward: tuple[float, float] | None = None) -> np.ndarray:
    """A copy with the band around `line` painted out as `fill` says (one of `FILLS`).

    `ink` and `paper` are the crop's levels: "paper" paints the band at the paper level,
    "overhang" tells a symbol's module from the quiet zone by the midpoint between them.
    `toward` is a point inside the symbol ("edge" keeps the band's half on its side).
    """
    if fill not in FILLS:
        raise ValueError(f"unknown fill {fill!r}")
    band_rows, band_cols, along = _band(pixels.shape, line, half_width)
    out = pixels.astype(np.float32)
    if fill == "paper":
        out[band_rows, band_cols] = paper
    else:
        edge = half_width + 1.5
        before = _across(out, line, band_cols, band_rows, edge - along)
        after = _across(out, line, band_cols, band_rows, -edge - along)
        sides = (before + after) / 2.0
        if fill in ("overhang", "edge"):
            # The symbol's stretch of the line: from the first to the last point with a
            # module beside it (2 % trimmed off each end against specks of noise).
            position = band_rows * np.cos(line.theta) - band_cols * np.sin(line.theta)
            beside = np.minimum(before, after) < ink + 0.5 * (paper - ink)
            if beside.any():
                low, high = np.percentile(position[beside], (2, 98))
                across_symbol = (position >= low) & (position <= high)
                sides = np.where(across_symbol, out[band_rows, band_cols], sides)
        out[band_rows, band_cols] = sides
        if fill == "edge" and toward is not None:
            inside = np.sign(toward[0] * np.cos(line.theta) + toward[1] * np.sin(line.theta)
                             - line.rho) or 1.0
            outer = -inside * along > half_width // 2
            out[band_rows[outer], band_cols[outer]] = paper
    painted: np.ndarray = np.ascontiguousarray(np.clip(out, 0, 255).astype(np.uint8))
    return painted
