"""Feeder streaks: thin lines down (or across) the whole page, found and painted out.

Dust or a scratch on a feeder's glass sits at one sensor position while the sheet moves
past, so it draws a line 1–3 px wide over the full length of the page: darker where the
dust blocks light, lighter where a scratch or a dead sensor element lets too much in. It
crosses the bars or the quiet zone of a code, and the printed digits, alike.

A streak is told from printed lines by running the whole page. For each candidate column
(and width of 1–3 px) the difference to the pixels two columns away on either side is
taken on every sampled row; the page is cut into horizontal bands and the column is a
streak only when the median difference says so in nearly every band. A code's bars line
up too, but only over the code's 10–15 mm, one band of many, so they are never touched.
Dark streaks show on paper (most rows); light ones only where ink is, so for them each
band's median is taken over the rows where both outer pixels are ink.

The same runs on the transposed page for scanners that feed the sheet sideways. Removal
replaces the streak's pixels by the straight line between its two outer neighbours, on the
full-resolution page, so the barcode engines and the OCR see the same clean page.
Only numpy; a few milliseconds per page at 200 dpi.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_MAX_WIDTH = 3  # px; wider lines are not a speck of dust
_SAMPLED_ROWS = 300
_DARK_SHARE = 0.93  # a dark streak is darker than its sides on at least this share of rows
_MIN_LIGHT_ROWS = 16  # sampled ink rows a light streak must cross to be judged at all
_LIGHT_SHARE = 0.9  # ... and be lighter than the ink on this share of them
_LIGHT_SPREAD = 0.6  # ... spread over at least this share of the page's height


@dataclass(frozen=True)
class Streak:
    """`width` pixels starting at `start`, across `axis` 1 (columns) or 0 (rows)."""

    start: int
    width: int
    axis: int
    dark: bool


def find_streaks(gray: np.ndarray) -> list[Streak]:
    """Full-height thin lines (vertical) and full-width ones (horizontal) of `gray`."""
    if gray.ndim != 2 or min(gray.shape) < 64:
        return []
    found = [Streak(s, w, 1, d) for s, w, d in _find_columns(gray)]
    found += [Streak(s, w, 0, d) for s, w, d in _find_columns(gray.T)]
    return found


def remove_streaks(gray: np.ndarray, streaks: list[Streak]) -> np.ndarray:
    """A copy of `gray` with every streak replaced by its neighbours' interpolation."""
    if not streaks:
        return gray
    out = gray.copy()
    for streak in streaks:
        view = out if streak.axis == 1 else out.T
        size = view.shape[1]
        left, right = streak.start - 1, streak.start + streak.width
        if left < 0 and right >= size:
            continue
        a = view[:, max(left, 0) if left >= 0 else right].astype(np.float32)
        b = view[:, right if right < size else left].astype(np.float32)
        for i in range(streak.width):
            share = (i + 1) / (streak.width + 1)
            view[:, streak.start + i] = np.clip(a + (b - a) * share, 0, 255).astype(np.uint8)
    return out


def clean_page(gray: np.ndarray) -> tuple[np.ndarray, list[Streak]]:
    """The page with its feeder streaks removed, and what was removed."""
    streaks = find_streaks(gray)
    return remove_streaks(gray, streaks), streaks


def _find_columns(gray: np.ndarray) -> list[tuple[int, int, bool]]:
    """(start, width, dark) of the vertical streaks, one per cluster of candidates."""
    height, width = gray.shape
    step = max(1, height // _SAMPLED_ROWS)
    rows = gray[::step].astype(np.float32)
    count = rows.shape[0]
    sample = rows[::4, ::3]
    ink = float(np.percentile(sample, 1))
    paper = float(np.percentile(sample, 95))
    contrast = paper - ink
    if contrast < 40 or count < 32:
        return []
    mid = ink + 0.5 * contrast
    dark_limit = -max(6.0, 0.04 * contrast)
    light_limit = 0.4 * contrast
    # Eight sampled rows averaged: sensor noise shrinks, the gaps between printed boxes stay.
    smooth = rows[: count // 8 * 8].reshape(count // 8, 8, width).mean(axis=1)
    quantile = int(smooth.shape[0] * _DARK_SHARE)
    # Ink mask padded by two columns on the left and enough on the right for every offset.
    ink_at = np.pad(rows < mid, ((0, 0), (2, 8)), mode="edge")
    candidates: list[tuple[float, int, int, bool]] = []
    for w in range(1, _MAX_WIDTH + 1):
        if width < w + 6:
            break
        span = width - w - 3  # candidate windows start at columns 2 .. span + 1

        def inner_of(data: np.ndarray, w: int = w, span: int = span,
                     at: np.ndarray | None = None) -> np.ndarray:
            """Mean of the window's columns; `at`: only the windows starting there."""
            total = (data[:, 2:2 + span] if at is None else data[:, 2 + at]).copy()
            for k in range(1, w):
                total += data[:, 2 + k:2 + k + span] if at is None else data[:, 2 + k + at]
            return total / w

        def outer_of(data: np.ndarray, w: int = w, span: int = span,
                     at: np.ndarray | None = None) -> np.ndarray:
            # Two pixels away from the window: blur and JPEG ringing stay out of the way.
            if at is None:
                outer: np.ndarray = (data[:, 0:span] + data[:, w + 3:w + 3 + span]) / 2.0
            else:
                outer = (data[:, at] + data[:, w + 3 + at]) / 2.0
            return outer

        # Dark: darker than both sides on nearly every row (a box edge has gaps, a bar
        # is short); the quantile is taken from the light end so ink rows do not count.
        diff = inner_of(smooth) - outer_of(smooth)
        darker = np.count_nonzero(diff < dark_limit, axis=0) >= quantile
        for index in np.flatnonzero(darker):
            depth = -float(np.median(diff[:, index]))
            candidates.append((depth, int(index) + 2, w, True))
        # Light: brighter than the ink on both sides wherever it crosses ink, and ink is
        # crossed all down the page, not only inside one code.
        # Ink two and four pixels out on both sides: a line crossing the streak, not the
        # gap between two printed vertical lines (box edges, bars).
        inky = (ink_at[:, 2:2 + span] & ink_at[:, w + 5:w + 5 + span]
                & ink_at[:, 0:span] & ink_at[:, w + 7:w + 7 + span])
        crossings = inky.sum(axis=0)
        possible = np.flatnonzero(crossings >= _MIN_LIGHT_ROWS)
        if possible.size == 0:
            continue
        # Spread first, and the lift only of the columns left: text lines cross many
        # columns of a sideways page (~30 ms a page when all of them were lifted).
        on_ink = inky[:, possible]
        row_index = np.arange(count)[:, np.newaxis]
        first = np.where(on_ink, row_index, count).min(axis=0)
        last = np.where(on_ink, row_index, -1).max(axis=0)
        spread = (last - first) >= _LIGHT_SPREAD * count
        possible, on_ink = possible[spread], on_ink[:, spread]
        if possible.size == 0:
            continue
        lift = inner_of(rows, at=possible) - outer_of(rows, at=possible)
        lifted = (on_ink & (lift > light_limit)).sum(axis=0)
        good = lifted >= _LIGHT_SHARE * crossings[possible]
        for j in np.flatnonzero(good):
            strength = float(np.median(lift[:, j][on_ink[:, j]]))
            candidates.append((strength, int(possible[j]) + 2, w, False))
    return _strongest(candidates)


def _strongest(candidates: list[tuple[float, int, int, bool]]) -> list[tuple[int, int, bool]]:
    """One streak per cluster of overlapping candidates (strength, start, width, dark).

    A 1-px streak also darkens the 2- and 3-px windows around it, by a half and a third;
    a 3-px streak darkens its middle 1-px window as much as the 3-px one. So the widest
    window within 80 % of the cluster's strongest is the streak.
    """
    chosen: list[tuple[int, int, bool]] = []
    cluster: list[tuple[float, int, int, bool]] = []

    def flush() -> None:
        if cluster:
            top = max(item[0] for item in cluster)
            pick = max((item for item in cluster if item[0] >= 0.8 * top),
                       key=lambda item: (item[2], item[0]))
            chosen.append((pick[1], pick[2], pick[3]))
            cluster.clear()

    for item in sorted(candidates, key=lambda item: item[1]):
        if cluster and item[1] > max(c[1] + c[2] for c in cluster):
            flush()
        cluster.append(item)
    flush()
    return chosen
