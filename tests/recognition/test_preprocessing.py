"""The clean-ups the retries rely on, checked on arrays whose right answer is known."""

from __future__ import annotations

import numpy as np

from scanstation.recognition import preprocessing as prep


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
