"""Export to a drive: verified copy and Export row; a drive that fills up mid-copy.

The full-drive test mounts a real 3 MB tmpfs (root in this sandbox); where mounting is not
permitted it is skipped, and says so.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanstation.archive.drives import linux_drives
from scanstation.archive.errors import ExportFailed
from scanstation.archive.export import export_archives
from scanstation.archive.packer import PackOptions, pack_package
from scanstation.cli import main
from scanstation.db import open_database
from scanstation.db.models import AuditEntry, Export
from scanstation.fsutil import TMP_SUFFIX
from tests.archive.conftest import noisy_page, page_folder
from tests.archive.test_pack import register_package


@pytest.fixture
def small_drive(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "stick"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True, check=False)  # maybe pulled


def test_export_copies_verifies_and_records(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = page_folder(tmp_path, 2)
    database = open_database()  # the station's own database, as the CLI opens it
    register_package(database, folder, [1, 1])
    [packed] = pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database).archives
    database.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    # a registered package with no protocol: the readiness gate wants a reason
    assert main(["export", "--json", str(packed.path), "--to", str(stick),
                 "--allow-incomplete", "--reason", "тест без протокола"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exported"][0]["recorded"] is True
    copy = stick / packed.path.name
    assert copy.read_bytes() == packed.path.read_bytes()
    assert not list(stick.glob(f"*{TMP_SUFFIX}"))
    database = open_database()
    with database.session() as session:
        [export] = session.query(Export).all()
        assert export.verified and export.target_path == str(copy)
        assert session.query(AuditEntry).filter_by(action="export").count() == 1
    database.close()


@pytest.mark.posix_only("mounts a small tmpfs (Linux, root)")
def test_full_drive_mid_copy_leaves_nothing_complete(tmp_path: Path,
                                                     small_drive: Path) -> None:
    folder = tmp_path / "big"
    for i in range(2):
        noisy_page(folder / f"{i + 1:04d}.tif", size=(1000, 1000), seed=i)  # ~1 MB each
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, [1, 1])
    [packed] = pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database).archives
    assert packed.size > 1_500_000

    def fill_the_drive(done: int, _total: int, _label: str) -> None:
        # Another writer takes the rest of the stick once our copy has started.
        if done > 0 and not (small_drive / "filler").exists():
            with (small_drive / "filler").open("wb") as filler:
                try:
                    while True:
                        filler.write(b"\0" * 65536)
                except OSError:
                    pass

    with pytest.raises(ExportFailed, match="заполнен"):
        export_archives([packed.path], small_drive, database, fill_the_drive)
    assert sorted(p.name for p in small_drive.iterdir()) == ["filler"]
    with database.session() as session:
        assert session.query(Export).count() == 0
    database.close()


@pytest.mark.posix_only("mounts a small tmpfs (Linux, root)")
def test_not_enough_space_is_refused_before_copying(tmp_path: Path,
                                                    small_drive: Path) -> None:
    folder = tmp_path / "big"
    for i in range(4):
        noisy_page(folder / f"{i + 1:04d}.tif", size=(1000, 1000), seed=i)
    [packed] = pack_package(folder, PackOptions(out_dir=tmp_path / "out")).archives
    with pytest.raises(ExportFailed, match="недостаточно места"):
        export_archives([packed.path], small_drive)
    assert list(small_drive.iterdir()) == []


def test_missing_target_and_changed_archive(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 1)
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, [1])
    [packed] = pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database).archives
    with pytest.raises(ExportFailed, match="Вставьте носитель"):
        export_archives([packed.path], tmp_path / "absent", database)
    data = bytearray(packed.path.read_bytes())
    data[100] ^= 0xFF
    packed.path.write_bytes(bytes(data))
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(ExportFailed, match="изменился после упаковки"):
        export_archives([packed.path], stick, database)
    assert list(stick.iterdir()) == []
    database.close()


@pytest.mark.posix_only("reads Linux sysfs and /proc/mounts")
def test_linux_drive_listing_reads_sysfs(tmp_path: Path) -> None:
    sys_root = tmp_path / "sys"
    for disk, removable in (("sdb", "1"), ("sda", "0")):
        (sys_root / "devices" / disk / f"{disk}1").mkdir(parents=True)
        (sys_root / "devices" / disk / f"{disk}1" / "partition").write_text("1")
        (sys_root / "devices" / disk / "removable").write_text(removable)
        (sys_root / "class" / "block").mkdir(parents=True, exist_ok=True)
        os.symlink(sys_root / "devices" / disk / f"{disk}1",
                   sys_root / "class" / "block" / f"{disk}1")
    mounts = "\n".join([
        f"/dev/sda1 {tmp_path} ext4 rw 0 0",
        f"/dev/sdb1 {tmp_path}/My\\040Stick vfat rw 0 0",
        "/dev/sdc1 /media/user/CARD vfat rw 0 0",
        "tmpfs /run tmpfs rw 0 0",
    ])
    drives = linux_drives(mounts, sys_root)
    assert [str(d.mount) for d in drives] == [f"{tmp_path}/My Stick", "/media/user/CARD"]
    assert drives[0].device == "/dev/sdb1"


def test_list_drives_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--list-drives", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data["drives"], list)


def test_archive_goes_stale_when_the_folder_changes(tmp_path: Path) -> None:
    from PIL import Image

    from scanstation.archive.stale import mark_stale_archives

    folder = page_folder(tmp_path, 2)
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, [1, 1])
    result = pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database)
    [packed] = result.archives
    assert result.package_id is not None
    package_id = result.package_id
    assert mark_stale_archives(database, package_id) == set()
    stick = tmp_path / "stick"
    stick.mkdir()
    export_archives([packed.path], stick, database)  # current: exported

    # The operator rotates page 2 after packing: the file is rewritten.
    Image.open(folder / "0002.tif").rotate(180).save(folder / "0002.tif",
                                                     compression="tiff_lzw", dpi=(200, 200))
    assert mark_stale_archives(database, package_id) == {packed.archive_id}
    with pytest.raises(ExportFailed, match="устарел"):
        export_archives([packed.path], tmp_path / "stick", database)
    with database.session() as session:
        assert session.query(AuditEntry).filter_by(action="archive_stale").count() == 1
    database.close()


def test_export_reports_progress_to_the_end(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 2)
    result = pack_package(folder, PackOptions(out_dir=tmp_path / "out", limit=500_000))
    archives = [a.path for a in result.archives]
    assert len(archives) == 2
    seen: list[tuple[int, int]] = []
    stick = tmp_path / "stick"
    stick.mkdir()
    done = export_archives(archives, stick, None, lambda d, t, _label: seen.append((d, t)))
    total = sum(a.stat().st_size for a in archives)
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # never goes backwards
    assert [e.export_id for e in done] == [None, None]  # not the station's: nothing to mark
    assert sorted(p.name for p in stick.iterdir()) == sorted(a.name for a in archives)


@pytest.mark.posix_only("mounts a small tmpfs (Linux, root)")
def test_stick_pulled_mid_copy(tmp_path: Path, small_drive: Path) -> None:
    """A lazy unmount mid-copy is what pulling the stick looks like to the copying process:
    the open file still takes writes, but the path no longer leads to the drive."""
    folder = tmp_path / "big"
    for i in range(2):
        noisy_page(folder / f"{i + 1:04d}.tif", size=(1000, 1000), seed=i)
    database = open_database(tmp_path / "x.sqlite3")
    register_package(database, folder, [1, 1])
    [packed] = pack_package(folder, PackOptions(out_dir=tmp_path / "out"), database).archives

    def pull(done: int, _total: int, _label: str) -> None:
        if done > 0 and os.path.ismount(small_drive):
            subprocess.run(["umount", "-l", str(small_drive)], check=True)

    with pytest.raises(ExportFailed, match="извлечён"):
        export_archives([packed.path], small_drive, database, pull)
    assert not os.path.ismount(small_drive)
    assert list(small_drive.iterdir()) == []
    with database.session() as session:
        assert session.query(Export).count() == 0
    database.close()
