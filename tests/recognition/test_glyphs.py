"""The glyph judge: a digit OCR disputes, judged by the line's own glyphs of that digit."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest
from PIL import ImageDraw

from benchmarks.pagegen import make_sample
from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, ReadStatus, read_blank_number
from scanstation.recognition.glyphs import LineGlyphs, disowned, glyph_boxes
from scanstation.recognition.ocr import DigitLine, read_digit_line
from scanstation.recognition.preprocessing import load_gray
from scanstation.recognition.strategies import PageContext
from scanstation.recognition.suggestion import add_printed_digits
from tests.recognition.test_suggestion import NUMBER, blotted

# Tuning page: a 1-bit ITF page turned 270°, whose printed line ends in a dotted zero that
# Tesseract reads as 6 at 98 % in every look. The ITF is read by zxing-cpp and by ZBar.
DOTTED_ZERO_PAGE = 310100028


def _line(number: str) -> DigitLine:
    line = read_digit_line(load_gray(blotted(number)), len(number))
    assert line is not None and line.text == number and line.crop is not None
    return line


def test_a_clean_line_cuts_into_its_digits_each_most_like_its_twins() -> None:
    line = _line(NUMBER)
    assert line.crop is not None
    boxes = glyph_boxes(np.asarray(line.crop.convert("L")), len(NUMBER))
    assert boxes is not None and len(boxes) == len(NUMBER)
    assert all(a[2] <= b[0] for a, b in pairwise(boxes))  # left to right
    glyphs = LineGlyphs.cut(line.crop, len(NUMBER))
    assert glyphs is not None
    assert glyphs.consistent(dict(enumerate(NUMBER)))


def test_a_code_misread_that_ocr_caught_is_never_disowned() -> None:
    # Every digit in turn, every other digit as the code's misread: where OCR read the
    # printed digit right, the glyph is like its twins and the dispute must stand.
    line = _line(NUMBER)
    assert line.crop is not None
    judged = 0
    for position, digit in enumerate(NUMBER):
        if NUMBER.count(digit) < 2:
            continue
        for other in "0123456789".replace(digit, ""):
            misread = NUMBER[:position] + other + NUMBER[position + 1:]
            assert not disowned(line.crop, NUMBER, misread, position)
            judged += 1
    assert judged >= 50


def test_an_ocr_slip_to_a_digit_the_line_shows_otherwise_is_disowned() -> None:
    line = _line(NUMBER)
    assert line.crop is not None
    digits = set(NUMBER)
    slips = [(position, other) for position, digit in enumerate(NUMBER)
             for other in digits - {digit}]
    owned = sum(disowned(line.crop, NUMBER[:p] + o + NUMBER[p + 1:], NUMBER, p)
                for p, o in slips)
    assert owned >= 0.6 * len(slips)


def test_a_damaged_line_is_no_judge() -> None:
    # A blot over one glyph: the line no longer cuts into clean glyphs of one height, so
    # the judge keeps out and the dispute stands.
    line = _line(NUMBER)
    assert line.crop is not None
    crop = line.crop.convert("L")
    boxes = glyph_boxes(np.asarray(crop), len(NUMBER))
    assert boxes is not None
    left, top, right, bottom = boxes[5]
    ImageDraw.Draw(crop).rectangle((left, top - (bottom - top) // 2, right, bottom), fill=0)
    assert not any(disowned(crop, NUMBER[:5] + o + NUMBER[6:], NUMBER, 5)
                   for o in "0123456789" if o != NUMBER[5])


def test_a_stroke_a_threshold_broke_is_cut_whole() -> None:
    # A 1-bit scan's threshold can break a thin stem (tuning page 360000398: a serif 1
    # broken a third of the way down, which Tesseract read as 3 at 99 %): the glyph is
    # still the whole digit, not its larger piece, so the line stays fit to judge.
    line = _line(NUMBER)
    assert line.crop is not None
    crop = line.crop.convert("L")
    boxes = glyph_boxes(np.asarray(crop), len(NUMBER))
    assert boxes is not None
    left, top, right, bottom = boxes[3]
    gap_top = top + (bottom - top) // 3
    ImageDraw.Draw(crop).rectangle((left, gap_top, right, gap_top + 1), fill=255)
    broken = glyph_boxes(np.asarray(crop), len(NUMBER))
    assert broken is not None
    assert abs(broken[3][1] - top) <= 1 and abs(broken[3][3] - bottom) <= 1
    # A gap as tall as a third of the glyph parts it: a speck that far is no stroke.
    crop = line.crop.convert("L")
    ImageDraw.Draw(crop).rectangle((left, top + 4, right, top + (bottom - top) // 3), fill=255)
    parted = glyph_boxes(np.asarray(crop), len(NUMBER))
    assert parted is None or parted[3][1] > top + 4


def test_only_a_checked_or_independently_confirmed_read_lets_the_glyphs_judge(
        profile: EventProfile) -> None:
    sample = make_sample(DOTTED_ZERO_PAGE, "realistic")
    gray = load_gray(sample.image)
    right = read_blank_number(sample.image, profile, with_ocr=False)
    assert right.status == ReadStatus.OK and right.number == sample.number
    assert right.confirmed_by is not None and right.confirmed_by.startswith("pyzbar/")
    line = read_digit_line(gray, 20, right.rotation)
    if line is None or line.text == sample.number:
        pytest.skip("Tesseract reads this zero right here (its pixels differ by platform)")
    assert line.crop is not None
    disputed = [i for i, (a, b) in enumerate(zip(line.text, sample.number, strict=True))
                if a != b]
    if not all(disowned(line.crop, line.text, sample.number, i) for i in disputed):
        # Windows: the generator's pixels differ and the disputed glyph is as like the
        # line's 6s as the judge's bound: the dispute stands (ambiguous, never a misread).
        pytest.skip("the judge keeps this platform's dispute: nothing to gate")
    page = PageContext(gray)
    by_two_engines = add_printed_digits(right, None, page, profile)
    assert by_two_engines.status == ReadStatus.OK
    # The same read confirmed only by another binarisation for the same engine: one
    # decoder's slip may repeat, so the OCR's dispute stands.
    same_engine = replace(right, confirmed_by=f"{right.engine}/confirm-global")
    doubted = add_printed_digits(same_engine, None, page, profile)
    assert doubted.status == ReadStatus.AMBIGUOUS
    assert sample.number in doubted.candidates
    unconfirmed: ReadResult = replace(right, confirmed_by=None)
    assert add_printed_digits(unconfirmed, None, page, profile).status == ReadStatus.AMBIGUOUS
