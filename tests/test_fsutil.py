"""The one atomic write, on real files: replaced whole or not at all, never a shared
temporary file, never over an existing file with `no_clobber`."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from pathlib import Path

import pytest

from scanstation import fsutil
from scanstation.errors import DiskFullError, KnownError, write_error
from scanstation.fsutil import (
    TMP_SUFFIX,
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    place,
    stage_bytes,
    staged_writer,
    sync_file,
)


class Boom(Exception):
    pass


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of its own (the suite's fixtures put the station's data in `tmp_path`)."""
    path = tmp_path / "folder"
    path.mkdir()
    return path


def test_content_is_replaced_and_no_temporary_file_is_left(folder: Path) -> None:
    target = folder / "settings.json"
    target.write_text("old", encoding="utf-8")
    atomic_write_text(target, "новые настройки")
    assert target.read_text(encoding="utf-8") == "новые настройки"
    atomic_write_bytes(target, b"\x00\x01bytes")
    assert target.read_bytes() == b"\x00\x01bytes"
    assert os.listdir(folder) == ["settings.json"]


def test_the_folder_is_fsynced_after_the_rename(folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename is made durable: the target's folder is fsynced, after the rename."""
    target = folder / "a.bin"
    seen: list[tuple[Path, bool]] = []
    real = fsutil.fsync_dir

    def recording(folder: Path) -> None:
        seen.append((folder, target.exists()))
        real(folder)  # the real fsync of the real folder still runs

    monkeypatch.setattr(fsutil, "fsync_dir", recording)
    atomic_write_bytes(target, b"data")
    assert seen == [(folder, True)]


@pytest.mark.skipif(os.name != "posix", reason="a folder can be opened only on POSIX")
def test_fsync_dir_runs_on_a_real_folder(folder: Path) -> None:
    fsutil.fsync_dir(folder)  # raises if the folder cannot be opened and fsynced
    with pytest.raises(FileNotFoundError):
        fsutil.fsync_dir(folder / "missing")


def test_an_error_mid_write_keeps_the_old_file_and_leaves_no_temporary(folder: Path
                                                                      ) -> None:
    target = folder / "report.zip"
    target.write_bytes(b"the old, whole file")
    with pytest.raises(Boom), atomic_writer(target) as out:
        out.write(b"half of the new")
        out.flush()
        assert len(list(folder.glob(f".report.zip.*{TMP_SUFFIX}"))) == 1  # really written
        raise Boom
    assert target.read_bytes() == b"the old, whole file"
    assert os.listdir(folder) == ["report.zip"]


def test_a_failing_check_before_the_rename_keeps_the_old_file(folder: Path) -> None:
    target = folder / "copy.zip"
    target.write_bytes(b"old")
    checked: list[bytes] = []

    def read_back(temp: Path) -> None:
        checked.append(temp.read_bytes())  # the whole new file, durable, not yet in place
        raise Boom

    with pytest.raises(Boom), atomic_writer(target, before_commit=read_back) as out:
        out.write(b"new")
    assert checked == [b"new"]
    assert target.read_bytes() == b"old"
    assert os.listdir(folder) == ["copy.zip"]


def test_a_missing_folder_raises_and_creates_nothing(folder: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_text(folder / "gone" / "x.txt", "text")
    assert os.listdir(folder) == []


def test_text_mode_writes_the_encoding_asked(folder: Path) -> None:
    target = folder / "x.txt"
    with atomic_writer(target, "w", encoding="cp1251") as out:
        out.write("Комплект")
    assert target.read_bytes() == "Комплект".encode("cp1251")
    with pytest.raises(ValueError):
        atomic_writer(target, "ab")  # type: ignore[call-overload]


def test_two_threads_writing_one_target_never_corrupt_it(folder: Path) -> None:
    """Each writer streams its own 1 MB in small pieces at the same time: every reader in
    between and the final file see one writer's whole content, never a mix or a part."""
    target = folder / "shared.bin"
    contents = [bytes([n]) * (1 << 20) for n in range(1, 5)]
    atomic_write_bytes(target, contents[0])
    start = threading.Barrier(len(contents) + 1)
    errors: list[BaseException] = []
    seen: set[bytes] = set()
    stop = threading.Event()

    def writer(data: bytes) -> None:
        try:
            start.wait()
            for _round in range(5):
                with atomic_writer(target) as out:
                    for offset in range(0, len(data), 65536):
                        out.write(data[offset:offset + 65536])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def reader() -> None:
        start.wait()
        # Windows refuses to rename over a file someone has open: readers there would make
        # the writers fail, as they would for any program; the writers alone still race.
        while os.name == "posix" and not stop.is_set():
            seen.add(target.read_bytes())

    threads = [threading.Thread(target=writer, args=(data,)) for data in contents]
    watcher = threading.Thread(target=reader)
    for thread in [*threads, watcher]:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    watcher.join()
    assert errors == []
    assert target.read_bytes() in contents
    assert seen <= set(contents)
    assert seen or os.name != "posix"
    assert os.listdir(folder) == ["shared.bin"]


def test_no_clobber_refuses_an_existing_file_and_keeps_it(folder: Path) -> None:
    target = folder / "0001.tif"
    atomic_write_bytes(target, b"first page", no_clobber=True)
    assert target.read_bytes() == b"first page"
    with pytest.raises(FileExistsError):
        atomic_write_bytes(target, b"second page", no_clobber=True)
    assert target.read_bytes() == b"first page"
    assert os.listdir(folder) == ["0001.tif"]


def test_no_clobber_place_keeps_the_source_for_the_next_name(folder: Path) -> None:
    """A staged file offered a taken name stays, so the caller can offer the next one."""
    (folder / "0001.tif").write_bytes(b"someone else's page")
    staged = stage_bytes(folder / "new", b"my page", temp_dir=folder / ".incoming")
    assert staged.parent == folder / ".incoming" and staged.read_bytes() == b"my page"
    with pytest.raises(FileExistsError):
        place(staged, folder / "0001.tif", no_clobber=True)
    assert staged.exists()
    place(staged, folder / "0002.tif", no_clobber=True)
    assert not staged.exists()
    assert (folder / "0001.tif").read_bytes() == b"someone else's page"
    assert (folder / "0002.tif").read_bytes() == b"my page"


def test_a_staged_write_that_fails_leaves_nothing(folder: Path) -> None:
    with pytest.raises(Boom), staged_writer(folder / "m.json") as staging:
        staging.file.write(b"{")
        raise Boom
    assert os.listdir(folder) == []


def test_concurrent_stages_get_their_own_temporary_files(folder: Path) -> None:
    first = stage_bytes(folder / "x", b"1")
    second = stage_bytes(folder / "x", b"2")
    assert first != second
    assert first.name.startswith(".x.") and first.name.endswith(TMP_SUFFIX)
    assert (first.read_bytes(), second.read_bytes()) == (b"1", b"2")


def test_a_failed_write_is_told_as_a_full_disk_or_with_its_reason(folder: Path) -> None:
    target = folder / "report.xlsx"
    full = write_error(OSError(errno.ENOSPC, "No space left on device"), target)
    assert isinstance(full, DiskFullError) and full.path == str(folder)
    other = write_error(OSError(errno.EROFS, "Read-only file system"), target, Boom2)
    assert isinstance(other, Boom2) and "Read-only file system" in other.message
    assert str(target) in other.message


class Boom2(KnownError):
    pass


@pytest.mark.skipif(os.name != "posix", reason="POSIX mode bits")
def test_a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own(folder: Path
                                                                        ) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    page = folder / "0001.tif"
    atomic_write_bytes(page, b"page")  # mkstemp alone would make it 0600
    assert page.stat().st_mode & 0o777 == 0o666 & ~umask
    secret = folder / "settings.json"
    secret.write_text("{}", encoding="utf-8")
    secret.chmod(0o640)
    atomic_write_text(secret, '{"dpi": 200}')
    assert secret.stat().st_mode & 0o777 == 0o640


def test_sha256_file_streams_a_file_bigger_than_its_buffer(tmp_path: Path) -> None:
    data = os.urandom(fsutil.HASH_CHUNK * 2 + 123)  # two full chunks and a short one
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    calls: list[None] = []
    assert fsutil.sha256_file(path, lambda: calls.append(None)) == \
        hashlib.sha256(data).hexdigest()
    assert len(calls) == 3
    (tmp_path / "empty").write_bytes(b"")
    assert fsutil.sha256_file(tmp_path / "empty") == hashlib.sha256(b"").hexdigest()


def test_sha256_file_stops_when_between_chunks_raises(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * (fsutil.HASH_CHUNK + 1))

    def stop() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fsutil.sha256_file(path, stop)


def test_a_staged_file_without_sync_is_left_to_sync_file(folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """`sync=False`: no fsync when the block ends; `sync_file` makes the same file durable
    later, through a handle that may write (Windows flushes only such a handle) and
    without changing a byte. The spy records the real fsync calls."""
    calls: list[int] = []
    real = os.fsync

    def recording(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", recording)
    with staged_writer(folder / "part.zip", sync=False) as staging:
        staging.file.write(b"PK part bytes")
    assert calls == []
    sync_file(staging.path)
    assert len(calls) == 1
    assert staging.path.read_bytes() == b"PK part bytes"
    with staged_writer(folder / "other.zip") as synced:
        synced.file.write(b"x")
    assert len(calls) == 2  # the default still fsyncs when the block ends
    with pytest.raises(FileNotFoundError):
        sync_file(folder / "missing.zip")
