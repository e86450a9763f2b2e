"""The printed line's own glyphs as the judge of a digit Tesseract disputes.

Tesseract can be sure of a wrong digit: on tuning seed 3101 (page 28) it read a dotted
zero as 6 at 98 %, in every look and at every size, and that one digit turned a right
read of an ITF code — confirmed by a second, independent decoder — into an `ambiguous`
page. The line itself knows better. One printer printed every digit of it in one font, so
the other 6s of the line, those the code and the OCR agree on, show what a 6 looks like
there; that dotted zero correlated 0.68 with them and 0.73 with the line's 8s, against
0.86–0.98 for each agreed glyph of that line with its own twins.

So a disputed digit is disowned — no evidence against the code — only when all of these
hold, each chosen so that a damaged glyph or a badly cut line keeps the dispute:
  * the line cuts into exactly as many glyphs as it has digits, all of one height
    (a glyph cut short or grown by a speck is no fair sample), and each agreed glyph that
    has a twin in the line is more like its twin than like any other digit by a margin
    (`CONSISTENT_BY`): the glyphs are cut where the digits are;
  * the line holds agreed glyphs of the digit OCR read, and the disputed glyph is less
    like them than `UNLIKE_BELOW`;
  * another digit of the line is at least as like it, and so are the glyphs of the digit
    the code says, when the line has any: it does not look like what OCR says more than
    like anything else.
`benchmarks/glyph_check.py` measures the rule by turning it round on lines where code and
OCR agree: each digit in turn is taken as a code misread that OCR caught, and the rule
must not disown the OCR's (right) digit there. It is asked only for a code read that two
independent decoders agree on (`suggestion.add_printed_digits`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PIL import Image, ImageFilter

# A disputed glyph this unlike the line's glyphs of the OCR's digit is not that digit.
UNLIKE_BELOW = 0.7
# Every agreed glyph with a twin is this much more like it than like any other digit.
CONSISTENT_BY = 0.05
_HEIGHT, _WIDTH = 26, 24  # a glyph compared at this height, on a canvas this wide


# Every glyph of a line cleanly cut is within this fraction of the median glyph height.
_HEIGHT_SPREAD = 0.12


class LineGlyphs:
    """A digit line cut into its glyphs, each ready to be compared with the others."""

    def __init__(self, pictures: list[np.ndarray]) -> None:
        self._pictures = pictures
        self._cache: dict[tuple[int, int], float] = {}

    @classmethod
    def cut(cls, crop: Image.Image, length: int) -> LineGlyphs | None:
        """The line's `length` glyphs, or None when it does not cut into so many."""
        boxes = glyph_boxes(np.asarray(crop.convert("L")), length)
        if boxes is None:
            return None
        gray = crop.convert("L")
        return cls([_picture(gray.crop(box)) for box in boxes])

    def similarity(self, i: int, j: int) -> float:
        """Correlation of glyphs i and j, the best over shifts of a pixel each way."""
        key = (min(i, j), max(i, j))
        if key not in self._cache:
            self._cache[key] = _shifted_correlation(self._pictures[i], self._pictures[j])
        return self._cache[key]

    def likeness(self, i: int, digits: Mapping[int, str]) -> dict[str, float]:
        """For each digit among `digits` (position -> digit), glyph i's best similarity to
        the glyphs printed as it, glyph i itself left out."""
        best: dict[str, float] = {}
        for j, digit in digits.items():
            if j != i:
                best[digit] = max(best.get(digit, -1.0), self.similarity(i, j))
        return best

    def disown(self, read: str, number: str, position: int) -> bool:
        """`disowned` on a line already cut."""
        agreed = {j: d for j, (d, n) in enumerate(zip(read, number, strict=True)) if d == n}
        if not self.consistent(agreed):
            return False
        near = self.likeness(position, agreed)
        ocr_digit, code_digit = read[position], number[position]
        if ocr_digit not in near or near[ocr_digit] >= UNLIKE_BELOW:
            return False
        others = max((v for d, v in near.items() if d != ocr_digit), default=-1.0)
        return others >= near[ocr_digit] and near.get(code_digit, 1.0) >= near[ocr_digit]

    def consistent(self, digits: Mapping[int, str]) -> bool:
        """Each glyph of `digits` with a twin there is most like its own digit, by a margin."""
        for i, digit in digits.items():
            near = self.likeness(i, digits)
            if digit in near and near[digit] < max(
                    (v for d, v in near.items() if d != digit), default=-1.0) + CONSISTENT_BY:
                return False
        return True


def disowned(crop: Image.Image, read: str, number: str, position: int) -> bool:
    """True when the line's own glyphs say the digit OCR `read` at `position` is not that
    digit, so that it is no evidence against the code's `number` there."""
    glyphs = LineGlyphs.cut(crop, len(read))
    return glyphs is not None and glyphs.disown(read, number, position)


def glyph_boxes(gray: np.ndarray, length: int) -> list[tuple[int, int, int, int]] | None:
    """(left, top, right, bottom) of each of the line's `length` glyphs, left to right.

    Ink is what is darker than halfway between the line's ink and paper. The text band is
    the tallest run of inked rows (a code's bars reaching into the crop's margin are a
    shorter one); glyphs are the runs of inked columns in that band, a run as wide as two
    glyphs or more (touching digits) split at its faintest column, and each glyph's own
    rows taken where they meet the band, so a line left slightly slanted still cuts whole.
    """
    if gray.size == 0:
        return None
    ink_level = (float(np.percentile(gray, 1)) + float(np.percentile(gray, 95))) / 2
    dark = gray < ink_level
    per_row = dark.sum(axis=1)
    bands = runs(per_row >= max(2, 0.2 * float(per_row.max())))
    if not bands:
        return None
    top, bottom = max(bands, key=lambda band: band[1] - band[0])
    band = dark[top:bottom]
    per_column = band.sum(axis=0)
    speck = 0.005 * (bottom - top) ** 2
    pieces = [run for run in runs(per_column >= 2) if band[:, run[0]:run[1]].sum() > speck]
    while 0 < len(pieces) < length:
        widths = [right - left for left, right in pieces]
        widest = int(np.argmax(widths))
        left, right = pieces[widest]
        typical = float(np.median(widths))
        if right - left < 1.5 * typical:
            break
        inset = 0.3 if round((right - left) / typical) <= 2 else 0.2
        lo, hi = left + int((right - left) * inset), right - int((right - left) * inset)
        cut = lo + int(np.argmin(per_column[lo:hi])) if hi > lo else (left + right) // 2
        pieces[widest:widest + 1] = [(left, cut), (cut, right)]
    if len(pieces) != length:
        return None
    pad = max(2, (bottom - top) // 6)
    bridged = max(1, (bottom - top) // 10)  # a stroke a 1-bit threshold broke is still one
    outer_top, outer_bottom = max(0, top - pad), min(dark.shape[0], bottom + pad)
    boxes = []
    for left, right in pieces:
        rows = runs(np.asarray(dark[outer_top:outer_bottom, left:right].any(axis=1)),
                    gap=bridged)
        if not rows:
            return None
        first, last = max(rows, key=lambda r: min(r[1] + outer_top, bottom)
                          - max(r[0] + outer_top, top))
        boxes.append((left, first + outer_top, right, last + outer_top))
    heights = [box[3] - box[1] for box in boxes]
    typical = float(np.median(heights))
    if any(abs(h - typical) > _HEIGHT_SPREAD * typical for h in heights):
        return None  # a glyph cut short (a pale stroke) or grown by a speck: no fair judge
    return boxes


def _picture(glyph: Image.Image) -> np.ndarray:
    """The glyph's ink at a fixed height, centred on a fixed-width canvas and blurred.

    Its width keeps its proportion: a narrow 1 stretched to a fixed width would make a
    pixel more or less of its serif a different shape.
    """
    scale = _HEIGHT / max(1, glyph.height)
    width = max(1, min(_WIDTH, round(glyph.width * scale)))
    ink = 255.0 - np.asarray(glyph.resize((width, _HEIGHT), Image.Resampling.BILINEAR),
                             dtype=np.float64)
    canvas = np.zeros((_HEIGHT, _WIDTH), dtype=np.float64)
    left = (_WIDTH - width) // 2
    canvas[:, left:left + width] = ink - float(np.percentile(ink, 5))
    return np.asarray(Image.fromarray(canvas.clip(0, 255).astype(np.uint8))
                      .filter(ImageFilter.GaussianBlur(0.8)), dtype=np.float64)


def _shifted_correlation(a: np.ndarray, b: np.ndarray, shift: int = 1) -> float:
    best = -1.0
    height, width = a.shape
    for dy in range(-shift, shift + 1):
        for dx in range(-shift, shift + 1):
            x = a[max(0, dy):height + min(0, dy), max(0, dx):width + min(0, dx)]
            y = b[max(0, -dy):height + min(0, -dy), max(0, -dx):width + min(0, -dx)]
            x, y = x - x.mean(), y - y.mean()
            norm = float(np.linalg.norm(x) * np.linalg.norm(y))
            if norm:
                best = max(best, float((x * y).sum()) / norm)
    return best


def runs(flags: np.ndarray, gap: int = 0) -> list[tuple[int, int]]:
    """[start, end) of the runs of True, bridging gaps of up to `gap` False values."""
    index = np.flatnonzero(flags)
    if index.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(index) > gap + 1)
    starts = np.concatenate(([index[0]], index[breaks + 1]))
    ends = np.concatenate((index[breaks], [index[-1]])) + 1
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True)]
