"""Blank-page detection on real images: empty sides vs. sides with a little ink."""

from __future__ import annotations

from PIL import Image, ImageDraw

from scanstation.samples import render_blank, sample_number
from scanstation.scanner.duplex import ink_coverage, is_blank


def test_white_and_noisy_white_pages_are_blank() -> None:
    assert is_blank(Image.new("L", (1654, 2339), 255))
    noise = Image.effect_noise((1654, 2339), 40).point(lambda v: min(255, 170 + v // 3))
    assert is_blank(noise)


def test_a_printed_blank_is_not_blank() -> None:
    assert ink_coverage(render_blank(sample_number(1, 1))) > 0.01


def test_one_handwritten_digit_is_not_blank() -> None:
    page = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(page)
    draw.line((800, 1100, 830, 1180), fill=30, width=5)  # about one pen stroke
    draw.line((830, 1180, 780, 1180), fill=30, width=5)
    assert not is_blank(page)


def test_feeder_edge_shadow_is_ignored() -> None:
    page = Image.new("L", (1654, 2339), 255)
    ImageDraw.Draw(page).rectangle((0, 0, 40, 2339), fill=0)  # dark strip at the edge
    assert is_blank(page)


def test_show_through_of_the_front_is_still_blank() -> None:
    """Thin paper shows the front's print faintly on the back (light gray, mirrored)."""
    front = render_blank(sample_number(1, 1))
    faint = front.transpose(Image.Transpose.FLIP_LEFT_RIGHT).point(lambda v: 215 + v // 7)
    assert is_blank(faint)
    assert not is_blank(front)
