"""Feeder streaks: found from the page's own profiles, removed, and printed lines left alone."""

from __future__ import annotations

import numpy as np

from scanstation.recognition.streaks import clean_page, find_streaks


def _page(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    page = np.full((600, 400), 230.0) + rng.normal(0, 3, (600, 400))
    page[100:160, 50:250:6] = 30  # bars of a code: they line up, but only for 60 rows
    page[100:160, 51:250:6] = 30
    for y in range(200, 580, 20):  # answer boxes: long horizontal lines, broken edges
        page[y, 40:360] = 40  # printed rules stop at the margins
        page[y:y + 12, 40:360:30] = 40
    return page


def _u8(page: np.ndarray) -> np.ndarray:
    return np.clip(page, 0, 255).astype(np.uint8)


def test_dark_streaks_of_one_to_three_pixels_are_found_and_painted_out() -> None:
    page = _page()
    clean = _u8(page)
    dirty = page.copy()
    dirty[:, 120:122] *= 0.6  # dust: a grey line down the whole page
    dirty[:, 200] = 0  # a dead sensor element: a black line
    dirty[:, 300:303] *= 0.8  # a faint 3-px line
    fixed, streaks = clean_page(_u8(dirty))
    assert {(s.start, s.width, s.dark) for s in streaks} == {
        (120, 2, True), (200, 1, True), (300, 3, True)}
    assert np.abs(fixed.astype(int) - clean.astype(int))[:, 115:305].mean() < 4


def test_a_light_streak_through_the_ink_is_found() -> None:
    page = _page(1)
    dirty = page.copy()
    dirty[:, 140] = dirty[:, 140] + (255 - dirty[:, 140]) * 0.8  # a scratch: ink turns pale
    streaks = find_streaks(_u8(dirty))
    assert [(s.start, s.width, s.dark) for s in streaks] == [(140, 1, False)]


def test_a_full_width_streak_of_a_sideways_feeder_is_found() -> None:
    page = _page(2)
    page[410:412, :] *= 0.5
    streaks = find_streaks(_u8(page))
    assert [(s.start, s.width, s.axis) for s in streaks] == [(410, 2, 0)]


def test_a_clean_page_with_aligned_bars_and_boxes_has_no_streak() -> None:
    for seed in range(3):
        gray = _u8(_page(seed))
        fixed, streaks = clean_page(gray)
        assert streaks == []
        assert fixed is gray
