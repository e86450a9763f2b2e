"""Page files: LZW TIFF with dpi tags, modes kept, atomic, exact rotation, leftovers."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scanstation.ingest.storage import (
    INCOMING_DIR,
    PageWriteError,
    SaveOptions,
    highest_seq_on_disk,
    remove_leftovers,
    rotate_file,
    save_page,
    seq_of,
    write_atomic,
)
from tests.ingest.conftest import blank


def test_lzw_tiff_with_dpi_tags_gray_stays_gray(tmp_path: Path) -> None:
    page = blank(1, 1)
    stored = save_page(page, tmp_path / "0001.tif", SaveOptions())
    with Image.open(stored.path) as image:
        assert image.format == "TIFF"
        assert image.mode == "L"
        assert image.tag_v2[259] == 5  # Compression = LZW
        assert tuple(round(float(v)) for v in image.info["dpi"]) == (200, 200)
        assert np.array_equal(np.asarray(image), np.asarray(page))
    assert stored.size_bytes == stored.path.stat().st_size
    assert (stored.width_px, stored.height_px) == page.size


def test_one_bit_stays_one_bit_and_small(tmp_path: Path) -> None:
    page = blank(1, 2).convert("1")
    stored = save_page(page, tmp_path / "0001.tif", SaveOptions())
    with Image.open(stored.path) as image:
        assert image.mode == "1"
    gray = save_page(blank(1, 2), tmp_path / "0002.tif", SaveOptions())
    assert stored.size_bytes < gray.size_bytes


def test_jpeg_option_writes_jpeg_with_dpi(tmp_path: Path) -> None:
    stored = save_page(blank(1, 3), tmp_path / "0001.jpg", SaveOptions("jpeg", 200, 80))
    with Image.open(stored.path) as image:
        assert image.format == "JPEG"
        assert round(float(image.info["dpi"][0])) == 200


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotation_of_a_tiff_is_exact(tmp_path: Path, degrees: int) -> None:
    page = blank(2, 1)
    path = tmp_path / "0001.tif"
    save_page(page.rotate(degrees, expand=True), path, SaveOptions())  # counter-clockwise
    rotate_file(path, degrees)  # clockwise by the same angle: upright again
    with Image.open(path) as image:
        assert np.array_equal(np.asarray(image), np.asarray(page))


def test_failed_write_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "0001.tif"
    target.write_bytes(b"old page")
    (tmp_path / INCOMING_DIR).write_bytes(b"")  # a file where the temp folder goes
    with pytest.raises(PageWriteError):
        write_atomic(b"new page", target)
    assert target.read_bytes() == b"old page"


def test_leftovers_are_removed(tmp_path: Path) -> None:
    incoming = tmp_path / INCOMING_DIR
    incoming.mkdir()
    (incoming / "0003.tif.tmp").write_bytes(b"half")
    (tmp_path / "0004.tif.tmp").write_bytes(b"half")
    (tmp_path / "0001.tif").write_bytes(b"page")
    (tmp_path / ".thumbs" / INCOMING_DIR).mkdir(parents=True)
    (tmp_path / ".thumbs" / INCOMING_DIR / "0002.jpg.tmp").write_bytes(b"half a preview")
    removed = remove_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == ["0002.jpg.tmp", "0003.tif.tmp", "0004.tif.tmp"]
    assert os.listdir(incoming) == []
    assert (tmp_path / "0001.tif").exists()


def test_names_in_folder_and_trash_count_for_numbering(tmp_path: Path) -> None:
    (tmp_path / "0002.tif").write_bytes(b"x")
    (tmp_path / ".trash").mkdir()
    (tmp_path / ".trash" / "0009~2.tif").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"x")
    assert highest_seq_on_disk(tmp_path) == 9
    assert seq_of("0012.tif") == 12
    assert seq_of(".trash/0012~3.jpg") == 12
    assert seq_of("scan.tif") is None
