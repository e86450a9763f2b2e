"""Real answer-blank pages for the completeness tests: rendered barcodes, handwriting, rescans."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from scanstation.samples import render_blank, sample_number


def handwriting(page: Image.Image, seed: int, strokes: int = 6) -> Image.Image:
    """Pen strokes in the answer area; another seed is another participant's hand."""
    rnd = random.Random(seed)
    image = page.copy()
    draw = ImageDraw.Draw(image)
    for _ in range(strokes):
        x, y = rnd.randint(130, 1500), rnd.randint(480, 2200)
        points = [(x, y)]
        for _ in range(rnd.randint(3, 8)):
            x += rnd.randint(-25, 25)
            y += rnd.randint(-20, 20)
            points.append((x, y))
        draw.line(points, fill=rnd.randint(0, 60), width=rnd.randint(2, 4))
    return image


def rescan(image: Image.Image, seed: int, shift: tuple[int, int] = (0, 0),
           noise: float = 6.0) -> Image.Image:
    """The same paper through the scanner again: a small shift, blur and sensor noise."""
    rng = np.random.default_rng(seed)
    moved = image.rotate(0, fillcolor=255, translate=shift).filter(ImageFilter.GaussianBlur(0.5))
    array = np.asarray(moved, dtype=np.float32) + rng.normal(0, noise, (moved.height,
                                                                       moved.width))
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))


def filled_blank(kit: int, page: int, hand: int, with_code: bool = True) -> Image.Image:
    return handwriting(render_blank(sample_number(kit, page), with_code=with_code), hand)


def save_tiff(image: Image.Image, path: Path) -> Path:
    image.save(path, compression="tiff_lzw", dpi=(200, 200))
    return path
