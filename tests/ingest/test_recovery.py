"""Recovery at start: folders and rows agree again after a crash or a hand-edited folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import Package, Page, PageStatus
from scanstation.ingest.packages import PackageService
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.ingest.recognizer_pool import RecognizerPool
from scanstation.ingest.recovery import recover
from scanstation.ingest.storage import INCOMING_DIR, SaveOptions, save_page
from scanstation.samples import sample_number
from tests.ingest.conftest import blank, scanned


def _fill(database: Database, package: Package, count: int) -> None:
    pool = RecognizerPool(workers=0)
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
