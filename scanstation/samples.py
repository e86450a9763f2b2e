"""Sample answer blanks with real barcodes, for the demo feeder, the self-check and tests.

A blank is an A4 page with the 20-digit blank number as a barcode in the top-right corner,
the number printed under it, a title and answer fields, drawn at the requested dpi.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

A4_MM = (210.0, 297.0)
SYMBOLOGIES = ("Code128", "ITF", "QRCode", "DataMatrix", "PDF417")
_FORMATS = {
    "Code128": zxingcpp.BarcodeFormat.Code128,
    "ITF": zxingcpp.BarcodeFormat.ITF,
    "QRCode": zxingcpp.BarcodeFormat.QRCode,
    "DataMatrix": zxingcpp.BarcodeFormat.DataMatrix,
    "PDF417": zxingcpp.BarcodeFormat.PDF417,
}
# Module size in mm: 0.33 mm for 1-D codes, 0.5 mm for 2-D codes — ordinary print sizes.
_MODULE_MM = {"Code128": 0.33, "ITF": 0.3, "QRCode": 0.5, "DataMatrix": 0.5, "PDF417": 0.35}


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


def a4_size(dpi: int) -> tuple[int, int]:
    return mm_to_px(A4_MM[0], dpi), mm_to_px(A4_MM[1], dpi)


@lru_cache(maxsize=32)
def _font(size: int, face: str = "DejaVuSans") -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in (f"{face}.ttf", f"/usr/share/fonts/truetype/dejavu/{face}.ttf",
                 "DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "arial.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


@dataclass(frozen=True)
class DigitPrint:
    """How the number's digits are printed under the code: typeface, size, toner."""

    face: str = "DejaVuSans"  # a DejaVu face: DejaVuSans, DejaVuSansMono, DejaVuSerif, ...
    size_mm: float = 3.2
    fill: int = 0  # grey level of the toner (0 black)


def barcode_image(text: str, symbology: str = "Code128", dpi: int = 200) -> Image.Image:
    """The symbol alone, black on white, one module = a whole number of pixels."""
    symbol = zxingcpp.create_barcode(text, _FORMATS[symbology])
    raw = np.asarray(symbol.to_image(scale=1, add_quiet_zones=True))
    scale = max(1, round(mm_to_px(_MODULE_MM[symbology], dpi)))
    image = Image.fromarray(raw).convert("L")
    width, height = image.size
    if symbology in ("Code128", "ITF"):
        bar_height = mm_to_px(10, dpi)  # 1-D: stretch rows to a 10 mm bar height
        return image.resize((width * scale, bar_height), Image.Resampling.NEAREST)
    return image.resize((width * scale, height * scale), Image.Resampling.NEAREST)


def render_blank(
    number: str,
    symbology: str = "Code128",
    dpi: int = 200,
    title: str = "БЛАНК ОТВЕТОВ",
    subtitle: str = "",
    with_code: bool = True,
    digits: DigitPrint | None = None,
) -> Image.Image:
    """An upright grayscale A4 blank at `dpi` with `number` as a barcode top-right.

    The number is also printed under the code (`digits` says how), kept inside the page.
    """
    width, height = a4_size(dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    margin = mm_to_px(12, dpi)
    if with_code:
        code = barcode_image(number, symbology, dpi)
        page.paste(code, (width - margin - code.width, margin))
        style = digits or DigitPrint()
        left, top, _, _ = digit_line_box(number, symbology, dpi, style)
        draw.text((left, top), number, fill=style.fill,
                  font=_font(mm_to_px(style.size_mm, dpi), style.face))
    draw.text((margin, margin), title, fill=0, font=_font(mm_to_px(6, dpi)))
    if subtitle:
        draw.text((margin, margin + mm_to_px(9, dpi)), subtitle, fill=0,
                  font=_font(mm_to_px(4, dpi)))
    # Answer fields: numbered rows with boxes, as on a real blank.
    label_font = _font(mm_to_px(3.5, dpi))
    top = mm_to_px(60, dpi)
    row = mm_to_px(11, dpi)
    box = mm_to_px(6, dpi)
    for i in range(20):
        y = top + i * row
        if y + box > height - margin:
            break
        draw.text((margin, y), f"{i + 1:>2}.", fill=0, font=label_font)
        for j in range(24):
            x = margin + mm_to_px(12, dpi) + j * (box + mm_to_px(1, dpi))
            draw.rectangle((x, y, x + box, y + box), outline=0, width=1)
    return page


def digit_line_box(number: str, symbology: str, dpi: int,
                   digits: DigitPrint | None = None) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the number printed under the code, in page pixels.

    The one place that lays the line out: `render_blank` draws it here, and the benchmark's
    page generator asks where it is (is a pen stroke across it?).
    """
    width, _ = a4_size(dpi)
    margin = mm_to_px(12, dpi)
    code = barcode_image(number, symbology, dpi)
    style = digits or DigitPrint()
    font = _font(mm_to_px(style.size_mm, dpi), style.face)
    text_width = ImageDraw.Draw(Image.new("L", (1, 1))).textlength(number, font=font)
    left = min(width - margin - code.width + mm_to_px(2, dpi), width - margin - text_width)
    top = margin + code.height + mm_to_px(1, dpi)
    return left, top, left + text_width, top + mm_to_px(style.size_mm, dpi)


def sample_number(kit: int, page: int, serial: int = 0) -> str:
    """A plausible 20-digit number for the default profile: kit in 1–6, page in 19–20."""
    return f"{kit:06d}{serial:012d}{page:02d}"
