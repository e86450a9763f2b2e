"""Telling «the same sheet scanned twice» from «two different sheets with one number».

Both look alike at a glance: every blank of an event carries the same printed template and
only the handwriting differs, so a whole-page perceptual hash cannot separate them (it is
kept as a quick per-page fingerprint only). The decision compares the two pages' ink: every
clearly dark mark on one page must have ink near it on the other. Each cell of a grid is
aligned on its own, so a sheet fed again with a shift, a skew of a degree or a slightly
different scale still matches itself, while a cell holding different handwriting does not.
Measured on generated blanks: a rescanned sheet leaves 0 unmatched marks per cell (noise,
JPEG, 1-bit, 1.2° skew, 1 % scale), two strokes of other handwriting leave 17 or more.

numpy is imported inside the functions that compute: the readiness gate before every pack
needs only `DuplicateKind`, and a pack's start-up is part of its time.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING

from PIL import Image, ImageFilter, ImageOps

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    BoolArray = NDArray[np.bool_]

_WIDTH = 1654  # compare at A4 200 dpi whatever the scan's resolution
_POOL = 3  # ink pooled to ~67 dpi: a pen stroke survives as at least one pooled pixel
_DARK, _ANY_INK = 90, 170  # gray levels: surely ink / possibly ink (avoids threshold flicker)
_GRID = (8, 12)  # cells across, down
_SEARCH, _STEP, _TOLERANCE = 15, 3, 5  # per-cell shift search (pooled px); dilation size
_UNMATCHED_LIMIT = 8  # pooled ink pixels without a counterpart, in the worst cell
_HASH_SIZE = 8



class DuplicateKind(StrEnum):
    SAME_SHEET = "same_sheet"  # delete the repeat
    DIFFERENT_SHEETS = "different_sheets"  # escalate to the federal coordinator, never merge


def _normalized_gray(image: Image.Image) -> NDArray[np.float32]:
    import numpy as np

    gray = ImageOps.grayscale(image) if image.mode != "L" else image
    if gray.width != _WIDTH:
        height = round(gray.height * _WIDTH / gray.width)
        gray = gray.resize((_WIDTH, height), Image.Resampling.BILINEAR)
    array = np.asarray(gray, dtype=np.float32)
    # Scanners differ in exposure: stretch so paper is white and ink black on both pages.
    low, high = np.percentile(array[::4, ::4], (0.5, 99.5))
    scaled: NDArray[np.float32] = np.clip(
        (array - low) * (255.0 / max(float(high - low), 1.0)), 0, 255
    ).astype(np.float32)
    return scaled


def _pool(mask: BoolArray) -> BoolArray:
    import numpy as np

    height, width = (mask.shape[0] // _POOL, mask.shape[1] // _POOL)
    trimmed = mask[: height * _POOL, : width * _POOL]
    return np.asarray(trimmed.reshape(height, _POOL, width, _POOL).any(axis=(1, 3)))


def _dilate(mask: BoolArray) -> BoolArray:
    import numpy as np

    image = Image.fromarray(mask.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(_TOLERANCE))
    dilated: BoolArray = np.asarray(image) > 0
    return dilated


class _InkMaps:
    def __init__(self, image: Image.Image) -> None:
        gray = _normalized_gray(image)
        self.dark = _pool(gray < _DARK)
        self.any_ink = _pool(gray < _ANY_INK)
        self.near_ink = _dilate(self.any_ink)

    def crop(self, height: int) -> None:
        self.dark, self.any_ink, self.near_ink = (
            self.dark[:height], self.any_ink[:height], self.near_ink[:height])


def _global_shift(a: BoolArray, b: BoolArray) -> tuple[int, int]:
    """Phase correlation: the shift that best lays page b onto page a."""
    import numpy as np

    spectrum = np.fft.fft2(a.astype(np.float32)) * np.conj(np.fft.fft2(b.astype(np.float32)))
    spectrum /= np.abs(spectrum) + 1e-9
    correlation = np.abs(np.fft.ifft2(spectrum))
    dy, dx = (int(v) for v in np.unravel_index(int(np.argmax(correlation)), correlation.shape))
    if dy > a.shape[0] // 2:
        dy -= a.shape[0]
    if dx > a.shape[1] // 2:
        dx -= a.shape[1]
    return dy, dx


def _worst_cell_unmatched(marks: BoolArray, near: BoolArray, dy: int, dx: int) -> int:
    import numpy as np

    height, width = marks.shape
    cells_x, cells_y = _GRID
    cell_h, cell_w = height // cells_y, width // cells_x
    pad = _SEARCH + max(abs(dy), abs(dx))
    padded = np.pad(near, pad, constant_values=False)
    used = marks[: cell_h * cells_y, : cell_w * cells_x]
    best = np.full((cells_y, cells_x), np.iinfo(np.int64).max, dtype=np.int64)
    for sy in range(-_SEARCH, _SEARCH + 1, _STEP):
        for sx in range(-_SEARCH, _SEARCH + 1, _STEP):
            top, left = pad - dy + sy, pad - dx + sx
            other = padded[top : top + height, left : left + width][: cell_h * cells_y,
                                                                     : cell_w * cells_x]
            unmatched = (used & ~other).reshape(cells_y, cell_h, cells_x, cell_w).sum(axis=(1, 3))
            np.minimum(best, unmatched, out=best)
    return int(best.max())


def sheet_difference(a: Image.Image, b: Image.Image) -> int:
    """Unmatched ink marks in the worst cell, both ways; 0 for a sheet and its rescan."""
    first, second = _InkMaps(a), _InkMaps(b)
    height = min(first.dark.shape[0], second.dark.shape[0])
    first.crop(height)
    second.crop(height)
    dy, dx = _global_shift(first.any_ink, second.any_ink)
    return max(
        _worst_cell_unmatched(first.dark, second.near_ink, dy, dx),
        _worst_cell_unmatched(second.dark, first.near_ink, -dy, -dx),
    )


def same_sheet(a: Image.Image, b: Image.Image) -> bool:
    return sheet_difference(a, b) <= _UNMATCHED_LIMIT


def classify_group(images: Sequence[Image.Image]) -> DuplicateKind:
    """Same sheet only when every pair matches; one differing pair means escalation."""
    if len(images) < 2:
        raise ValueError("a duplicate group has at least two pages")
    for a, b in combinations(images, 2):
        if not same_sheet(a, b):
            return DuplicateKind.DIFFERENT_SHEETS
    return DuplicateKind.SAME_SHEET


@cache
def _dct_matrix(size: int) -> NDArray[np.float64]:
    import numpy as np

    k = np.arange(size)
    matrix = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * size))
    matrix[0] *= np.sqrt(1 / size)
    matrix[1:] *= np.sqrt(2 / size)
    return matrix



def perceptual_hash(image: Image.Image) -> str:
    """64-bit DCT pHash as 16 hex digits: a quick fingerprint, not a duplicate verdict."""
    import numpy as np

    gray = ImageOps.grayscale(image) if image.mode != "L" else image
    small = np.asarray(gray.resize((32, 32), Image.Resampling.BOX), dtype=np.float64)
    dct = _dct_matrix(32) @ small @ _dct_matrix(32).T
    low = dct[:_HASH_SIZE, :_HASH_SIZE].flatten()[1:]  # drop DC: overall brightness
    value = 0
    for bit in low > np.median(low):
        value = (value << 1) | int(bit)
    return f"{value:016x}"


def hash_distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()
