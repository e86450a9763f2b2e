"""`scanstation ingest`: pages made elsewhere, multi-page TIFF split, non-images refused in
Russian, a file already taken is not taken twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanstation.cli import main
from scanstation.db import open_database
from scanstation.paths import database_path
from scanstation.samples import sample_number
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank


def test_ingest_folder_then_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "from-other-station"
    source.mkdir()
    blank(1, 1).save(source / "a.png")
    blank(1, 2).convert("RGB").save(source / "b.jpg", quality=92, dpi=(200, 200))
    blank(1, 3).rotate(180).save(source / "c.tif", save_all=True, compression="tiff_lzw",
                                 append_images=[blank(1, 4)], dpi=(200, 200))
    (source / "readme.txt").write_text("not a page", encoding="utf-8")
    (source / "fake.tif").write_bytes(b"II*\0 broken")

    code = main(["ingest", str(source), "--package", "101", "--event", "ОГЭ", "--json",
                 "--workers", "1"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert code == 1  # two files refused
    assert report["pages_added"] == 4
    assert sorted(Path(r["file"]).name for r in report["rejected"]) == ["fake.tif",
                                                                       "readme.txt"]
    assert "не является изображением страницы" in captured.err
    assert report["stats"]["pages"] == 4 and report["stats"]["unreadable"] == 0

    database = open_database(database_path())
    try:
        service = PackageService(database)
        package = service.open("ОГЭ", "101")
        pages = service.pages(package.id)
        assert [p.file_name for p in pages] == ["0001.tif", "0002.tif", "0003.tif", "0004.tif"]
        assert [p.blank_number for p in pages] == [sample_number(1, n, 7) for n in (1, 2, 3, 4)]
        assert [p.rotation for p in pages] == [0, 0, 180, 0]
    finally:
        database.close()

    code = main(["ingest", str(source / "a.png"), str(source / "c.tif"), "--package", "101",
                 "--event", "ОГЭ", "--json", "--workers", "1"])
    again = json.loads(capsys.readouterr().out)
    assert code == 0
    assert again["pages_added"] == 0 and len(again["files_already"]) == 2


def test_missing_file_is_reported_in_russian(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["ingest", str(tmp_path / "nope.tif"), "--package", "1", "--workers", "1"])
    assert code == 1
    assert "Файл не найден" in capsys.readouterr().err
