"""Operator fixes: rotate, type the number, delete to trash, restore, replace — audited."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import select

from scanstation.db import Database
from scanstation.db.models import AuditEntry, Kit, Package, Page, PageStatus, ReadMethod
from scanstation.errors import PageActionError
from scanstation.ingest.pages import PageInfo
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import sample_number
from scanstation.station.actions import PageActions
from scanstation.station.packages import PackageService
from tests.ingest.conftest import blank, scanned, unreadable_page


def _fill(database: Database, package: Package, images: list[Image.Image]) -> list[PageInfo]:
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        infos = [pipeline.add_page(scanned(im, i)) for i, im in enumerate(images, 1)]
    pool.shutdown()
    return infos


def _audit(database: Database) -> list[tuple[str, dict[str, object]]]:
    with database.session() as session:
        return [(a.action, json.loads(a.details or "{}"))
                for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_rotate_is_lossless_and_audited(database: Database, package: Package) -> None:
    page = blank(1, 1)
    (info,) = _fill(database, package, [page])
    actions = PageActions(database)
    turned = actions.rotate(info.id, 90)
    with Image.open(turned.path) as image:
        assert image.size == (page.height, page.width)
    back = actions.rotate(info.id, 270)
    assert back.rotation == 0
    with Image.open(back.path) as image:
        assert np.array_equal(np.asarray(image), np.asarray(page))
    assert [a for a, _ in _audit(database)] == ["page_rotated", "page_rotated"]
    assert _audit(database)[0][1] == {"degrees": 90, "file": "0001.tif"}
    with pytest.raises(PageActionError):
        actions.rotate(info.id, 45)


def test_manual_number_checked_against_profile_not_protocol(
        database: Database, package: Package) -> None:
    (info,) = _fill(database, package, [unreadable_page()])
    actions = PageActions(database)
    with pytest.raises(PageActionError, match="не номер бланка"):
        actions.set_number(info.id, "12345")
    with database.session() as session:
        session.add(Kit(event_id=package.event_id, number="000001"))
    # A kit the protocol does not list is accepted, as a barcode read of it would be.
    outside = actions.set_number(info.id, sample_number(2, 1), operator="Оператор 1")
    assert (outside.blank_number, outside.status) == (sample_number(2, 1), PageStatus.OK)
    assert _audit(database)[-1] == ("page_number_set", {
        "file": "0001.tif", "number": sample_number(2, 1), "previous": None,
        "how": "typed", "suggestion": None, "operator": "Оператор 1"})
    fixed = actions.set_number(info.id, " " + sample_number(1, 3) + " ")
    assert (fixed.blank_number, fixed.status, fixed.read_method) == (
        sample_number(1, 3), PageStatus.OK, ReadMethod.MANUAL)
    assert _audit(database)[-1] == ("page_number_set", {
        "file": "0001.tif", "number": sample_number(1, 3), "previous": sample_number(2, 1),
        "how": "typed", "suggestion": None})


def test_delete_to_trash_and_restore(database: Database, package: Package) -> None:
    infos = _fill(database, package, [blank(1, 1), blank(1, 2)])
    folder = Path(package.folder)
    content = infos[1].path.read_bytes()
    actions = PageActions(database)
    gone = actions.delete(infos[1].id)
    assert gone.trashed and gone.file_name == ".trash/0002.tif"
    assert not (folder / "0002.tif").exists()
    assert (folder / ".trash" / "0002.tif").read_bytes() == content
    assert [p.file_name for p in PackageService(database).pages(package.id)] == ["0001.tif"]
    back = actions.restore(infos[1].id)
    assert (back.file_name, back.seq, back.trashed) == ("0002.tif", 2, False)
    assert (folder / "0002.tif").read_bytes() == content
    assert [a for a, _ in _audit(database)] == ["page_deleted", "page_restored"]


def test_replace_by_rescan_takes_the_place(database: Database, package: Package) -> None:
    infos = _fill(database, package, [blank(1, 1), unreadable_page(), blank(1, 3)])
    old_bytes = infos[1].path.read_bytes()
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        new = pipeline.replace_page(infos[1].id, scanned(blank(1, 2)))
        pipeline.wait_idle()
    pool.shutdown()
    assert (new.seq, new.file_name) == (2, "0002.tif")
    pages = PackageService(database).pages(package.id)
    assert [(p.seq, p.file_name, p.blank_number) for p in pages] == [
        (1, "0001.tif", sample_number(1, 1, 7)), (2, "0002.tif", sample_number(1, 2, 7)),
        (3, "0003.tif", sample_number(1, 3, 7))]
    assert (Path(package.folder) / ".trash" / "0002.tif").read_bytes() == old_bytes
    with database.session() as session:
        old = session.get(Page, infos[1].id)
        assert old is not None and old.trashed_at is not None
    assert PackageService(database).stats(package.id).unreadable == 0


def test_restore_refused_once_archives_exported(database: Database, package: Package) -> None:
    from scanstation.db.models import Archive, Export
    from scanstation.ingest.trash import purge

    (info,) = _fill(database, package, [blank(2, 1)])
    actions = PageActions(database)
    actions.delete(info.id)
    with database.session() as session:
        archive = Archive(package_id=package.id, path="/media/usb/101.zip", size_bytes=1,
                          sha256="0" * 64, files_count=0)
        session.add(archive)
        session.flush()
        session.add(Export(archive_id=archive.id, target_path="/media/usb",
                           finished_at=__import__("datetime").datetime.now()))
    assert purge(Path(package.folder)) == 1
    with pytest.raises(PageActionError, match="нельзя восстановить"):
        actions.restore(info.id)


def test_thumbnails_of_a_page_and_its_trashed_predecessor_differ(
        database: Database, package: Package) -> None:
    from scanstation.station.packages import thumbnail_of

    infos = _fill(database, package, [blank(2, 1)])
    pool = RecognitionPool(workers=0)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        new = pipeline.replace_page(infos[0].id, scanned(blank(2, 2)))
    pool.shutdown()
    (old,) = [p for p in PackageService(database).pages(package.id, include_trashed=True)
              if p.trashed]
    first, second = thumbnail_of(old), thumbnail_of(new)
    assert first != second
    with Image.open(first) as a, Image.open(second) as b:
        assert a.width == b.width == 200
        assert not np.array_equal(np.asarray(a), np.asarray(b))


def test_replace_while_the_old_page_is_still_being_read(
        database: Database, package: Package) -> None:
    """The worker's upright version of the old page must never land on the rescan that
    took its name: it is staged and only put in place if the row is unchanged."""
    import threading

    from scanstation.recognition import read_blank_number

    gate = threading.Event()

    def slow_reader(image, profile, kits):  # type: ignore[no-untyped-def]
        gate.wait(20)  # the operator acts while this page is being read
        return read_blank_number(image, profile, kits)

    pool = RecognitionPool(workers=0, reader=slow_reader)
    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        old = pipeline.add_page(scanned(blank(7, 1).rotate(180)))  # read as upside down
        new = pipeline.replace_page(old.id, scanned(blank(7, 2)))
        rescan_bytes = new.path.read_bytes()
        gate.set()
        assert pipeline.wait_idle(timeout=60)
    pool.shutdown()
    (page,) = PackageService(database).pages(package.id)
    assert (page.file_name, page.blank_number) == ("0001.tif", sample_number(7, 2, 7))
    assert page.path.read_bytes() == rescan_bytes
    trashed = Path(package.folder) / ".trash" / "0001.tif"
    with Image.open(trashed) as image:  # the old page kept exactly as scanned
        assert np.array_equal(np.asarray(image), np.asarray(blank(7, 1).rotate(180)))
    assert not any((Path(package.folder) / ".incoming").iterdir())


def test_operator_edits_while_pages_stream_in(database: Database, package: Package) -> None:
    """The window's actions, the page writer and the result thread write at once: no
    «database is locked», every page and every edit lands."""
    import threading

    from scanstation.ingest.feeder import PageFeeder

    infos = _fill(database, package, [unreadable_page(i) for i in range(4)])
    pool = RecognitionPool(workers=0)
    errors: list[BaseException] = []

    def operator() -> None:
        actions = PageActions(database)
        try:
            for round_no in range(3):
                for i, info in enumerate(infos):
                    actions.set_number(info.id, sample_number(8, i + 1, round_no))
                    actions.rotate(info.id, 180)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    with IngestPipeline(database, package.id, pool=pool) as pipeline:
        feeder = PageFeeder(pipeline)
        worker = threading.Thread(target=operator)
        worker.start()
        for i in range(8):
            feeder.feed(scanned(blank(9, i + 1), i + 1))
        worker.join(timeout=120)
        feeder.close()
        pipeline.wait_idle()
    pool.shutdown()
    assert errors == []
    pages = PackageService(database).pages(package.id)
    assert len(pages) == 12
    assert [p.blank_number for p in pages[:4]] == [sample_number(8, i + 1, 2) for i in range(4)]
    assert [p.rotation for p in pages[:4]] == [180 * 3 % 360] * 4
    assert all(p.status == "ok" for p in pages)
