"""The folder check refuses each kind of file the collector refuses, judged by content."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from scanstation.archive.check import check_folder
from scanstation.cli import main
from tests.archive.conftest import noisy_page, page_folder


def codes(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for problem in check_folder(folder).problems:
        found.setdefault(problem.file, set()).add(problem.code)
    return found


def bomb_tiff(path: Path, width: int, height: int) -> None:
    """A valid little TIFF header that claims a huge image, with 8 bytes of data."""
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 5),
               (262, 3, 1, 1), (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, height),
               (279, 4, 1, 8)]
    ifd_offset = 16
    body = struct.pack("<2sHI", b"II", 42, ifd_offset) + b"\0" * 8
    body += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
        body += struct.pack("<HHI", tag, kind, count) + packed
    path.write_bytes(body + struct.pack("<I", 0))


def test_clean_folder_passes(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    report = check_folder(folder)
    assert report.ok, report.problems
    assert [p.name for p in report.files] == ["0001.tif", "0002.tif", "0003.tif"]


def test_each_refusal_is_reported(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 1)
    image = Image.open(folder / "0001.tif")
    image.save(folder / "pdf.tif", "PDF")  # a PDF named like a TIFF
    image.save(folder / "scan.bmp", "BMP", dpi=(200, 200))
    image.save(folder / "scan.png", "PNG", dpi=(200, 200))
    image.save(folder / "raw.tif", compression="raw", dpi=(200, 200))
    image.save(folder / "multi.tif", compression="tiff_lzw", dpi=(200, 200), save_all=True,
               append_images=[image.copy()])
    image.save(folder / "dpi300.tif", compression="tiff_lzw", dpi=(300, 300))
    image.save(folder / "jpeg.tif", "JPEG", dpi=(200, 200))
    full = (folder / "0001.tif").read_bytes()
    (folder / "truncated.tif").write_bytes(full[: len(full) // 2])
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "inner").mkdir()
    with zipfile.ZipFile(folder / "inner" / "x.dat", "w") as zf:  # a ZIP in disguise
        zf.writestr("a.tif", b"data")
    (folder / "archive.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\0" * 40)
    (folder / "archive.tif").write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\0" * 40)
    bomb_tiff(folder / "bomb.tif", 100_000, 100_000)

    found = codes(folder)
    assert "0001.tif" not in found
    assert found["pdf.tif"] == {"wrong_format"}
    assert found["scan.bmp"] == {"wrong_format"}
    assert found["scan.png"] == {"wrong_format"}
    assert found["raw.tif"] == {"tiff_not_lzw"}
    assert found["multi.tif"] == {"multi_page"}
    assert found["dpi300.tif"] == {"wrong_dpi"}
    assert found["jpeg.tif"] == {"extension_mismatch"}
    assert "unreadable" in found["truncated.tif"]
    assert found["empty.jpg"] == {"empty_file"}
    assert found["inner/x.dat"] == {"archive_inside"}
    assert found["inner"] == {"subfolder"}
    assert found["archive.7z"] == {"archive_inside"}
    assert found["archive.tif"] == {"archive_inside"}
    assert found["bomb.tif"] == {"absurd_size"}
    assert not check_folder(folder).ok


def test_bomb_is_refused_without_decoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    bomb_tiff(folder / "bomb.tif", 60_000, 60_000)

    def no_decoding(self: Image.Image) -> None:
        raise AssertionError("decoded a decompression bomb")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    assert codes(folder)["bomb.tif"] == {"absurd_size"}


def test_cli_json_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = page_folder(tmp_path, 2, "good")
    bad = page_folder(tmp_path, 1, "bad")
    noisy_page(bad / "0002.tif", compression="raw")

    assert main(["check", "--json", str(good)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["problems"] == []

    assert main(["check", "--json", str(good), str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    [problem] = data["problems"]
    assert problem["file"] == str(bad / "0002.tif")
    assert problem["severity"] == "error" and problem["code"] == "tiff_not_lzw"
    assert "LZW" in problem["message"] and "без сжатия" in problem["message"]


def test_cli_text_lists_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 1)
    (folder / "0002.tif").write_bytes(b"")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "0002.tif" in out and "Пустой файл" in out


def test_jpeg_pages_are_accepted_and_completeness_needs_both_options(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "jpeg room"
    folder.mkdir()
    Image.open(noisy_page(tmp_path / "src.tif")).save(folder / "0001.jpg", "JPEG",
                                                       dpi=(200, 200))
    assert check_folder(folder).ok
    assert main(["check", "--protocol", str(tmp_path / "p.xlsx"), str(folder)]) == 2
    assert "--profile" in capsys.readouterr().err
