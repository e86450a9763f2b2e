"""«No symbol here»: the test that spares a page without a code the retries and the OCR."""

from __future__ import annotations

import io

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageFilter

from scanstation.profile import EventProfile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.recognition.ocr import read_digit_line
from scanstation.recognition.preprocessing import load_gray
from scanstation.recognition.presence import may_hold_code
from scanstation.samples import SYMBOLOGIES, mm_to_px, render_blank
from tests.recognition.conftest import NUMBER, turned


def scanned(page: Image.Image, blur: float = 0.8, one_bit: bool = False) -> np.ndarray:
    """The page as a feeder returns it: blurred, noisy, saved as JPEG (or 1 bit)."""
    soft = page.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(soft, dtype=np.float32)
    pixels = 40 + pixels * (235 - 40) / 255 + np.random.default_rng(7).normal(0, 6, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if one_bit:
        return load_gray(image.point(lambda v: 255 if v > 130 else 0).convert("1"))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=60)
    return load_gray(Image.open(io.BytesIO(buffer.getvalue())))


@pytest.mark.parametrize("symbology", SYMBOLOGIES)
@pytest.mark.parametrize("rotation", [0, 90])
def test_every_symbology_is_seen(blanks: dict[str, Image.Image], symbology: str,
                                 rotation: int) -> None:
    assert may_hold_code(scanned(turned(blanks[symbology], rotation)))


@pytest.mark.parametrize("symbology", ["QRCode", "DataMatrix", "Code128"])
def test_a_blurred_or_one_bit_symbol_is_still_seen(blanks: dict[str, Image.Image],
                                                   symbology: str) -> None:
    assert may_hold_code(scanned(blanks[symbology], blur=1.4))
    assert may_hold_code(scanned(blanks[symbology], one_bit=True))


@pytest.mark.parametrize("one_bit", [False, True])
def test_a_sheet_without_a_code_is_not(one_bit: bool) -> None:
    # Title, answer boxes and the blank's other print: text, not bars or modules.
    page = scanned(render_blank(NUMBER, with_code=False), one_bit=one_bit)
    assert not may_hold_code(page)
    assert not may_hold_code(np.full((2339, 1654), 240, dtype=np.uint8))


def test_an_answer_grid_is_no_bars() -> None:
    """A generated sheet without a code, fed turned by 90° (tuning seed 3401): the feed's
    blur paled the answer boxes' edges along one direction, so only the others cross the
    8 mm windows, one way only, like bars; but they are hairlines filling ~5 % of a
    window, where a code's bars fill 40-75 % (first-pass failures of seeds 3402-3403)."""
    from benchmarks.pagegen import make_sample

    sample = make_sample(340100275, "refusal")
    assert sample.defects[0] == "no-code"
    assert not may_hold_code(load_gray(sample.image))


def _with_ean13(page: Image.Image) -> tuple[Image.Image, tuple[float, float, float, float]]:
    symbol = zxingcpp.create_barcode("460123456789", zxingcpp.BarcodeFormat.EAN13)
    raw = Image.fromarray(np.asarray(symbol.to_image(scale=3, add_quiet_zones=True)))
    code = raw.convert("L").resize((raw.width, mm_to_px(15, 200)))
    page = page.copy()
    x, y = mm_to_px(20, 200), page.height - mm_to_px(30, 200)
    page.paste(code, (x, y))
    return page, (x, y, x + code.width, y + code.height)


def test_a_publisher_code_is_left_out_once_located(blanks: dict[str, Image.Image]) -> None:
    only_ean, box = _with_ean13(render_blank(NUMBER, with_code=False))
    assert may_hold_code(scanned(only_ean))  # bars are bars
    assert not may_hold_code(scanned(only_ean), [box])
    both, box = _with_ean13(blanks["QRCode"])
    assert may_hold_code(scanned(both), [box])  # the blank's own code still counts


def test_no_symbol_means_no_suggestion_either(profile: EventProfile) -> None:
    # The digits printed alone, no code anywhere: the page stops after the first pass and
    # offers nothing (a sheet without a code is no blank; its digits are no blank number).
    page = render_blank(NUMBER, "Code128")
    code_height = mm_to_px(10, 200) + mm_to_px(12, 200)
    page.paste(255, (0, 0, page.width, code_height))
    line = read_digit_line(load_gray(page), 20)
    assert line is not None and line.text == NUMBER  # a person (and Tesseract) reads them
    result = read_blank_number(page, profile)
    assert result.status == ReadStatus.UNREADABLE
    assert result.suggestion is None and result.source is None
