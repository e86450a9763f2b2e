"""Reads of pages from elsewhere are remembered by the content of their files (real SQLite
file, real TIFF pages): the second `check`/pack/completeness of the same bytes reads no
barcode, a changed file or a new recogniser reads afresh."""

from __future__ import annotations

import logging
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from scanstation.archive.packer import PackOptions, pack_package
from scanstation.completeness import check_folders
from scanstation.db import open_database
from scanstation.db.models import PageRead as PageReadRow
from scanstation.db.store import Database
from scanstation.profile import EventProfile, default_profile
from scanstation.recognition import files as recognition_files
from scanstation.recognition.files import file_sha256, recognise_files
from scanstation.recognition.pool import RecognitionPool
from scanstation.samples import render_blank, sample_number
from tests.protocol.builders import FIGURE4, protocol2
from tests.protocol.pages import filled_blank, save_tiff

TWO = EventProfile(name="omk", pages_per_kit=2)


def room(folder: Path) -> dict[Path, str | None]:
    """Pages scanned elsewhere: two kits of two pages, and one page without a code."""
    folder.mkdir(parents=True)
    pages: dict[Path, str | None] = {}
    for index, (kit, page) in enumerate([(501501, 1), (501501, 2), (501502, 1),
                                         (501502, 2)], start=1):
        path = save_tiff(filled_blank(kit, page, hand=index), folder / f"{index:04d}.tif")
        pages[path] = sample_number(kit, page)
    blank = save_tiff(render_blank("0", with_code=False), folder / "0005.tif")
    pages[blank] = None
    return pages


def numbers(database: Database | None, files: list[Path], pool: RecognitionPool,
            profile: EventProfile = TWO) -> list[str | None]:
    return [item.reads[0].result.number if item.reads[0].result else None
            for item in recognise_files(files, profile, database, pool)]


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return open_database(tmp_path / "station.sqlite3")


def test_second_read_of_the_same_bytes_submits_no_job(tmp_path: Path,
                                                      database: Database) -> None:
    pages = room(tmp_path / "room")
    files = sorted(pages)
    with RecognitionPool(workers=1) as first:
        assert numbers(database, files, first) == [pages[p] for p in files]
        assert first.jobs_submitted == len(files)
    with RecognitionPool(workers=1) as second:
        assert numbers(database, files, second) == [pages[p] for p in files]
        assert second.jobs_submitted == 0
    # Keyed by content: the same files copied elsewhere under other names are known too.
    copies = tmp_path / "copy"
    copies.mkdir()
    renamed = [Path(shutil.copyfile(p, copies / f"x-{p.name}")) for p in files]
    with RecognitionPool(workers=0) as third:
        assert numbers(database, renamed, third) == [pages[p] for p in files]
        assert third.jobs_submitted == 0
    with database.read() as session:
        rows = session.scalars(select(PageReadRow)).all()
    assert {r.sha256 for r in rows} == {file_sha256(p) for p in files}
    assert {(r.page_index, r.pages_in_file) for r in rows} == {(0, 1)}


def test_a_changed_file_and_a_new_recogniser_are_read_again(
        tmp_path: Path, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = room(tmp_path / "room")
    files = sorted(pages)
    with RecognitionPool(workers=0) as pool:
        numbers(database, files, pool)
        changed = files[0]
        save_tiff(filled_blank(501503, 1, hand=9), changed)
        assert numbers(database, files, pool)[0] == sample_number(501503, 1)
        assert pool.jobs_submitted == len(files) + 1  # only the changed file
        monkeypatch.setattr(recognition_files, "RECOGNIZER_VERSION", "test-next")
        numbers(database, files, pool)
        assert pool.jobs_submitted == 2 * len(files) + 1  # everything again
        # Another profile's pattern is another key, but its reads do not push these out.
        other = EventProfile(name="other", pages_per_kit=2, blank_number=r"^\d{20}$|^X$")
        numbers(database, files[:1], pool, other)
        assert pool.jobs_submitted == 2 * len(files) + 2
        numbers(database, files, pool)
        assert pool.jobs_submitted == 2 * len(files) + 2
    with database.read() as session:
        fingerprints = set(session.scalars(select(PageReadRow.recognizer)))
    # The outdated recogniser's reads are dropped, not kept beside the new ones.
    assert fingerprints == {recognition_files.recognizer_fingerprint(TWO),
                            recognition_files.recognizer_fingerprint(other)}


def test_a_damaged_file_is_not_remembered(tmp_path: Path, database: Database) -> None:
    damaged = tmp_path / "0001.tif"
    damaged.write_bytes(b"II*\x00" + b"\x00" * 64)
    with RecognitionPool(workers=0) as pool:
        for _ in range(2):
            (item,) = recognise_files([damaged], TWO, database, pool)
            assert item.reads[0].result is None and item.reads[0].error
        assert pool.jobs_submitted == 2


def _read_counts(caplog: pytest.LogCaptureFixture) -> list[tuple[int, int, int]]:
    """(files, remembered, read) of every `recognise_files` call logged so far."""
    return [tuple(r.args) for r in caplog.records  # type: ignore[misc, arg-type]
            if r.name == "scanstation.recognition.files"
            and r.msg.startswith("recognition:")]


def test_second_completeness_check_of_a_folder_from_elsewhere_reads_nothing(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    open_database().close()  # the station's database exists (SCANSTATION_DATA_DIR)
    folder = tmp_path / "elsewhere"
    room(folder)
    protocol = protocol2(tmp_path / "p2.xlsx", FIGURE4)
    caplog.set_level(logging.INFO, "scanstation.recognition.files")
    first = check_folders([folder], protocol, TWO)
    second = check_folders([folder], protocol, TWO)
    assert _read_counts(caplog) == [(5, 0, 5), (5, 5, 0)]
    assert first.complete == second.complete == ["501501", "501502"]
    assert first.unread == second.unread == (folder / "0005.tif",)


def test_second_pack_of_a_folder_from_elsewhere_reads_nothing(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, database: Database) -> None:
    folder = tmp_path / "Аудитория 9"
    pages = room(folder)
    caplog.set_level(logging.INFO)
    results = [pack_package(folder, PackOptions(out_dir=tmp_path / f"out{n}",
                                                profile=default_profile()), database)
               for n in (1, 2)]
    assert _read_counts(caplog) == [(5, 0, 5), (5, 5, 0)]
    for result in results:
        (archive,) = result.archives
        with zipfile.ZipFile(archive.path) as zf:
            assert zf.testzip() is None
            assert sorted(zf.namelist()) == sorted(f"{folder.name}/{p.name}" for p in pages)
        kits = {sample_number(k, 1)[:6] for k in (501501, 501502)}
        assert set(archive.kits) == kits
