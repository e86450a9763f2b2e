"""Packing: refusals, the split, encryption round trips; every archive made is re-opened."""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
import pyzipper

from scanstation.archive.errors import ArchiveError, Cancelled, FolderRejected
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.archive.verify import verify_archive
from scanstation.archive.zipwriter import Encryption
from scanstation.db import Database, open_database
from scanstation.db.models import Archive, Event, Package, Page, PageStatus
from scanstation.fsutil import TMP_SUFFIX
from scanstation.samples import sample_number
from tests.archive.conftest import noisy_page, page_folder


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def register_package(database: Database, folder: Path, kits: list[int]) -> None:
    """A scanned package in the database: page i belongs to kit kits[i]."""
    with database.session() as session:
        event = Event(name="ОМК 2026", profile_name="default")
        package = Package(event=event, name=folder.name, folder=str(folder))
        for i, kit in enumerate(kits):
            path = folder / f"{i + 1:04d}.tif"
            package.pages.append(Page(
                seq=i + 1, file_name=path.name, sha256=sha(path), size_bytes=path.stat().st_size,
                width_px=420, height_px=560, blank_number=sample_number(kit, 1 + i % 4),
                status=PageStatus.OK))
        session.add(package)


def read_back(archive: Path, password: str | None = None) -> dict[str, bytes]:
    opener = pyzipper.AESZipFile if password else zipfile.ZipFile
    with opener(archive) as zf:
        if password:
            zf.setpassword(password.encode())
        assert zf.testzip() is None
        return {info.filename: zf.read(info) for info in zf.infolist()}


def test_single_archive_stored_utf8_with_manifest_beside(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    result = pack_package(folder, PackOptions(out_dir=tmp_path / "out"))
    [packed] = result.archives
    assert packed.path.name == "Аудитория 101.zip"
    with zipfile.ZipFile(packed.path) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == [f"Аудитория 101/{n:04d}.tif" for n in (1, 2, 3)]
    assert all(i.compress_type == zipfile.ZIP_STORED and i.flag_bits & 0x800 for i in infos)
    members = read_back(packed.path)
    assert all(members[f"Аудитория 101/{p.name}"] == p.read_bytes() for p in folder.iterdir())
    manifest = json.loads(packed.manifest.read_text(encoding="utf-8"))
    assert packed.manifest.parent == packed.path.parent
    assert manifest["archive_sha256"] == sha(packed.path) == packed.sha256
    assert [p["sha256"] for p in manifest["pages"]] == [sha(folder / f"{n:04d}.tif")
                                                       for n in (1, 2, 3)]
    assert not list((tmp_path / "out").glob(f"*{TMP_SUFFIX}"))
    assert verify_archive(packed.path).ok


def test_split_keeps_kits_whole_and_every_part_within_limit(tmp_path: Path) -> None:
    kits = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5]
    folder = page_folder(tmp_path, len(kits))
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, kits)
    page_size = (folder / "0001.tif").stat().st_size
    limit = page_size * 4 + 2000  # room for about four pages
    result = pack_package(folder, PackOptions(out_dir=tmp_path / "out", limit=limit), database)

    seen: list[str] = []
    kit_parts: dict[str, set[int]] = {}
    for packed in result.archives:
        assert packed.path.stat().st_size <= limit
        assert packed.sha256 == sha(packed.path)  # taken while writing: the file's own
        for name in read_back(packed.path):
            seen.append(name)
            kit = f"{kits[int(name[-8:-4]) - 1]:06d}"
            kit_parts.setdefault(kit, set()).add(packed.part_no)
    assert sorted(seen) == sorted(f"{folder.name}/{i + 1:04d}.tif" for i in range(len(kits)))
    assert all(len(parts) == 1 for parts in kit_parts.values()), kit_parts
    total = sum(a.size for a in result.archives)
    assert len(result.archives) == -(-total // limit)  # as few parts as the sizes allow
    names = [a.path.name for a in result.archives]
    assert names[0] == f"{folder.name}_1_of_{len(names)}.zip"
    with database.session() as session:
        rows = session.query(Archive).order_by(Archive.part_no).all()
        assert [r.sha256 for r in rows] == [a.sha256 for a in result.archives]
        assert sum(len(r.members) for r in rows) == len(kits)
        assert all(m.page_id is not None for r in rows for m in r.members)
        assert all(r.verified_at is not None for r in rows)
    database.close()


def test_refuses_folder_that_fails_the_check(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 2)
    noisy_page(folder / "0003.tif", compression="raw")
    with pytest.raises(FolderRejected, match="без сжатия LZW"):
        pack_package(folder, PackOptions(out_dir=tmp_path / "out"))
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_refuses_kit_larger_than_limit(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, [7, 7, 7])
    limit = (folder / "0001.tif").stat().st_size * 2 + 1000
    with pytest.raises(ArchiveError, match="комплект 000007"):
        pack_package(folder, PackOptions(out_dir=tmp_path / "out", limit=limit), database)
    database.close()


def test_refuses_folder_changed_since_scanning(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 2)
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, [1, 1])
    noisy_page(folder / "0003.tif", seed=9)
    with pytest.raises(FolderRejected, match=r"0003\.tif"):
        pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database)
    (folder / "0003.tif").unlink()
    noisy_page(folder / "0002.tif", seed=42)  # same name, other content than scanned
    with pytest.raises(ArchiveError, match="sha256"):
        pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database)
    assert not list((tmp_path / "out").iterdir())  # nothing left looking complete
    database.close()


@pytest.mark.parametrize("changed", ["0001.tif", "0006.tif"])
def test_a_part_failing_verification_leaves_no_part_of_the_run(tmp_path: Path,
                                                               changed: str) -> None:
    """Parts are verified on a second thread while the next is written: a failure in the
    first part (found while later ones are written) or in the last leaves no file."""
    kits = [1, 1, 2, 2, 3, 3]
    folder = page_folder(tmp_path, len(kits))
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, kits)
    noisy_page(folder / changed, seed=42)  # same name, other content than scanned
    limit = (folder / "0001.tif").stat().st_size * 2 + 2000  # one kit a part
    with pytest.raises(ArchiveError, match=changed.replace(".", r"\.") + ".*sha256"):
        pack_package(folder, PackOptions(out_dir=tmp_path / "out", limit=limit), database)
    assert not list((tmp_path / "out").iterdir())
    database.close()


def test_aes_round_trip(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 2)
    options = PackOptions(out_dir=tmp_path / "out", encryption=Encryption.AES,
                          password="Секрет-42")
    [packed] = pack_package(folder, options).archives
    members = read_back(packed.path, "Секрет-42")
    assert members[f"{folder.name}/0002.tif"] == (folder / "0002.tif").read_bytes()
    with pyzipper.AESZipFile(packed.path) as zf:
        assert all(i.flag_bits & 1 for i in zf.infolist())
        zf.setpassword(b"wrong")
        with pytest.raises(RuntimeError):
            zf.read(zf.namelist()[0])
    assert not verify_archive(packed.path, "wrong").ok
    assert verify_archive(packed.path, "Секрет-42").ok
    assert "Секрет-42" not in packed.manifest.read_text(encoding="utf-8")
    # AES entries patch their headers after the data: the sha256 is read from the file.
    assert packed.sha256 == sha(packed.path)


@pytest.mark.posix_only("checks ZipCrypto with Info-ZIP's `unzip -P` (Linux tool)")
def test_zipcrypto_round_trip_with_zipfile_and_unzip(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 2, "room")
    options = PackOptions(out_dir=tmp_path / "out", encryption=Encryption.ZIPCRYPTO,
                          password="pass-word")
    [packed] = pack_package(folder, options).archives
    with zipfile.ZipFile(packed.path) as zf:
        with pytest.raises(RuntimeError, match="password required"):
            zf.read("room/0001.tif")
        zf.setpassword(b"pass-word")
        assert zf.read("room/0001.tif") == (folder / "0001.tif").read_bytes()
    unzip = subprocess.run(["unzip", "-t", "-P", "pass-word", str(packed.path)],
                           capture_output=True, text=True, check=False)
    assert unzip.returncode == 0 and "No errors detected" in unzip.stdout
    extract = tmp_path / "x"
    subprocess.run(["unzip", "-q", "-P", "pass-word", str(packed.path), "-d", str(extract)],
                   check=True)
    assert (extract / "room" / "0002.tif").read_bytes() == (folder / "0002.tif").read_bytes()
    bad = subprocess.run(["unzip", "-t", "-P", "nope", str(packed.path)],
                         capture_output=True, text=True, check=False)
    assert bad.returncode != 0


def test_unknown_folder_groups_kits_by_reading_barcodes(tmp_path: Path) -> None:
    from scanstation.samples import render_blank

    folder = tmp_path / "чужая папка"
    folder.mkdir()
    numbers = [sample_number(11, 1), sample_number(22, 1), sample_number(11, 2)]
    for i, number in enumerate(numbers):
        render_blank(number).save(folder / f"{i + 1:04d}.tif", compression="tiff_lzw",
                                  dpi=(200, 200))
    sizes = [p.stat().st_size for p in sorted(folder.iterdir())]
    limit = sizes[0] + sizes[2] + 1000  # kit 11 fits alone; kit 22 must go elsewhere
    result = pack_package(folder, PackOptions(out_dir=tmp_path / "out", limit=limit))
    assert [a.kits for a in result.archives] == [["000011"], ["000022"]]
    assert sorted(read_back(result.archives[0].path)) == ["чужая папка/0001.tif",
                                                          "чужая папка/0003.tif"]


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    cancel = threading.Event()

    def progress(_done: int, _total: int, _label: str) -> None:
        if list((tmp_path / "out").glob(f".*.zip.*{TMP_SUFFIX}")):  # cancelled mid-write
            cancel.set()

    with pytest.raises(Cancelled):
        pack_package(folder, PackOptions(out_dir=tmp_path / "out"), progress=progress,
                     cancel=cancel)
    assert list((tmp_path / "out").iterdir()) == []


def test_progress_reaches_the_end_once(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    seen: list[tuple[int, int, str]] = []
    pack_package(folder, PackOptions(out_dir=tmp_path / "out"),
                 progress=lambda d, t, label: seen.append((d, t, label)))
    writing = [(d, t) for d, t, label in seen if label.startswith(folder.name)]
    verifying = [(d, t) for d, t, label in seen if label.startswith("Проверка: Ауд")]
    total = writing[-1][1]
    assert total == 2 * sum(p.stat().st_size for p in folder.iterdir())
    assert writing[-1][0] == total // 2 and verifying[-1][0] == total
    done = [d for d, t in writing + verifying]
    assert done == sorted(done)


def test_repack_refused_unless_replace_then_old_parts_go(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    out = tmp_path / "out"
    page = (folder / "0001.tif").stat().st_size
    first = pack_package(folder, PackOptions(out_dir=out, limit=page + 1000))
    assert len(first.archives) == 3
    with pytest.raises(ArchiveError, match="--replace"):
        pack_package(folder, PackOptions(out_dir=out))
    assert len(list(out.glob("*.zip"))) == 3  # the refusal touched nothing

    second = pack_package(folder, PackOptions(out_dir=out, limit=2 * page + 2000,
                                              replace=True))
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([a.path.name for a in second.archives]
                           + [a.manifest.name for a in second.archives])
    assert len(second.archives) == 2
    assert sum(len(read_back(a.path)) for a in second.archives) == 3


def test_every_part_is_fsynced_before_it_is_placed(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts' fsync runs on the verifying thread (the next part is written meanwhile):
    each part, and only a complete one, is made durable before any final name exists. A spy
    around the real `sync_file` records what it was given; the real fsync still runs."""
    import scanstation.archive.packer as packer_module
    from scanstation.fsutil import sync_file as real

    kits = [1, 1, 2, 2, 3, 3]
    folder = page_folder(tmp_path, len(kits))
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, kits)
    out = tmp_path / "out"
    synced: list[tuple[str, int, list[str]]] = []

    def spy(path: Path) -> None:
        placed = sorted(p.name for p in out.glob("*.zip"))
        synced.append((path.name, path.stat().st_size, placed))
        real(path)

    monkeypatch.setattr(packer_module, "sync_file", spy)
    limit = (folder / "0001.tif").stat().st_size * 2 + 2000  # one kit a part
    result = pack_package(folder, PackOptions(out_dir=out, limit=limit), database)
    assert len(result.archives) == 3
    assert len(synced) == 3
    assert all(name.endswith(TMP_SUFFIX) for name, _size, _placed in synced)
    assert all(placed == [] for _name, _size, placed in synced)  # before any swap
    assert sorted(size for _name, size, _placed in synced) == \
        sorted(a.size for a in result.archives)  # each complete when made durable
    database.close()
