"""Same sheet twice vs two different sheets with one number, on real rendered blanks."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from scanstation.duplicates import (
    DuplicateKind,
    classify_group,
    hash_distance,
    perceptual_hash,
    sheet_difference,
)
from scanstation.samples import render_blank, sample_number
from tests.protocol.pages import handwriting


def _rescan(image: Image.Image, seed: int, shift: tuple[int, int] = (0, 0), angle: float = 0.0,
            noise: float = 8.0, jpeg: bool = False) -> Image.Image:
    rng = np.random.default_rng(seed)
    moved = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255,
                         translate=shift).filter(ImageFilter.GaussianBlur(0.6))
    array = np.asarray(moved, dtype=np.float32) * rng.uniform(0.9, 1.0) + rng.uniform(0, 15)
    array += rng.normal(0, noise, array.shape)
    result = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))
    if jpeg:
        buffer = io.BytesIO()
        result.save(buffer, "JPEG", quality=30)
        result = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return result


@pytest.fixture(scope="module")
def blank() -> Image.Image:
    return render_blank(sample_number(501501, 1, 3))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_sheet_fed_twice_is_the_same_sheet(blank: Image.Image, seed: int) -> None:
    sheet = handwriting(blank, seed, strokes=30)
    first = _rescan(sheet, seed)
    again = _rescan(sheet, seed + 10, shift=(-9, 7), angle=1.2, noise=20, jpeg=True)
    assert sheet_difference(first, again) == 0
    bilevel = first.point(lambda v: 255 if v > 128 else 0).convert("1")
    assert classify_group([first, again, bilevel]) is DuplicateKind.SAME_SHEET


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_other_handwriting_on_the_same_number_is_escalated(blank: Image.Image, seed: int) -> None:
    one = _rescan(handwriting(blank, seed, strokes=2), seed)
    other = _rescan(handwriting(blank, seed + 100, strokes=2), seed + 1, shift=(2, 2), angle=0.2)
    assert sheet_difference(one, other) > 8
    assert classify_group([one, other]) is DuplicateKind.DIFFERENT_SHEETS


def test_an_empty_sheet_and_a_filled_one_are_different(blank: Image.Image) -> None:
    filled = _rescan(handwriting(blank, 7, strokes=2), 1)
    assert classify_group([_rescan(blank, 2), filled]) is DuplicateKind.DIFFERENT_SHEETS


def test_group_needs_two_pages(blank: Image.Image) -> None:
    with pytest.raises(ValueError):
        classify_group([blank])


def test_perceptual_hash_is_stable_under_rescan_and_separates_layouts(blank: Image.Image) -> None:
    rescanned = _rescan(blank, 3, shift=(4, -3))
    assert len(perceptual_hash(blank)) == 16
    assert hash_distance(perceptual_hash(blank), perceptual_hash(rescanned)) <= 6
    empty = Image.new("L", blank.size, 255)
    ImageDraw.Draw(empty).rectangle((100, 100, 800, 1200), fill=0)
    assert hash_distance(perceptual_hash(blank), perceptual_hash(empty)) > 12
