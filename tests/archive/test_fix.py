"""The explicit fixes: each turns a refused file into pages the check accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from scanstation.archive.check import check_folder
from scanstation.archive.fixes import fix_folder
from scanstation.cli import main
from tests.archive.conftest import noisy_page, page_folder


def test_fix_all_repairs_multipage_raw_pdf_png(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 1)
    page = Image.open(folder / "0001.tif")
    page.save(folder / "0002.tif", compression="tiff_lzw", dpi=(200, 200), save_all=True,
              append_images=[page.rotate(180)])
    noisy_page(folder / "0003.tif", seed=3, compression="raw")
    page.save(folder / "0004.pdf", "PDF", resolution=200.0, save_all=True,
              append_images=[page.copy()])
    page.save(folder / "0005.png", "PNG", dpi=(200, 200))
    raw_pixels = Image.open(folder / "0003.tif").tobytes()
    assert not check_folder(folder).ok

    assert main(["fix", "--json", "--dry-run", "--all", str(folder)]) == 1
    planned = json.loads(capsys.readouterr().out)["fixed"]
    assert sorted(f["file"] for f in planned) == ["0002.tif", "0003.tif", "0004.pdf", "0005.png"]
    assert (folder / "0004.pdf").exists()  # a dry run changes nothing

    assert main(["fix", "--json", "--all", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["problems"] == []
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert names == ["0001.tif", "0002_01.tif", "0002_02.tif", "0003.tif", "0004_01.tif",
                     "0004_02.tif", "0005.tif"]
    assert Image.open(folder / "0003.tif").tobytes() == raw_pixels  # lossless re-save
    assert Image.open(folder / "0002_02.tif").tobytes() == page.rotate(180).tobytes()
    assert Image.open(folder / "0004_01.tif").info["dpi"] == (200, 200)
    originals = sorted(p.name for p in (folder / ".originals").iterdir())
    assert originals == ["0002.tif", "0003.tif", "0004.pdf", "0005.png"]


def test_fix_only_what_is_asked(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 1)
    noisy_page(folder / "0002.tif", seed=2, compression="raw")
    noisy_page(folder / "0003.png", seed=3)
    done = fix_folder(folder, {"to-lzw"})
    assert [d.source for d in done] == ["0002.tif"]
    assert [p.code for p in check_folder(folder).problems] == ["wrong_format"]
