"""Pages through the whole pipeline: saved as scanned, recorded, read in a worker process,
turned upright, previewed, and the quality flag kept current."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import Package, Page, PageStatus
from scanstation.ingest.pipeline import IngestPipeline, PipelineEvent
from scanstation.ingest.thumbnails import thumbnail_path
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.station.actions import PageActions
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank, scanned, unreadable_page


def test_pages_saved_in_scan_order_read_and_upright(
        database: Database, package: Package, process_pool: RecognitionPool) -> None:
    events: list[PipelineEvent] = []
    upright = blank(1, 2)
    pages = [blank(1, 1), upright.rotate(180), upright.rotate(90, expand=True)]
    with IngestPipeline(database, package.id, pool=process_pool,
                        on_event=events.append) as pipeline:
        infos = [pipeline.add_page(scanned(p, i)) for i, p in enumerate(pages, start=1)]
        assert [i.file_name for i in infos] == ["0001.tif", "0002.tif", "0003.tif"]
        assert all(i.status == PageStatus.PENDING for i in infos)
        assert pipeline.wait_idle(timeout=60)
    listed = PackageService(database).pages(package.id)
    assert [p.blank_number for p in listed] == [sample_number(1, 1, 7)] + [
        sample_number(1, 2, 7)] * 2
    assert [p.rotation for p in listed] == [0, 180, 90]
    for page in listed[1:]:  # stored upright: exactly the unrotated pixels
        with Image.open(page.path) as image:
            assert image.size == upright.size
            assert np.array_equal(np.asarray(image), np.asarray(upright))
    with database.session() as session:
        rows = session.scalars(select(Page).order_by(Page.seq)).all()
        for row in rows:
            assert row.phash and len(row.phash) == 16
            assert row.sha256 == __import__("hashlib").sha256(
                (Path(package.folder) / row.file_name).read_bytes()).hexdigest()
    for page in listed:
        with Image.open(thumbnail_path(Path(package.folder), page.file_name)) as thumb:
            assert thumb.width == 200
    kinds = [e.kind for e in events]
    assert kinds.count("saved") == 3 and kinds.count("recognized") == 3


def test_quality_gate_follows_every_change(database: Database, package: Package) -> None:
    pool = RecognitionPool(workers=0)  # in-process: this test is about the flag, not workers
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        for i in range(9):
            pipeline.add_page(scanned(blank(2, i + 1), i))
        unreadable = pipeline.add_page(scanned(unreadable_page(1)))
        pipeline.wait_idle()
        stats = PackageService(database).stats(package.id)
        assert (stats.pages, stats.unreadable, stats.rescan_recommended) == (10, 1, False)
        second = pipeline.add_page(scanned(unreadable_page(2)))
        pipeline.wait_idle()
    stats = PackageService(database).stats(package.id)
    assert stats.unreadable == 2 and stats.unreadable_percent == 18.2
    assert stats.rescan_recommended is True
    with database.session() as session:
        assert session.get(Package, package.id).rescan_recommended is True  # type: ignore[union-attr]
    actions = PageActions(database)
    actions.set_number(second.id, sample_number(3, 1, 7))
    assert PackageService(database).stats(package.id).rescan_recommended is False
    actions.delete(unreadable.id)
    assert PackageService(database).stats(package.id).unreadable == 0
    pool.shutdown()


def test_numbering_continues_and_never_reuses_a_name(
        database: Database, package: Package) -> None:
    folder = Path(package.folder)
    blank(4, 1).save(folder / "0041.tif", compression="tiff_lzw")  # made elsewhere
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        first = pipeline.add_page(scanned(blank(4, 2)))
        assert first.file_name == "0042.tif"
        second = pipeline.add_page(scanned(blank(4, 3)))
    PageActions(database).delete(second.id)  # 0043 goes to the trash
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        assert pipeline.add_page(scanned(blank(4, 4))).file_name == "0044.tif"
    pool.shutdown()


def test_blank_back_is_kept_but_not_read_or_counted(
        database: Database, package: Package) -> None:
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        back = scanned(Image.new("L", (1654, 2339), 255))
        back.blank_back = True
        info = pipeline.add_page(back)
        pipeline.add_page(scanned(blank(5, 1)))
    assert info.path.exists() and info.blank_back
    stats = PackageService(database).stats(package.id)
    assert stats.pages == 1 and stats.unreadable == 0
    pool.shutdown()


def test_jpeg_option(database: Database, package: Package) -> None:
    from scanstation.ingest.storage import SaveOptions

    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool,
                        options=SaveOptions("jpeg", 200, 85)) as pipeline:
        info = pipeline.add_page(scanned(blank(6, 1)))
    pool.shutdown()
    assert info.file_name == "0001.jpg"
    (page,) = PackageService(database).pages(package.id)
    assert page.blank_number == sample_number(6, 1, 7)
    with Image.open(page.path) as image:
        assert image.format == "JPEG" and image.mode == "L"


def test_a_worker_killed_mid_batch_loses_no_reading(
        database: Database, package: Package) -> None:
    """The OS kills a recognition worker (out of memory, a crashing decoder): the pool is
    restarted and every page still gets read."""
    import os
    import signal
    import time

    pool = RecognitionPool(workers=1)
    (victim,) = pool.warm_up()
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        for i in range(6):
            pipeline.add_page(scanned(blank(10, i + 1), i + 1))
        os.kill(victim, getattr(signal, "SIGKILL", signal.SIGTERM))  # Windows: TerminateProcess
        time.sleep(0.2)
        pipeline.add_page(scanned(blank(10, 7), 7))
        assert pipeline.wait_idle(timeout=90)
        assert victim not in pool.worker_pids()
    pool.shutdown()
    pages = PackageService(database).pages(package.id)
    assert [p.blank_number for p in pages] == [sample_number(10, n, 7) for n in range(1, 8)]


def test_a_name_another_writer_recorded_meanwhile_moves_the_page_to_the_next(
        database: Database, package: Package) -> None:
    """Another process recorded `0001.tif` after this pipeline chose its next number (its
    file not there yet, or gone): the unique row refuses ours, and the page file moves on
    to the next free name instead of failing or overwriting anything."""
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        with database.session() as session:
            session.add(Page(package_id=package.id, seq=1, file_name="0001.tif",
                             sha256="0" * 64, size_bytes=1, width_px=1, height_px=1,
                             status=PageStatus.PENDING, file_missing=True))
        info = pipeline.add_page(scanned(blank(4, 1)))
        pipeline.wait_idle(60)
    pool.shutdown()
    assert info.file_name == "0002.tif"
    folder = Path(package.folder)
    assert sorted(p.name for p in folder.glob("*.tif")) == ["0002.tif"]
    with database.session() as session:
        rows = {p.file_name: p for p in session.scalars(select(Page))}
    assert sorted(rows) == ["0001.tif", "0002.tif"]
    assert rows["0002.tif"].blank_number == sample_number(4, 1, 7)


def test_page_of_a_source_file_recorded_before_is_not_taken_again(
        database: Database, package: Package) -> None:
    events: list[PipelineEvent] = []
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool, on_event=events.append) as pipeline:
        first = scanned(blank(4, 2))
        first.source_sha256, first.source_page = "a" * 64, 2
        kept = pipeline.add_page(first)
        again = scanned(blank(4, 2))
        again.source_sha256, again.source_page = "a" * 64, 2
        confirmed: list[bool] = []
        again.on_recorded = lambda: confirmed.append(True)
        assert pipeline.add_page(again).id == kept.id
        pipeline.wait_idle(60)
    pool.shutdown()
    assert confirmed == [True]  # the hot folder may acknowledge its file
    assert len(PackageService(database).pages(package.id)) == 1
    skipped = [e for e in events if e.kind == "skipped"]
    assert len(skipped) == 1 and "уже принята" in skipped[0].message
