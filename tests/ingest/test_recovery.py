"""Recovery at start: folders and rows agree again after a crash or a hand-edited folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import Package, Page, PageStatus
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.ingest.recovery import recover
from scanstation.ingest.storage import INCOMING_DIR, SaveOptions, save_page
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank, scanned


def _fill(database: Database, package: Package, count: int) -> None:
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        for i in range(count):
            pipeline.add_page(scanned(blank(3, i + 1), i + 1))
    pool.shutdown()


def test_orphans_adopted_missing_flagged_leftovers_removed(
        database: Database, package: Package) -> None:
    _fill(database, package, 3)
    folder = Path(package.folder)
    (folder / "0002.tif").unlink()  # someone deleted a page by hand
    save_page(blank(3, 9), folder / "0004.tif", SaveOptions())  # saved, row never written
    (folder / INCOMING_DIR / "0005.tif.tmp").write_bytes(b"II*\0half a page")
    (report,) = recover(database)
    assert report.missing == ["0002.tif"]
    assert report.adopted == ["0004.tif"]
    assert report.removed_temp == [f"{INCOMING_DIR}/0005.tif.tmp"]
    assert report.pending_requeued == 1
    pages = {p.file_name: p for p in PackageService(database).pages(package.id)}
    assert pages["0002.tif"].file_missing
    assert pages["0004.tif"].status == PageStatus.OK
    assert pages["0004.tif"].blank_number == sample_number(3, 9, 7)
    assert not any((folder / INCOMING_DIR).iterdir())
    again = recover(database)[0]
    assert not again.changed  # a second start finds nothing to do


def test_pending_rows_are_read_again(database: Database, package: Package) -> None:
    folder = Path(package.folder)
    save_page(blank(3, 1), folder / "0001.tif", SaveOptions())
    with database.session() as session:  # a row committed, recognition never ran
        session.add(Page(package_id=package.id, seq=1, file_name="0001.tif", sha256="0" * 64,
                         size_bytes=1, width_px=1, height_px=1, status=PageStatus.PENDING))
    (report,) = recover(database)
    assert report.pending_requeued == 1
    with database.session() as session:
        page = session.scalar(select(Page))
        assert page is not None and page.status == PageStatus.OK
        assert page.sha256 != "0" * 64  # facts taken again from the file


def test_interrupted_move_finished_from_the_row(database: Database, package: Package) -> None:
    _fill(database, package, 2)
    folder = Path(package.folder)
    (folder / ".trash").mkdir()
    shutil.move(folder / "0002.tif", folder / ".trash" / "0002.tif")  # file moved, row not
    (report,) = recover(database)
    assert report.relinked == ["0002.tif"] and report.missing == []
    assert (folder / "0002.tif").exists()
    assert not (folder / ".trash" / "0002.tif").exists()


def test_absent_package_folder_is_not_recreated(database: Database, package: Package) -> None:
    _fill(database, package, 2)
    folder = Path(package.folder)
    shutil.rmtree(folder)  # e.g. the disk holding it is not plugged in
    (report,) = recover(database)
    assert report.missing == ["0001.tif", "0002.tif"]
    assert not folder.exists()
    assert PackageService(database).stats(package.id).missing_files == 2


def _bad_files(folder: Path) -> dict[str, bytes]:
    """What finds its way into a package folder: a non-image named like a page, a TIFF cut
    off by a pulled stick, a stray PDF someone saved there."""
    truncated = (folder / "0001.tif").read_bytes()
    bad = {"0005.tif": b"this is no image at all, only a name that looks like a page\n",
           "0006.tif": truncated[: len(truncated) // 3],
           "protocol.pdf": b"%PDF-1.4\n% someone's stray file\n"}
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return bad


def test_bad_and_foreign_files_are_quarantined_and_good_pages_recovered(
        database: Database, package: Package) -> None:
    _fill(database, package, 2)
    folder = Path(package.folder)
    save_page(blank(3, 9), folder / "0004.tif", SaveOptions())  # a good orphan
    bad = _bad_files(folder)
    (report,) = recover(database)  # must not raise: one bad file never stops the start
    assert report.adopted == ["0004.tif"]
    quarantine = folder / ".quarantine"
    for name, data in bad.items():
        assert not (folder / name).exists()
        assert (quarantine / name).read_bytes() == data  # set aside byte for byte
        assert (quarantine / f"{name}.txt").read_text(encoding="utf-8").strip()
    assert sorted(name for name, _ in report.quarantined) == sorted(
        f".quarantine/{name}" for name in bad)
    messages = "\n".join(report.messages())
    assert "перенесён в папку .quarantine" in messages
    assert "не читается как изображение" in messages and "не страница пакета" in messages
    pages = {p.file_name: p for p in PackageService(database).pages(package.id)}
    assert sorted(pages) == ["0001.tif", "0002.tif", "0004.tif"]
    assert pages["0004.tif"].blank_number == sample_number(3, 9, 7)
    assert not recover(database)[0].changed  # the next start finds nothing to do


def test_a_quarantined_name_is_never_overwritten(database: Database, package: Package) -> None:
    _fill(database, package, 1)
    folder = Path(package.folder)
    for round_ in (1, 2):
        (folder / "0009.tif").write_bytes(f"junk {round_}".encode())
        recover(database)
    assert (folder / ".quarantine" / "0009.tif").read_bytes() == b"junk 1"
    assert (folder / ".quarantine" / "0009 (2).tif").read_bytes() == b"junk 2"


def test_package_held_by_another_process_is_left_for_later(
        database: Database, package: Package) -> None:
    import subprocess
    import sys

    _fill(database, package, 1)
    folder = Path(package.folder)
    (folder / "0007.tif").write_bytes(b"junk")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from scanstation.package_lock import PackageLock; "
         "PackageLock(Path(sys.argv[1]), 'scanstation ingest').acquire(); "
         "print('held', flush=True); time.sleep(600)", str(folder)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        (report,) = recover(database)
        assert "сейчас изменяет другая программа: scanstation ingest" in report.error
        assert (folder / "0007.tif").exists()  # untouched while another program writes
    finally:
        holder.kill()
        holder.wait(timeout=30)
    (report,) = recover(database)
    assert report.error == "" and [n for n, _ in report.quarantined] == [".quarantine/0007.tif"]


def test_ingest_command_starts_despite_a_bad_file_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scanstation.cli import main

    folder = tmp_path / "Аудитория 9"
    save_page(blank(3, 1), folder / "0001.tif", SaveOptions())  # left by a crash
    (folder / "0005.tif").write_bytes(b"not an image")
    source = tmp_path / "more"
    source.mkdir()
    blank(3, 2).save(source / "x.png")
    code = main(["ingest", str(source), "--package", "9", "--folder", str(folder),
                 "--workers", "1", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "0005.tif" in captured.err and ".quarantine" in captured.err
    assert any("0005.tif" in line for line in json.loads(captured.out)["recovery"])
    assert json.loads(captured.out)["stats"]["pages"] == 2  # the crash's page and the new one
    assert (folder / ".quarantine" / "0005.tif").read_bytes() == b"not an image"
    assert main(["info"]) == 0
