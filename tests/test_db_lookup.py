"""The one way a package is found by its folder (and an archive by its file), on a real
SQLite database and real folders: spelled another way it is the same package, a folder
from elsewhere is none, and packing and completeness agree."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanstation.archive.packer import PackOptions, pack_package
from scanstation.completeness.sources import known_package_pages
from scanstation.db import Database, open_database
from scanstation.db.lookup import archive_at, package_of_folder, path_key
from scanstation.db.models import Archive, Event, Package, Page, PageStatus
from scanstation.paths import packages_dir
from scanstation.samples import sample_number
from scanstation.station.packages import PackageError, PackageService
from tests.archive.conftest import noisy_page

CASE_SENSITIVE = os.path.normcase("A") != os.path.normcase("a")  # Windows folds case
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges")


@pytest.fixture
def database() -> Iterator[Database]:
    """The station's own database (in the test's data folder), as the commands open it."""
    opened = open_database()
    yield opened
    opened.close()


def found(database: Database, folder: Path) -> int | None:
    with database.read() as session:
        package = package_of_folder(session, folder)
        return package.id if package is not None else None


def scanned_package(database: Database, name: str = "Аудитория 101",
                    folder: Path | None = None, pages: int = 2) -> tuple[int, Path]:
    """A package made as the window makes it, with page files and their rows."""
    package = PackageService(database).open("ОМК 2026", name, folder=folder)
    root = Path(package.folder)
    with database.session() as session:
        for seq in range(1, pages + 1):
            path = noisy_page(root / f"{seq:04d}.tif", seed=seq)
            session.add(Page(package_id=package.id, seq=seq, file_name=path.name,
                             status=PageStatus.OK, blank_number=sample_number(seq, 1),
                             sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                             size_bytes=path.stat().st_size, width_px=420, height_px=560))
    return package.id, root


def test_a_folder_in_the_station_s_data_root_is_found_however_it_is_spelled(
        database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package_id, folder = scanned_package(database)
    assert folder.is_relative_to(packages_dir())
    assert found(database, folder) == package_id
    assert found(database, Path(str(folder) + os.sep)) == package_id  # typed with a slash
    assert found(database, folder.parent / ".." / folder.parent.name / folder.name) \
        == package_id
    monkeypatch.chdir(folder.parent)
    assert found(database, Path(folder.name)) == package_id  # relative to the working dir
    other_case = folder.with_name(folder.name.upper())
    assert found(database, other_case) == (None if CASE_SENSITIVE else package_id)


def test_a_folder_from_elsewhere_is_found_only_when_a_package_was_made_in_it(
        database: Database, tmp_path: Path) -> None:
    elsewhere = tmp_path / "stick" / "Аудитория 1"
    package_id, folder = scanned_package(database, "Аудитория 1", folder=elsewhere)
    assert folder == elsewhere.resolve()
    assert found(database, elsewhere) == package_id
    assert found(database, tmp_path / "stick" / "Аудитория 10") is None  # a prefix only
    unknown = tmp_path / "from the school"
    unknown.mkdir()
    assert found(database, unknown) is None


@needs_symlinks
def test_a_symlink_and_a_row_written_through_one_find_the_same_package(
        database: Database, tmp_path: Path) -> None:
    package_id, folder = scanned_package(database)
    link = tmp_path / "shortcut"
    link.symlink_to(folder, target_is_directory=True)
    assert found(database, link) == package_id
    assert found(database, Path(str(link) + os.sep)) == package_id
    # A row an older version stored through the link is found by the real folder too.
    real = tmp_path / "real room"
    real.mkdir()
    linked = tmp_path / "linked room"
    linked.symlink_to(real, target_is_directory=True)
    with database.session() as session:
        event = Event(name="old", profile_name="default")
        row = Package(event=event, name="old room", folder=str(linked))
        session.add(row)
        session.flush()
        old_id = row.id
    assert found(database, real) == old_id
    assert path_key(linked) == path_key(real)


def test_a_folder_already_taken_is_refused_when_spelled_another_way(
        database: Database, tmp_path: Path) -> None:
    _package_id, folder = scanned_package(database)
    with pytest.raises(PackageError):
        PackageService(database).open("ОМК 2026", "другое имя",
                                      folder=folder.parent / "." / folder.name)


@needs_symlinks
def test_packing_and_completeness_know_the_package_through_a_symlink(
        database: Database, tmp_path: Path) -> None:
    package_id, folder = scanned_package(database, pages=3)
    link = tmp_path / "room link"
    link.symlink_to(folder, target_is_directory=True)
    pages = known_package_pages(Path(str(link) + os.sep), database)
    assert pages is not None and [p.blank_number for p in pages] == [
        sample_number(seq, 1) for seq in (1, 2, 3)]
    result = pack_package(link, PackOptions(out_dir=tmp_path / "out"), database)
    assert result.package_id == package_id  # the database's pages, not a new reading
    with database.read() as session:
        [archive] = session.query(Archive).all()
        assert archive.package_id == package_id
        found_archive = archive_at(session, tmp_path / "out" / ".." / "out"
                                   / Path(archive.path).name)
        assert found_archive is not None and found_archive.id == archive.id


def test_the_newest_archive_row_of_a_reused_path_is_the_one(database: Database,
                                                           tmp_path: Path) -> None:
    package_id, _folder = scanned_package(database)
    path = tmp_path / "out" / "Аудитория 101.zip"
    with database.session() as session:
        for sha in ("a" * 64, "b" * 64):  # packed, then packed again with --replace
            session.add(Archive(package_id=package_id, path=str(path), part_no=1,
                                parts_total=1, size_bytes=1, sha256=sha, files_count=1))
    with database.read() as session:
        newest = archive_at(session, path)
        assert newest is not None and newest.sha256 == "b" * 64
        assert archive_at(session, path.with_name("other.zip")) is None
