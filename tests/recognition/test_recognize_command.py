"""`scanstation recognize` end to end through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from scanstation.cli import main
from scanstation.samples import render_blank, sample_number
from tests.recognition.conftest import turned


@pytest.fixture
def package(tmp_path: Path) -> dict[str, tuple[str | None, int | None, str]]:
    """A scanned package: pages in nested folders, one unreadable, one damaged, one note."""
    folder = tmp_path / "room 12"
    (folder / "batch2").mkdir(parents=True)
    pages: dict[str, tuple[str | None, int | None, str]] = {}

    def add(name: str, image: Image.Image | None, number: str | None,
            rotation: int | None, status: str) -> None:
        path = folder / name
        if image is None:
            path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
        elif path.suffix == ".tif":
            image.save(path, compression="tiff_lzw", dpi=(200, 200))
        else:
            image.save(path)
        pages[str(path)] = (number, rotation, status)

    first, second, third = (sample_number(1, 19), sample_number(1, 20), sample_number(2, 19))
    add("b-0002.tif", turned(render_blank(second, "QRCode"), 180), second, 180, "ok")
    add("a-0001.tif", render_blank(first, "Code128"), first, 0, "ok")
    add("batch2/c-0003.PNG", turned(render_blank(third, "DataMatrix"), 90).convert("1"),
        third, 90, "ok")
    add("batch2/d-0004.jpg", render_blank(first, with_code=False), None, None, "unreadable")
    add("e-0005.jpeg", None, None, None, "error")
    (folder / "protocol.xlsx").write_bytes(b"not a page")
    (folder / "readme.txt").write_text("not a page", encoding="utf-8")
    return pages


def test_json_lines_in_sorted_order(package: dict[str, tuple[str | None, int | None, str]],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(next(iter(package))).parent
    code = main(["recognize", "--json", str(folder)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == sorted(package)  # no .xlsx/.txt, sorted
    for line in lines:
        number, rotation, status = package[line["file"]]
        assert (line["number"], line["status"]) == (number, status)
        assert {"file", "number", "rotation", "symbology", "status"} <= set(line)
        if status == "ok":
            assert line["rotation"] == rotation
            assert line["symbology"] in ("Code128", "QRCode", "DataMatrix")
    error = next(line for line in lines if line["status"] == "error")
    assert "не читается" in error["message"] and "e-0005.jpeg" in error["message"]
    assert code == 1  # one unreadable page and one damaged file


def test_all_read_exits_zero_and_speaks_russian(
        package: dict[str, tuple[str | None, int | None, str]],
        capsys: pytest.CaptureFixture[str]) -> None:
    good = sorted(path for path, (_, _, status) in package.items() if status == "ok")
    code = main(["recognize", *reversed(good)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split(": ")[0] for line in out] == good
    assert "повернуть на 180°" in "\n".join(out)


def test_unreadable_and_damaged_pages_in_text_mode(
        package: dict[str, tuple[str | None, int | None, str]],
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = sorted(path for path, (_, _, status) in package.items() if status != "ok")
    code = main(["recognize", "--profile", "default", *bad])
    out = capsys.readouterr().out
    assert code == 1
    assert "номер не распознан" in out
    assert "ошибка: " in out


def test_missing_path_is_an_error_line_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["recognize", "--json", str(tmp_path / "nowhere.tif")])
    line = json.loads(capsys.readouterr().out)
    assert (line["status"], line["number"], code) == ("error", None, 1)


def test_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognize", "--json", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "не найдены" in captured.err


def test_every_page_of_a_multi_page_file_gets_its_own_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Vendors' programs save a batch as one TIFF or PDF; BMP pages are read too."""
    first, second, third = sample_number(4, 19), sample_number(4, 20), sample_number(5, 19)
    pages = [render_blank(first, "Code128"), turned(render_blank(second, "QRCode"), 180),
             render_blank(second, with_code=False)]
    pages[0].save(tmp_path / "batch.tif", save_all=True, append_images=pages[1:],
                  compression="tiff_lzw")
    render_blank(third, "PDF417").convert("RGB").save(tmp_path / "scan.pdf", resolution=200)
    render_blank(third, "DataMatrix").save(tmp_path / "single.bmp")
    code = main(["recognize", "--json", str(tmp_path)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    got = [(Path(line["file"]).name, line.get("page"), line["number"], line["status"])
           for line in lines]
    assert got == [
        ("batch.tif", 1, first, "ok"),
        ("batch.tif", 2, second, "ok"),
        ("batch.tif", 3, None, "unreadable"),
        ("scan.pdf", None, third, "ok"),
        ("single.bmp", None, third, "ok"),
    ]
    assert lines[1]["rotation"] == 180
    assert code == 1  # the third page of the batch was not read


def test_a_file_that_breaks_midway_keeps_the_pages_before(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = sample_number(6, 19)
    path = tmp_path / "batch.tif"
    render_blank(number, "Code128").save(path, save_all=True, compression="tiff_lzw",
                                         append_images=[render_blank(number, "Code128")])
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.75)])  # the copy was cut off in the 2nd page
    code = main(["recognize", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == f"{path} [стр. 1]: {number} (Code128)"
    assert out[-1].startswith(f"{path} [стр. 2]: ошибка: ")
