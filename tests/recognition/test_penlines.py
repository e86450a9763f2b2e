"""A pen line across a 2-D symbol: found, painted out, and the symbol read again."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from scanstation.profile import EventProfile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.recognition.penlines import (
    Line,
    crossing_lines,
    dense_spots,
    line_half_width,
    paint_out,
    pen_line_views,
    thin_dark,
)
from scanstation.recognition.preprocessing import View
from scanstation.recognition.strategies import FAST_PATH, RETRIES
from scanstation.samples import barcode_image, mm_to_px, render_blank
from tests.recognition.conftest import NUMBER


def _checkerboard(module: int = 6, count: int = 12) -> np.ndarray:
    """A fake 2-D symbol of `count`² modules in a white margin, modules `module` px wide."""
    rng = np.random.default_rng(3)
    cells = rng.random((count, count)) < 0.5
    symbol = np.where(np.kron(cells, np.ones((module, module), bool)), 30, 230)
    pixels = np.full((200, 200), 230, np.uint8)
    pixels[60:60 + symbol.shape[0], 60:60 + symbol.shape[1]] = symbol
    return pixels


def _with_pen_line(pixels: np.ndarray, start: tuple[int, int], end: tuple[int, int],
                   width: int = 3) -> np.ndarray:
    image = Image.fromarray(pixels)
    ImageDraw.Draw(image).line([start, end], fill=40, width=width)
    return np.asarray(image)


def test_the_line_through_a_symbol_is_found_first() -> None:
    clean = _checkerboard()
    dirty = _with_pen_line(clean, (80, 20), (110, 190))
    ink, paper = 30.0, 230.0
    spots = dense_spots(dirty, ink, paper, scale=1.0)
    assert spots, "the symbol is the densest spot"
    x, y = spots[0]
    assert 60 <= x <= 132 and 60 <= y <= 132
    lines = crossing_lines(thin_dark(dirty, ink, paper, 1.0), (x, y), scale=1.0)
    assert lines
    # The pen line runs from (80, 20) to (110, 190): both ends lie on the best line.
    assert lines[0].distance(80, 20) < 3 and lines[0].distance(110, 190) < 3


def test_painting_out_brings_back_the_modules_under_the_line() -> None:
    clean = _checkerboard()
    dirty = _with_pen_line(clean, (80, 20), (110, 190))
    line = crossing_lines(thin_dark(dirty, 30.0, 230.0, 1.0), (96, 96), scale=1.0)[0]
    painted = paint_out(dirty, line, 2)
    wrong_before = np.count_nonzero(np.abs(dirty.astype(int) - clean) > 100)
    wrong_after = np.count_nonzero(np.abs(painted.astype(int) - clean) > 100)
    assert wrong_before > 200
    assert wrong_after < wrong_before / 4
    assert painted.dtype == np.uint8 and painted.shape == dirty.shape


@pytest.mark.parametrize(("pen_px", "expected_half"), [(3, 3), (8, 5)])
def test_the_pen_width_is_measured_across_the_line(pen_px: int, expected_half: int) -> None:
    """A felt-tip line needs a wider band painted out than a ballpoint line."""
    dirty = _with_pen_line(_checkerboard(), (80, 20), (110, 190), width=pen_px)
    mask = thin_dark(dirty, 30.0, 230.0, 1.0)
    line = crossing_lines(mask, (96, 96), scale=1.0)[0]
    half = line_half_width(dirty < 130, mask, line)
    assert half is not None and abs(half - expected_half) <= 1


def test_paper_fill_leaves_no_grey_for_the_binarizer() -> None:
    clean = _checkerboard()
    dirty = _with_pen_line(clean, (20, 100), (190, 100), width=5)
    line = Line(np.pi / 2, 100.0)
    painted = paint_out(dirty, line, 3, "paper", ink=30.0, paper=230.0)
    band = painted[97:104, :]
    assert np.all(band == 230)
    assert np.array_equal(painted[:96], dirty[:96]) and np.array_equal(painted[105:], dirty[105:])
    with pytest.raises(ValueError, match="fill"):
        paint_out(dirty, line, 3, "ink")


def test_overhang_fill_keeps_the_symbols_edge_and_cuts_the_rest() -> None:
    """A line along a DataMatrix's solid bottom edge: kept across the symbol, gone past it."""
    pixels = _checkerboard()  # symbol rows 60..131, columns 60..131
    pixels[126:132, 60:132] = 30  # the solid bottom edge
    pixels[60:132, 60:66] = 30  # the solid left edge
    pixels[120:126, 126:132] = 30  # the right edge's last module
    dirty = _with_pen_line(pixels, (10, 129), (190, 129), width=5)
    painted = paint_out(dirty, Line(np.pi / 2, 129.0), 3, "overhang", ink=30.0, paper=230.0)
    assert np.all(painted[127:131, 66:126] < 100), "the edge under the symbol stays ink"
    assert np.all(painted[127:131, 10:50] > 180), "the line past the symbol is paper again"
    assert np.all(painted[127:131, 142:190] > 180)
    old = paint_out(dirty, Line(np.pi / 2, 129.0), 3, "sides", ink=30.0, paper=230.0)
    assert np.any(old[127:131, 66:126] > 100), "the mean of its sides breaks the edge"


def test_edge_fill_keeps_the_bands_half_on_the_symbols_side() -> None:
    """A felt-tip line on the solid bottom edge, thicker than a module: across the symbol
    the band's inner half stays ink (the edge), its outer half becomes paper."""
    pixels = _checkerboard()  # symbol rows 60..131, columns 60..131
    pixels[126:132, 60:132] = 30  # the solid bottom edge
    pixels[60:132, 60:66] = 30  # the solid left edge
    pixels[120:126, 126:132] = 30  # the right edge's last module
    dirty = _with_pen_line(pixels, (10, 131), (190, 131), width=9)
    line = Line(np.pi / 2, 131.0)
    below = paint_out(dirty, line, 5, "edge", 30.0, 230.0, toward=(96.0, 96.0))
    assert np.all(below[127:133, 66:126] < 100), "the band's inner part stays the edge"
    assert np.all(below[134:137, 66:126] > 180), "its outer part is paper"
    assert np.all(below[127:137, 10:50] > 180), "and past the symbol all of it"
    above = paint_out(dirty, line, 5, "edge", 30.0, 230.0, toward=(96.0, 180.0))
    assert np.all(above[126:129, 66:126] > 180), "the symbol below: the upper part goes"


def test_a_blank_corner_offers_nothing() -> None:
    assert list(pen_line_views(View(np.full((300, 400), 240, np.uint8)), 1654)) == []


def test_crops_map_back_to_the_page() -> None:
    dirty = _with_pen_line(_checkerboard(), (80, 20), (110, 190))
    views = list(pen_line_views(View(dirty, origin=(1000, 50)), 1654))
    assert views
    assert all(v.origin[0] >= 1000 and v.origin[1] >= 50 for v in views)
    # The sides' mean is also offered at 2× around the symbol; its pixels still land on
    # the symbol's place on the page (rows/columns 60..131 of the corner).
    zoomed = [v for v in views if v.scale == (2.0, 2.0)]
    assert zoomed
    for view in zoomed:
        height, width = view.pixels.shape
        left, top = view.to_page((0.0, 0.0))
        right, bottom = view.to_page((float(width), float(height)))
        assert left <= 1060 and right >= 1132 and top <= 110 and bottom >= 182
    assert Line(0.0, 10.0).distance(13.0, 99.0) == pytest.approx(3.0)


def _scanned_blank_with_ballpoint_line(symbology: str) -> Image.Image:
    """A 300-dpi print with a 0.45 mm ballpoint stroke through the code, scanned at 200 dpi."""
    dpi = 300
    page = render_blank(NUMBER, symbology, dpi=dpi)
    code = barcode_image(NUMBER, symbology, dpi)
    margin = mm_to_px(12, dpi)
    x0 = page.width - margin - code.width
    stroke = [(x0 + 0.3 * code.width, margin - margin // 3),
              (x0 + 0.6 * code.width, margin + code.height + margin // 3)]
    ImageDraw.Draw(page).line(stroke, fill=60, width=mm_to_px(0.45, dpi))
    size = (round(page.width * 200 / dpi), round(page.height * 200 / dpi))
    return page.resize(size, Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(0.6))


def test_reader_rescues_a_datamatrix_crossed_by_a_pen(profile: EventProfile) -> None:
    page = _scanned_blank_with_ballpoint_line("DataMatrix")
    without = tuple(s for s in RETRIES if s.name != "pen-line")
    assert read_blank_number(page, profile, strategies=(FAST_PATH, *without)).status == (
        ReadStatus.UNREADABLE), "the other retries must not already read this page"
    result = read_blank_number(page, profile)
    assert (result.status, result.number, result.strategy, result.rotation) == (
        ReadStatus.OK, NUMBER, "pen-line", 0)


def test_a_publishers_ean13_is_no_spot_to_repair() -> None:
    """Its bars are the densest patch of a corner, but no pass may read it as the number:
    once the first pass has placed it, the costly corner clean-ups skip that corner."""
    import zxingcpp

    from scanstation.recognition.engines import ZXING
    from scanstation.recognition.preprocessing import load_gray
    from scanstation.recognition.strategies import FAST, PageContext, _pen_lines

    symbol = zxingcpp.create_barcode("460123456789", zxingcpp.BarcodeFormat.EAN13)
    raw = Image.fromarray(np.asarray(symbol.to_image(scale=3, add_quiet_zones=True)))
    page = render_blank(NUMBER, with_code=False)
    page.paste(raw.convert("L").resize((raw.width, mm_to_px(15, 200))),
               (mm_to_px(20, 200), page.height - mm_to_px(30, 200)))
    gray = load_gray(page)
    boxes = tuple(s.box for s in ZXING.decode(gray, FAST) if s.symbology == "EAN13" and s.box)
    assert len(boxes) == 1
    assert PageContext(gray).corners_inked()
    assert not PageContext(gray, boxes).corners_inked()
    assert list(_pen_lines(PageContext(gray, boxes))) == []
