"""Pages of a file counted from its structure and opened one by one (real TIFF and PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from scanstation.scanner.filepages import (
    UnreadableFile,
    iter_file_pages,
    open_page,
    quick_page_count,
)


def _shades(count: int) -> list[Image.Image]:
    return [Image.new("L", (200, 280), 40 + 60 * i) for i in range(count)]


def test_multi_page_tiff_counted_and_opened_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "batch.tif"
    pages = _shades(3)
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw",
                  dpi=(300, 300))
    assert quick_page_count(path) == 3
    image, dpi = open_page(path, 2)
    assert (image.getpixel((5, 5)), dpi) == (160, 300)
    assert [im.getpixel((5, 5)) for im, _ in iter_file_pages(path)] == [40, 100, 160]


def test_pdf_counted_and_one_page_rendered(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pages = [p.convert("RGB") for p in _shades(2)]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=100)
    assert quick_page_count(path) == 2
    image, dpi = open_page(path, 1, default_dpi=100)
    assert dpi == 100 and image.mode == "L"
    assert abs(image.getpixel((image.width // 2, image.height // 2)) - 100) <= 2


def test_a_damaged_file_is_not_counted_and_says_so_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "bad.tif"
    path.write_bytes(b"II*\x00 nothing after the header")
    assert quick_page_count(path) is None
    with pytest.raises(UnreadableFile, match=r"bad\.tif"):
        open_page(path, 0)
    assert quick_page_count(tmp_path / "missing.tif") is None
