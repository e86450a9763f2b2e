"""Real page files and an in-memory keyring for the archive tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import numpy as np
import pytest
from keyring.backends import fail
from PIL import Image


def noisy_page(path: Path, size: tuple[int, int] = (420, 560), seed: int = 0,
               dpi: int = 200, compression: str = "tiff_lzw") -> Path:
    """A gray page of pure noise: LZW cannot shrink it, so file size ≈ width × height."""
    pixels = np.random.default_rng(seed).integers(0, 256, (size[1], size[0]), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels, "L").save(path, compression=compression, dpi=(dpi, dpi))
    return path


def page_folder(root: Path, count: int, name: str = "Аудитория 101") -> Path:
    folder = root / name
    for i in range(count):
        noisy_page(folder / f"{i + 1:04d}.tif", seed=i)
    return folder


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The headless-Linux situation: keyring's own `fail` backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
