"""Realistic automatic-document-feeder scans of answer blanks, for benchmarks and tests.

A page is "printed" at a fine resolution with `scanstation.samples.render_blank` (real
Code 128 / ITF / QR / DataMatrix / PDF417 symbols), marked by hand (pen strokes), fed
skewed or turned, then "scanned": downsampled to 200 dpi (or to 150 dpi and resampled back
to 200, as a misconfigured station does), blurred by the optics, darkened by paper tone,
crossed by vertical streaks from dirty feeder glass, noised by the sensor, and saved as
low-quality JPEG or thresholded to 1 bit. Everything is drawn from one seed, so a page can
be generated again by its index.

Use:
    from benchmarks.pagegen import scan_page, generate_pages
    image, number, difficulty = scan_page(seed=7, difficulty="hard")
    for sample in generate_pages(100, seed=1): ...   # ScanSample with every detail

Difficulty labels:
    realistic  what a station sees every day: gray or 1-bit, JPEG 40-85, mild noise and
               blur, skew up to ±3°, upside-down and 90° pages, on a quarter of them 1-3
               feeder streaks 1-3 px wide (often across the code), some publisher EAN-13
               codes elsewhere on the page
    hard       a realistic page plus one or two bad things (`SEVERE`): 150-dpi resampled,
               dark streaks across the code, light streaks (a scratch) across it, a pen
               stroke across it (thick over 1-D codes, ballpoint over 2-D ones), a thick
               pen line across the lower part of the code, heavy noise, heavy blur, skew
               of 3.5-5°, JPEG 15-30

Every blank carries its number printed under the code, by a print model drawn per page:
a DejaVu typeface (sans, mono, serif, condensed, bold), 2.6-4.0 mm, black or pale toner;
it then suffers the page's skew, blur, noise and format like everything else. Whether a
person could still read it is recorded per page (`ScanSample.digits_legible`).
    extreme    three to five of those at once: reported, no target
    refusal    pages that must NOT yield a number: no code, a code of the wrong length,
               only a publisher's EAN-13
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

from scanstation.samples import (
    SYMBOLOGIES,
    DigitPrint,
    barcode_image,
    digit_line_box,
    mm_to_px,
    render_blank,
)

SCAN_DPI = 200
DIFFICULTIES = ("realistic", "hard", "extreme", "refusal")
# Mix of a benchmark run: mostly everyday pages, a good share of bad ones, a few refusals.
DEFAULT_MIX = {"realistic": 0.55, "hard": 0.3, "extreme": 0.05, "refusal": 0.1}
# What makes a page hard; a hard page has one or two of these, an extreme one 3-5.
SEVERE = ("150dpi", "streak-across-code", "light-streak", "pen-stroke", "pen-line-2d",
          "heavy-noise", "heavy-blur", "strong-skew", "low-jpeg")
# How the digit line under the code may be printed: typefaces, sizes, toner.
DIGIT_FACES = ("DejaVuSans", "DejaVuSansMono", "DejaVuSerif", "DejaVuSansCondensed",
               "DejaVuSans-Bold")


@dataclass
class ScanSample:
    """One generated scan and everything needed to judge a reader on it."""

    image: Image.Image
    number: str | None  # what a perfect reader returns; None: the page must be refused
    difficulty: str
    symbology: str | None
    rotation: int  # clockwise degrees that make the scan upright
    defects: tuple[str, ...] = field(default=())
    seed: int = 0
    severe: tuple[str, ...] = field(default=())  # the `SEVERE` defects this page got
    # Whether a person can read the printed digit line (`_digits_legible`); None: no line.
    digits_legible: bool | None = None

    def as_tuple(self) -> tuple[Image.Image, str | None, str]:
        return self.image, self.number, self.difficulty


def scan_page(seed: int, difficulty: str = "realistic") -> tuple[Image.Image, str | None, str]:
    """(scan, expected number or None, difficulty): the short form other benchmarks use."""
    return make_sample(seed, difficulty).as_tuple()


def generate_pages(count: int, seed: int = 0,
                   mix: dict[str, float] | None = None) -> Iterator[ScanSample]:
    """`count` pages whose difficulties follow `mix` exactly (rounded), interleaved."""
    weights = mix or DEFAULT_MIX
    labels: list[str] = []
    for label, share in weights.items():
        labels += [label] * round(count * share)
    labels = (labels + ["realistic"] * count)[:count]
    random.Random(seed).shuffle(labels)
    for index, label in enumerate(labels):
        yield make_sample(seed * 100_000 + index, label)


def random_number(rng: random.Random, length: int = 20) -> str:
    """A blank number shaped like the default profile's: kit, serial, page."""
    if length != 20:
        return "".join(rng.choice("0123456789") for _ in range(length))
    kit = rng.randint(1, 999_999)
    return f"{kit:06d}{rng.randint(0, 10**12 - 1):012d}{rng.randint(1, 20):02d}"


def make_sample(seed: int, difficulty: str) -> ScanSample:
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty {difficulty!r}")
    rng = random.Random(seed)
    defects: list[str] = []
    symbology: str | None = rng.choice(SYMBOLOGIES)
    number: str | None = random_number(rng)
    with_code = True
    printed = number
    if difficulty == "refusal":
        kind = rng.choice(("no-code", "wrong-length", "ean13-only"))
        defects.append(kind)
        if kind == "no-code":
            with_code, symbology = False, None
        elif kind == "wrong-length":
            # ITF holds digit pairs only: odd lengths are not printable in it.
            lengths = (12, 14, 18, 22) if symbology == "ITF" else (12, 13, 18, 19, 21, 22)
            printed = random_number(rng, rng.choice(lengths))
        else:
            with_code, symbology = False, None
        number = None
    severe = _severe_defects(rng, difficulty)
    print_dpi = rng.choice((250, 300))  # module sizes differ a little between printers
    digits = DigitPrint(rng.choice(DIGIT_FACES), rng.uniform(2.6, 4.0),
                        rng.choice((0, 0, 20, 50, 90)))
    page = render_blank(printed or "0" * 20, symbology or "Code128", dpi=print_dpi,
                        title="БЛАНК ОТВЕТОВ № 1", with_code=with_code, digits=digits)
    _handwriting(page, rng, print_dpi)
    strokes: list[tuple[list[tuple[int, int]], int]] = []
    if (difficulty == "refusal" and defects[0] == "ean13-only") or rng.random() < 0.15:
        _publisher_ean13(page, rng, print_dpi)
        defects.append("ean13")
    if "pen-stroke" in severe and with_code:
        strokes.append(_pen_stroke_across_code(page, rng, print_dpi, symbology or "Code128",
                                               thick_over_2d=difficulty == "extreme"))
        defects.append("pen-stroke")
    if "pen-line-2d" in severe and with_code:
        strokes.append(_pen_line_lower_2d(page, rng, print_dpi, symbology or "Code128"))
        defects.append("pen-line-2d")

    rotation = rng.choices((0, 180, 90, 270), weights=(70, 20, 5, 5))[0]
    if rotation:
        defects.append(f"turned-{rotation}")
        # The sheet went in turned: rotating it counter-clockwise by `rotation` means the
        # scan needs `rotation` degrees clockwise to be upright.
        page = page.rotate(rotation, expand=True)
    if "strong-skew" in severe:
        skew = rng.choice((-1, 1)) * rng.uniform(3.5, 5.0)
    else:
        skew = rng.uniform(-3.0, 3.0)
    if abs(skew) > 0.3:
        defects.append(f"skew{skew:+.1f}")
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False,
                           fillcolor=255)

    scan_dpi = SCAN_DPI
    if "150dpi" in severe:
        scan_dpi = 150
        defects.append("150dpi")
    size = (round(page.width * scan_dpi / print_dpi), round(page.height * scan_dpi / print_dpi))
    scan = page.resize(size, Image.Resampling.BOX)
    heavy_blur = "heavy-blur" in severe
    blur = rng.uniform(1.0, 1.4) if heavy_blur else rng.uniform(0.3, 0.9)
    if heavy_blur:
        defects.append(f"blur{blur:.1f}")
    scan = scan.filter(ImageFilter.GaussianBlur(blur))
    if scan_dpi != SCAN_DPI:
        final = (round(page.width * SCAN_DPI / print_dpi),
                 round(page.height * SCAN_DPI / print_dpi))
        scan = scan.resize(final, Image.Resampling.BILINEAR)

    pixels = np.asarray(scan, dtype=np.float32)
    paper = rng.uniform(215, 250)
    ink = rng.uniform(25, 80)
    pixels = ink + pixels * (paper - ink) / 255.0
    pixels = _streaks(pixels, rng, "streak-across-code" in severe, defects, rotation)
    if "light-streak" in severe:
        pixels = _light_streaks(pixels, rng, defects, rotation)
    noisy = "heavy-noise" in severe
    sigma = rng.uniform(10, 18) if noisy else rng.uniform(2, 8)
    np_rng = np.random.default_rng(seed)
    pixels = pixels + np_rng.normal(0.0, sigma, pixels.shape)
    if noisy:
        defects.append(f"noise{sigma:.0f}")
        speckle = np_rng.random(pixels.shape) < 0.002
        pixels[speckle] = np_rng.choice([0.0, 255.0], size=int(speckle.sum()))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    image = _output_format(image, rng, "low-jpeg" in severe, defects)
    legible = None
    if with_code and printed is not None:
        box = digit_line_box(printed, symbology or "Code128", print_dpi, digits)
        covered = any(_crosses(points, width, box) for points, width in strokes)
        threshold = next((int(d[4:]) for d in defects if d.startswith("1bit")), None)
        legible = not covered and _digits_legible(digits, blur, scan_dpi, paper, ink, sigma,
                                                  threshold)
    return ScanSample(image, number, difficulty, symbology, rotation, tuple(defects), seed,
                      tuple(sorted(severe)), legible)


def _crosses(points: list[tuple[int, int]], width: int,
             box: tuple[float, float, float, float]) -> bool:
    """Whether a pen line (two points, `width` px) covers part of the digit line's box."""
    (xa, ya), (xb, yb) = points
    left, top, right, bottom = box
    reach = width / 2
    for i in range(201):
        x, y = xa + (xb - xa) * i / 200, ya + (yb - ya) * i / 200
        if left - reach <= x <= right + reach and top - reach <= y <= bottom + reach:
            return True
    return False


def _digits_legible(digits: DigitPrint, blur: float, scan_dpi: int, paper: float, ink: float,
                    sigma: float, threshold: int | None) -> bool:
    """Whether a person can read the printed digits on the scan: the honest denominator of
    «a right suggestion on the unread pages whose digits a person can read».

    A stroke (about a tenth of the type size, half as much again in bold) keeps
    erf(w / 2√2σ) of its contrast under the scanner's blur σ. Its grey level must then
    stand clear of the sensor noise (three σ) on a grey page, and stay dark of the
    threshold on a 1-bit page, or pale toner drops out of the scan altogether.
    """
    stroke_mm = digits.size_mm * (0.15 if "Bold" in digits.face else 0.1)
    width_px = stroke_mm / 25.4 * scan_dpi
    kept = math.erf(width_px / (2 * math.sqrt(2) * max(blur, 0.1)))
    level = ink + digits.fill / 255 * (paper - ink)
    stroke = paper - kept * (paper - level)
    if threshold is not None:
        return stroke < threshold - 10
    return paper - stroke >= max(30.0, 3 * sigma)


def _handwriting(page: Image.Image, rng: random.Random, dpi: int) -> None:
    """Crosses and scribbles in the answer fields, away from the code."""
    draw = ImageDraw.Draw(page)
    top = mm_to_px(60, dpi)
    for _ in range(rng.randint(5, 25)):
        x = rng.randint(mm_to_px(25, dpi), page.width - mm_to_px(20, dpi))
        y = rng.randint(top, page.height - mm_to_px(30, dpi))
        size = mm_to_px(4, dpi)
        draw.line((x, y, x + size, y + size), fill=rng.randint(20, 90), width=3)
        draw.line((x + size, y, x, y + size), fill=rng.randint(20, 90), width=3)


def _publisher_ean13(page: Image.Image, rng: random.Random, dpi: int) -> None:
    """A publisher's EAN-13 in the bottom margin: a real code that is not a blank number."""
    digits = "".join(rng.choice("0123456789") for _ in range(12))
    symbol = zxingcpp.create_barcode(digits, zxingcpp.BarcodeFormat.EAN13)
    raw = Image.fromarray(np.asarray(symbol.to_image(scale=1, add_quiet_zones=True))).convert("L")
    scale = max(1, mm_to_px(0.33, dpi))
    code = raw.resize((raw.width * scale, mm_to_px(15, dpi)), Image.Resampling.NEAREST)
    x = rng.randint(mm_to_px(15, dpi), page.width // 2)
    page.paste(code, (x, page.height - mm_to_px(12, dpi) - code.height))


def _pen_stroke_across_code(page: Image.Image, rng: random.Random, dpi: int,
                            symbology: str, thick_over_2d: bool
                            ) -> tuple[list[tuple[int, int]], int]:
    """A pen line right through the code, as a careless tick or a signature.

    Over a 1-D code the line is thick (0.6-1.2 mm, a felt-tip): the bars it misses stay
    readable. A full-height thick line over a small 2-D symbol wipes out more codewords
    than its error correction can restore (tried: nothing reads most of them), so on
    "hard" pages a 2-D code gets a ballpoint line (0.3-0.5 mm) and the thick one only on
    "extreme" pages.
    """
    code = barcode_image("0" * 20, symbology, dpi)
    margin = mm_to_px(12, dpi)
    x0, y0 = page.width - margin - code.width, margin
    x1, y1 = x0 + code.width, y0 + code.height
    thick = symbology in ("Code128", "ITF") or thick_over_2d
    width = mm_to_px(rng.uniform(0.6, 1.2) if thick else rng.uniform(0.3, 0.5), dpi)
    fill = rng.randint(30, 110)
    if symbology in ("Code128", "ITF"):
        # Across the bars at a shallow angle: the rows it misses stay readable.
        ya = rng.randint(y0 + code.height // 4, y1 - code.height // 4)
        yb = ya + rng.randint(-code.height // 4, code.height // 4)
        points = [(x0 - margin // 2, ya), (x1 + margin // 2, yb)]
    else:
        # A 2-D code relies on its error correction: one stroke, any direction.
        points = [(x0 + rng.randint(0, code.width), y0 - margin // 3),
                  (x0 + rng.randint(0, code.width), y1 + margin // 3)]
    ImageDraw.Draw(page).line(points, fill=fill, width=width)
    return points, width


def _pen_line_lower_2d(page: Image.Image, rng: random.Random, dpi: int,
                       symbology: str) -> tuple[list[tuple[int, int]], int]:
    """A thick pen line across the lower part of the code (felt-tip, 0.6-1.0 mm).

    Over a 2-D code it crosses the lower third, where error correction must make up for
    it; over a 1-D code it runs along the bars' lower ends, as a careless underline does.
    """
    code = barcode_image("0" * 20, symbology, dpi)
    margin = mm_to_px(12, dpi)
    x0, y0 = page.width - margin - code.width, margin
    ya = y0 + round(code.height * rng.uniform(0.68, 0.9))
    yb = ya + rng.randint(-code.height // 10, code.height // 10)
    width = mm_to_px(rng.uniform(0.6, 1.0), dpi)
    points = [(x0 - margin // 3, ya), (x0 + code.width + margin // 3, yb)]
    ImageDraw.Draw(page).line(points, fill=rng.randint(30, 110), width=width)
    return points, width


def _light_streaks(pixels: np.ndarray, rng: random.Random, defects: list[str],
                   rotation: int) -> np.ndarray:
    """Light vertical lines (a scratch, a dead sensor element): ink turns pale along them.

    The first one crosses the code's column band, like the dark streaks of "hard" pages.
    """
    width = pixels.shape[1]
    count = rng.randint(1, 3)
    for i in range(count):
        x = _streak_column(rng, width, rotation, across_code=i == 0)
        thickness = rng.randint(1, 3)
        lift = rng.uniform(0.5, 0.9)
        band = pixels[:, x:x + thickness]
        pixels[:, x:x + thickness] = band + (pixels.max() - band) * lift
    defects.append(f"light-streaks{count}")
    return pixels


def _streak_column(rng: random.Random, width: int, rotation: int, across_code: bool) -> int:
    """A streak's column: across the code's column band (wherever the turn put the code),
    or anywhere on the page."""
    if not across_code:
        return rng.randint(0, width - 4)
    lo, hi = ((int(width * 0.62), int(width * 0.9)) if rotation in (0, 270)
              else (int(width * 0.1), int(width * 0.38)))
    return rng.randint(lo, hi)


def _severe_defects(rng: random.Random, difficulty: str) -> set[str]:
    """Hard pages suffer one or two of the bad things, extreme pages three to five at once."""
    if difficulty == "hard":
        return set(rng.sample(SEVERE, rng.choice((1, 1, 2))))
    if difficulty == "extreme":
        return set(rng.sample(SEVERE, rng.randint(3, 5)))
    return set()


def _streaks(pixels: np.ndarray, rng: random.Random, hard: bool, defects: list[str],
             rotation: int) -> np.ndarray:
    """Vertical lines down the whole scan: dust on the feeder glass darkens fixed columns.

    `hard`: a dark streak is sure to cross the code's column band, wherever the turn put it.
    """
    width = pixels.shape[1]
    chance = 1.0 if hard else 0.25
    if rng.random() >= chance:
        return pixels
    count = rng.randint(1, 4) if hard else rng.randint(1, 3)
    # On an everyday page a streak crosses the code now and then, as dust falls.
    across = hard or rng.random() < 0.4
    for i in range(count):
        x = _streak_column(rng, width, rotation, across_code=across and i == 0)
        thickness = rng.randint(1, 3)
        darkness = rng.uniform(0.35, 0.75) if hard else rng.uniform(0.55, 0.93)
        pixels[:, x:x + thickness] *= darkness
    defects.append(f"streaks{count}")
    return pixels


def _output_format(image: Image.Image, rng: random.Random, low_jpeg: bool,
                   defects: list[str]) -> Image.Image:
    """The station saves gray JPEG or LZW TIFF, or the scanner sends 1-bit pages."""
    kind = "jpeg" if low_jpeg else rng.choices(("jpeg", "gray", "bw"), weights=(55, 20, 25))[0]
    if kind == "jpeg":
        quality = rng.randint(15, 30) if low_jpeg else rng.randint(40, 85)
        defects.append(f"jpeg{quality}")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality)
        buffer.seek(0)
        loaded = Image.open(buffer)
        loaded.load()
        return loaded
    if kind == "bw":
        threshold = rng.randint(110, 150)
        defects.append(f"1bit{threshold}")
        return image.point(lambda v: 255 if v > threshold else 0).convert("1")
    defects.append("gray")
    return image
