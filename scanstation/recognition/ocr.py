"""The printed digit line: the blank number as a person reads it, read by Tesseract.

The collector's instruction says the number «указан в правом верхнем углу и представляет
собой комбинацию из 20 цифр»: it is printed beside the code, and it is what the operator
types when the code fails. So when the code cannot be read the line is still worth a
suggestion, and when it can, a confident line that says otherwise makes the page doubtful.

Engine: tesserocr (its wheels carry libtesseract for Linux and Windows), LSTM only, digits
only, one text line at a time, with the `eng` model of tessdata_fast shipped in
`resources/tessdata/` (4 MB, Apache-2.0), so it works offline and in the bundle. Measured
against RapidOCR (ONNX) in `benchmarks/ocr_engines.py`; figures in the README.

Finding the line: the page is turned upright (from the code's rotation when a code was
seen, else each way a scan can come), a region is cut out (around the code, or the
corner the profile puts the number in), straightened by the angle whose row profile is
sharpest, and split into bands of text rows; each band's runs of ink as long as
`length` digits are read, and the read with exactly `length` digits and the best
confidence wins. Ink is first what is darker than halfway between the region's darkest
ink and its paper; when no direction yields a whole line that way, a quarter of the way
from the paper, on a copy smoothed by a pixel: a line printed paler than the code or a
pen line across it is otherwise only specks (`_read_lines`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

from scanstation.paths import resources_dir
from scanstation.recognition.glyphs import LineGlyphs, runs
from scanstation.recognition.preprocessing import View, otsu

log = logging.getLogger(__name__)

_REFERENCE_SHORT_SIDE = 1654  # A4 at 200 dpi: 7.87 px per mm
# A digit read with less confidence than this is shown to the operator as unsure.
UNSURE_BELOW = 85.0
# A line contradicts a barcode only where the differing digits are read at least this sure.
CONTRADICTS_FROM = 95.0
_MAX_CANDIDATES = 6


@dataclass(frozen=True)
class DigitLine:
    """Digits read off the printed line, each with Tesseract's confidence (0–100)."""

    text: str
    confidences: tuple[float, ...]
    rotation: int  # clockwise turn that made the line upright
    crop: Image.Image | None = field(default=None, compare=False, repr=False)

    @property
    def unsure(self) -> tuple[int, ...]:
        """0-based positions of the digits the engine was not sure of."""
        return tuple(i for i, c in enumerate(self.confidences) if c < UNSURE_BELOW)

    def contradicts(self, number: str, min_digits: int = 1, glyphs_judge: bool = False
                    ) -> bool:
        """True when confidently read digits differ from `number`, and a second reading of
        the same line, binarised and scaled differently, reads the same digits there.

        The second pass runs only on a disagreement (rare), so it costs nothing on the
        pages where digits and code agree; it keeps one confident Tesseract slip (a 1 for
        a 7) from turning a good barcode read into a doubtful page. `min_digits`: how many
        digits must differ so (2 against a code that carries its own check: Tesseract was
        measured reading a clear serif 5 as 9 at 98 % confidence, twice). `glyphs_judge`:
        a differing digit the line's own glyphs disown (`glyphs.disowned`) does not count.
        """
        if len(self.text) != len(number):
            return False
        differing = [i for i, (a, b, c) in enumerate(
            zip(self.text, number, self.confidences, strict=True))
            if a != b and c >= CONTRADICTS_FROM]
        if glyphs_judge and self.crop is not None and differing:
            glyphs = LineGlyphs.cut(self.crop, len(self.text))  # once for every digit
            if glyphs is not None:
                differing = [i for i in differing
                             if not glyphs.disown(self.text, number, i)]
        if len(differing) < max(1, min_digits):
            return False
        if self.crop is None:
            return True
        again = _digits(_second_look(self.crop))
        return len(again) == len(number) and sum(
            again[i] == self.text[i] for i in differing) >= max(1, min_digits)


def voted_line(line: DigitLine) -> DigitLine | None:
    """`line` as a suggestion only when another look at its crop reads the same digits.

    Tesseract can be sure of a wrong digit (98 % on a 0 read as 9 beside a speck), so one
    read is not enough to put digits in front of an operator, who may press Enter on them.
    The crop is read again binarised at its Otsu level and 1.5 times the size: the first
    read stands when that reads exactly the same. When it reads a whole line of other
    digits, the looks disagree and there is no suggestion unless every grey look outvotes
    it (below): none is better than a wrong one. When it finds no whole line (a 1-bit
    page's ragged strokes), a copy softened by a pixel may confirm instead; that copy
    shares the first read's slips (on the tuning seeds it confirmed a 6 read as 0 and as 5
    that the Otsu look read right). A per-digit
    majority of the three was tried too: the two other looks share their slips often
    enough to outvote a right digit. Whichever confirmed it, copies at three quarters and
    at half the size must read the same digits as well (`_scaled`).

    When the Otsu look reads a whole line of other digits, that alone is weak evidence:
    binarising a grey scan has slips of its own (`_OTSU_OUTVOTED_BY`), so the first read
    still stands when every grey look agrees with it — the softened copy and copies at
    1.25 and 0.66 of the size, besides the ¾ and ½ ones.
    """
    if line.crop is None:
        return line
    second = _digits(_second_look(line.crop))
    if second != line.text:
        looks = _OTSU_OUTVOTED_BY if len(second) == len(line.text) else (_softened,)
        if any(_digits(look(line.crop)) != line.text for look in looks):
            return None
    for factor in (0.75, 0.5):
        if _digits(_scaled(line.crop, factor)) != line.text:
            return None
    return line


def _digits(look: Image.Image) -> str:
    """The digits Tesseract reads on another look at a line, confidences dropped."""
    return "".join(digit for digit, _ in TESSERACT.read(look))


def _scaled(crop: Image.Image, factor: float) -> Image.Image:
    """The line at `factor` of the size it is read at (digits ~36 px tall there).

    Both other looks are read as large as the first or larger, and at that size they share
    some of its slips: on tuning seed 3201 a clear leading 5 read as 3 and as 9, a 4 as 1,
    a serif 8 as 6, by the first read and the Otsu look alike; on seed 3202 a final 0 as 6.
    Three quarters of the size read four of those five right, half the size four; asking
    both to agree left no wrong suggestion on either seed, for one right one lost in 251.
    """
    return crop.convert("L").resize((round(crop.width * factor), round(crop.height * factor)),
                                    Image.Resampling.BICUBIC)


def _softened(crop: Image.Image) -> Image.Image:
    """The line blurred by one pixel: ragged 1-bit strokes become whole again."""
    return crop.convert("L").filter(ImageFilter.GaussianBlur(1.0))


# What outvotes the Otsu look when it reads a whole line of other digits: the softened
# copy and grey copies at 1.25 and 0.66 of the size must all read the first read's digits
# (and the ¾ and ½ copies, as always). On tuning seeds 3401-3403 (359 legible lines with a
# whole first read) the Otsu look was right on 327, each grey look on 346-353: on clean
# grey scans (JPEG, streaks) it read a plain 0 as 6 or 9 on 17 lines every grey look read
# right, and binarised at other sizes (1×, ¾) it slipped on the same lines. So its
# dissent alone cost a right suggestion on one legible line in twenty. The softened copy
# alone would overrule it too easily: it shares the first read's slips (a 9 read as 8
# there by it and the ¾ copy, only the Otsu look and the ½ copy right); with the 1.25×
# copy (an upscale, unlike the others) and the 0.66× one, each wrong first read of a
# legible line that got this far kept two looks against it (one line a pen stroke crossed
# kept one, the ½ copy).
_OTSU_OUTVOTED_BY: tuple[Callable[[Image.Image], Image.Image], ...] = (
    _softened,
    lambda crop: _scaled(crop, 1.25),
    lambda crop: _scaled(crop, 0.66),
)


class _Tesseract:
    """One tesserocr API per process, created on first use; None when it cannot load."""

    def __init__(self) -> None:
        self._api: Any = None
        self._failed = False
        self._lock = threading.Lock()

    def available(self) -> bool:
        with self._lock:
            return self._load() is not None

    def _load(self) -> Any:
        if self._api is None and not self._failed:
            try:
                import tesserocr

                api = tesserocr.PyTessBaseAPI(
                    path=str(tessdata_dir()), lang="eng",
                    psm=tesserocr.PSM.SINGLE_LINE, oem=tesserocr.OEM.LSTM_ONLY)
                api.SetVariable("tessedit_char_whitelist", "0123456789")
                api.SetVariable("tessedit_do_invert", "0")
                api.SetVariable("classify_bln_numeric_mode", "1")
                self._api = api
            except (ImportError, OSError, RuntimeError) as exc:
                log.warning("OCR unavailable, printed digits not read: %s", exc)
                self._failed = True
        return self._api

    def read(self, image: Image.Image) -> list[tuple[str, float]]:
        """(digit, confidence) for every symbol Tesseract finds on the one-line image."""
        with self._lock:
            api = self._load()
            if api is None:
                return []
            import tesserocr

            # Raw 8-bit rows: SetImage would encode a BMP in Python first (~3 ms a line).
            gray = np.ascontiguousarray(np.asarray(image.convert("L")))
            api.SetImageBytes(gray.tobytes(), gray.shape[1], gray.shape[0], 1, gray.shape[1])
            found: list[tuple[str, float]] = []
            if not api.GetUTF8Text().strip():
                return found  # nothing recognised: the iterator would have no text
            iterator = api.GetIterator()
            level = tesserocr.RIL.SYMBOL
            for symbol in tesserocr.iterate_level(iterator, level):
                try:
                    text = symbol.GetUTF8Text(level) or ""
                except RuntimeError:  # a symbol box without text
                    continue
                confidence = float(symbol.Confidence(level))
                found.extend((char, confidence) for char in text if char.isdigit())
            return found

    def version(self) -> str:
        import tesserocr

        return str(tesserocr.tesseract_version().split()[1])


TESSERACT = _Tesseract()


def tessdata_dir() -> Any:
    return resources_dir() / "tessdata"


def read_digit_line(gray: np.ndarray, length: int, rotation: int | None = None,
                    near: tuple[float, float] | None = None,
                    skew: float | None = None, again: bool = False) -> DigitLine | None:
    """The `length`-digit line printed near the code, or None when none reads as such.

    `rotation`: the clockwise turn that makes the page upright, when a code said so;
    `near`: the code's centre in page pixels (the line is searched around it);
    `skew`: the code's small angle in degrees, when known (narrows the straightening);
    `again`: when no direction yields a whole line, look once more, paler and strip by
    strip (`_read_lines`), and when that fails too, read the crops that missed the length
    by a digit or two again softened (`_mended`). Only for a suggestion: beside a read code
    the paler look turned a right read ambiguous and cost every page whose line is not
    found (tuning seed 3201).
    """
    if gray.ndim != 2 or min(gray.shape) < 64 or not TESSERACT.available():
        return None
    turns = (rotation,) if rotation is not None else _likely_turns(gray)
    regions: dict[int, _Region | None] = {}
    best: DigitLine | None = None
    near_misses: list[tuple[int, Image.Image]] = []
    for pale in (False, True) if again else (False,):
        for turn in turns:
            if turn not in regions:
                point = _turn_point(near, gray.shape, turn) if near is not None else None
                regions[turn] = _region(_turn(gray, turn), point, skew)
            region = regions[turn]
            if region is None:
                continue
            for line in _read_lines(region, length, turn, pale, near_misses):
                if best is None or _mean(line) > _mean(best):
                    best = line
            if best is not None and not best.unsure:
                return best  # every digit sure: no other direction will do better
        if best is not None:
            break  # the pale threshold is for lines the usual one does not find at all
    return best if best is not None or not again else _mended(near_misses, length)


def _mended(near_misses: list[tuple[int, Image.Image]], length: int) -> DigitLine | None:
    """The best line among crops that were read with one or two digits too many or too
    few, read again softened by a pixel (`_softened`); the softened copy is the line's
    crop from then on, so it faces every look `voted_line` asks for like any first read.

    A 1-bit scan's ragged stroke splits one digit in two or loses one: on tuning seed 3403
    a broken 4 read as «43» and the softened copy read the line right. Tried only when no
    crop in any direction reads whole as it is: when it was tried on every near miss, on
    the same seeds a softened crop of a 1-bit line outranked the right read of another
    crop with a wrong one (which the looks then refused: a right suggestion lost). A crop
    missing the length by more is not a line to mend.
    """
    best: DigitLine | None = None
    for turn, crop in near_misses:
        softened = _softened(crop)
        symbols = TESSERACT.read(softened)
        if len(symbols) == length:
            line = _digit_line(symbols, turn, softened)
            if best is None or _mean(line) > _mean(best):
                best = line
    return best


def _second_look(crop: Image.Image) -> Image.Image:
    """The same line thresholded at its Otsu level and 1.5 times the size."""
    binary = Image.fromarray(otsu(View(np.asarray(crop.convert("L")))).pixels)
    return binary.resize((round(crop.width * 1.5), round(crop.height * 1.5)),
                         Image.Resampling.BILINEAR)


def _mean(line: DigitLine) -> float:
    return sum(line.confidences) / max(1, len(line.confidences))


def _likely_turns(gray: np.ndarray) -> tuple[int, ...]:
    """Upright and upside down for a portrait scan; 90° and 270° for a landscape one (a
    portrait blank fed turned by a quarter comes out landscape)."""
    return (90, 270) if gray.shape[1] > gray.shape[0] else (0, 180)


def _turn(gray: np.ndarray, turn: int) -> np.ndarray:
    """The page turned clockwise by `turn` degrees."""
    return np.rot90(gray, k=-(turn // 90) % 4)


def _turn_point(point: tuple[float, float], shape: tuple[int, ...], turn: int
                ) -> tuple[float, float]:
    x, y = point
    height, width = shape
    for _ in range(turn // 90 % 4):
        x, y = height - 1 - y, x  # one clockwise quarter turn
        height, width = width, height
    return x, y


@dataclass(frozen=True)
class _Region:
    """Where the line is searched on the upright page, straightened, with its levels."""

    image: Image.Image
    ink: float
    paper: float
    mm: float  # pixels per millimetre


def _region(upright: np.ndarray, near: tuple[float, float] | None,
            skew: float | None) -> _Region | None:
    height, width = upright.shape
    mm = min(height, width) / _REFERENCE_SHORT_SIDE * 7.874
    if near is not None:
        x0, x1 = int(near[0] - 60 * mm), int(near[0] + 60 * mm)
        y0, y1 = int(near[1] - 8 * mm), int(near[1] + 28 * mm)  # the line is under the code
    else:
        x0, x1, y0, y1 = int(width * 0.35), width, 0, int(height * 0.2)
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(width, x1), min(height, y1)
    if x1 - x0 < 40 * mm or y1 - y0 < 10 * mm:
        return None
    region = Image.fromarray(np.ascontiguousarray(upright[y0:y1, x0:x1]))
    levels = np.asarray(region)[::2, ::2]
    ink, paper = float(np.percentile(levels, 0.2)), float(np.percentile(levels, 95))
    if paper - ink < 40:
        return None
    region = _straighten(region, ink + 0.5 * (paper - ink), paper, skew)
    return _Region(region, ink, paper, mm)


def _read_lines(region: _Region, length: int, turn: int, pale: bool,
                near_misses: list[tuple[int, Image.Image]] | None = None
                ) -> Iterator[DigitLine]:
    """The region's candidate lines read with exactly `length` digits.

    The usual ink threshold is halfway between the region's darkest ink and its paper. The
    darkest ink there is the code's or a pen line's, and a digit line printed in pale toner
    (or thinned by the scanner's blur) stays lighter than that halfway level, so only
    specks of it count as ink and no text row is found. `pale`: the threshold a quarter
    of the way from paper instead, on a copy smoothed by a pixel so that sensor noise does
    not cross it, with rows also split strip by strip (`_line_crops`); tried only when
    the usual one finds no whole line in any direction.
    `near_misses`: gets (turn, crop) of each crop read with one or two digits too many or
    too few, for `_mended`.
    """
    level = 0.75 if pale else 0.5
    mid = region.ink + level * (region.paper - region.ink)
    for crop in _line_crops(region.image, mid, length, region.mm, again=pale)[:_MAX_CANDIDATES]:
        symbols = TESSERACT.read(crop)
        if near_misses is not None and 0 < abs(len(symbols) - length) <= 2:
            near_misses.append((turn, crop))
        if len(symbols) == length:
            yield _digit_line(symbols, turn, crop)


def _digit_line(symbols: list[tuple[str, float]], turn: int, crop: Image.Image) -> DigitLine:
    """Tesseract's symbols on `crop` as a line, confidences to a tenth."""
    return DigitLine("".join(s for s, _ in symbols), tuple(round(c, 1) for _, c in symbols),
                     turn, crop)


def _straighten(region: Image.Image, mid: float, paper: float,
                skew: float | None = None) -> Image.Image:
    """The region turned by the small angle (±5°) at which its text rows are sharpest.

    With the code's `skew` known, only angles near it (either sign) are tried.
    """
    small = region.reduce(3)
    mask = Image.fromarray(((np.asarray(small) < mid) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        turned = np.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST)) > 0
        rows = turned.sum(axis=1).astype(np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    if skew is not None and abs(skew) <= 6.0:
        tried = {0.0, *(round(s * skew + d, 2) for s in (-1, 1) for d in (-0.5, 0.0, 0.5))}
        best = max(sorted(tried), key=sharpness)
    else:
        best = max(np.arange(-5.0, 5.5, 1.0), key=sharpness)
        best = max(np.arange(best - 0.5, best + 0.75, 0.5), key=sharpness)
    if abs(best) < 0.2:
        return region
    return region.rotate(float(best), resample=Image.Resampling.BILINEAR, fillcolor=int(paper))


def _line_crops(region: Image.Image, mid: float, length: int, mm: float,
                again: bool = False) -> list[Image.Image]:
    """Runs of ink on one text row as long as `length` printed digits, ready for Tesseract.

    `again`: the look for a line the usual one did not find. Ink is then found on a copy
    blurred by a pixel (the threshold is near the paper), and text rows are also split
    within strips 40 mm wide: across the whole region a row of the title beside the code
    (the «1» of «№ 1») fills the 1 mm gap between a 2-D code and the digits under it, and
    the two become one band too tall for a text row.
    """
    located = region.filter(ImageFilter.BoxBlur(1)) if again else region
    dark = np.asarray(located) < mid
    height, width = dark.shape
    min_h, max_h = int(1.2 * mm), int(6.5 * mm)
    strips = [(0, width)]
    if again:
        strip, step = int(40 * mm), int(20 * mm)
        strips += [(x, min(width, x + strip)) for x in range(0, max(1, width - step), step)]
    bands: set[tuple[int, int]] = set()
    for x0, x1 in strips:
        per_row = dark[:, x0:x1].sum(axis=1)
        text_row = per_row >= max(2, int(0.004 * (x1 - x0)))
        bands.update((top, bottom) for top, bottom in runs(text_row, gap=1)
                     if min_h <= bottom - top <= max_h)
    crops: list[tuple[float, Image.Image]] = []
    for top, bottom in sorted(bands):
        columns: np.ndarray = np.asarray(dark[top:bottom].any(axis=0))
        for left, right in runs(columns, gap=int(2.2 * mm)):
            run = right - left
            if not length * 1.1 * mm <= run <= length * 3.4 * mm:
                continue
            pad = int(1.5 * mm)
            box = (max(0, left - pad), max(0, top - pad), min(width, right + pad),
                   min(height, bottom + pad))
            if again and _crossed(dark[box[1]:box[3], box[0]:box[2]], box[3] - bottom):
                continue  # a line drawn through the digits: it turns one into another
            crop = region.crop(box)
            scale = max(1.0, 36.0 / max(1, bottom - top))
            if scale > 1.05:
                crop = crop.resize((round(crop.width * scale), round(crop.height * scale)),
                                   Image.Resampling.BICUBIC)
            # Lines of even, dense ink first: digits are; a code's bars or a title less so.
            crops.append((-(bottom - top) / max(1, run), crop))
    crops.sort(key=lambda item: item[0])
    return [crop for _, crop in crops]


def _crossed(dark: np.ndarray, below: int) -> bool:
    """Whether a line runs through the digits: a column inked over nearly the whole padded
    crop (a streak the page's clean-up left, which made a 1 read as 2), or ink in the
    margin under the row (a pen stroke crossing it, which made a 6 read as 4). No digit
    reaches into that margin; the code above may reach into the upper one."""
    if dark.shape[0] == 0 or dark.shape[1] == 0:
        return False
    if (dark.mean(axis=0) >= 0.9).any():
        return True
    margin = dark[dark.shape[0] - below:] if below > 0 else dark[:0]
    return bool(margin.size and margin.mean() > 0.003)


@lru_cache(maxsize=1)
def engine_name() -> str:
    """«tesseract 5.5.x» for reports; «unavailable» when it cannot load."""
    if not TESSERACT.available():
        return "unavailable"
    return f"tesseract {TESSERACT.version()}"
