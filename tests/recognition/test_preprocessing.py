"""The clean-ups the retries rely on, checked on arrays whose right answer is known."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

from scanstation.recognition import preprocessing as prep
from scanstation.recognition.preprocessing import View, deblur_rows


def test_closing_removes_thin_lines_and_keeps_modules_in_place() -> None:
    pixels = np.full((20, 20), 255, np.uint8)
    pixels[:, 5:7] = 0  # a 2-px pen line
    pixels[5:13, 10:14] = 0  # a 4-px module block
    closed = prep.close_thin_lines(prep.View(pixels), 4).pixels
    assert closed[:, 5:7].min() == 255
    assert closed[5:13, 10:14].max() == 0
    assert closed[4, 10] == closed[13, 10] == closed[8, 9] == closed[8, 14] == 255


def test_otsu_on_a_single_grey_level_returns_it_unchanged() -> None:
    view = prep.View(np.full((10, 10), 255, np.uint8))
    assert prep.otsu(view) is view


def test_corners_follow_the_page_shape() -> None:
    portrait = np.zeros((2339, 1654), np.uint8)
    assert prep.corner_order(portrait)[:2] == ("tr", "bl")
    assert prep.corner_order(portrait.T)[:2] == ("tl", "br")
    top_right = prep.corner(portrait, "tr")
    assert top_right.origin[1] == 0 and top_right.origin[0] > 0
    assert top_right.to_page((0.0, 0.0)) == (float(top_right.origin[0]), 0.0)


def test_deblurring_rows_opens_the_spaces_a_blur_closed() -> None:
    """Bars and spaces 3 px wide, blurred by σ 1.6 px: a low ripple; deconvolved, the
    spaces are paper-light again and the bars dark, in the same places."""
    row = np.tile(np.repeat(np.array([40, 220], np.uint8), 3), 30)
    pixels = np.tile(row, (12, 1))
    blurred = np.asarray(Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(1.6)))
    sharp = deblur_rows(View(blurred, (5, 7), (2.0, 0.5)), 1.6, 0.05)
    middle = slice(20, -20)
    contrast_before = np.ptp(blurred[6, middle].astype(int))
    contrast_after = np.ptp(sharp.pixels[6, middle].astype(int))
    assert contrast_before < 90 and contrast_after > 1.8 * contrast_before
    bars = row[middle] < 128
    assert np.all(sharp.pixels[6, middle][bars] < sharp.pixels[6, middle][~bars].min())
    assert (sharp.origin, sharp.scale, sharp.pixels.dtype) == ((5, 7), (2.0, 0.5), np.uint8)
