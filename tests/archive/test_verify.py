"""Verification of written archives: the one-pass reader of plain archives must catch every
kind of damage zipfile catches (and stray bytes it does not), and the writer's paths
(page in one buffer, page too big for it) must produce archives other tools accept."""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import scanstation.archive.zipwriter as zipwriter
from scanstation.archive.fileio import HashingFile
from scanstation.archive.verify import verify_archive
from scanstation.archive.zipwriter import Encryption, StreamingZipWriter
from tests.archive.conftest import noisy_page, page_folder


def write_zip(folder: Path, target: Path) -> dict[str, str]:
    """An archive of every page in `folder`, as the packer writes it; name -> sha256."""
    expected: dict[str, str] = {}
    with target.open("wb", buffering=0) as handle, StreamingZipWriter(handle) as writer:
        for path in sorted(folder.iterdir()):
            member = writer.add_file(path, f"{folder.name}/{path.name}", lambda _n: None)
            expected[member.name] = member.sha256
            assert member.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        writer.close()
    return expected


def data_offset(archive: Path, index: int) -> int:
    with zipfile.ZipFile(archive) as zf:
        info = zf.infolist()[index]
    raw = archive.read_bytes()
    name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len


def test_sound_archive_passes_with_every_hash(tmp_path: Path) -> None:
    folder = page_folder(tmp_path, 3)
    archive = tmp_path / "a.zip"
    expected = write_zip(folder, archive)
    seen: list[int] = []
    report = verify_archive(archive, None, expected, hash_archive=True,
                            progress=lambda done, _total, _label: seen.append(done))
    assert report.ok, report.problems
    assert report.members == expected
    assert report.sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert seen[-1] == sum(p.stat().st_size for p in folder.iterdir())
    if sys.platform != "win32":  # Info-ZIP's unzip agrees (not installed on Windows)
        subprocess.run(["unzip", "-tq", str(archive)], check=True, capture_output=True)


def test_flipped_data_byte_is_a_crc_error(tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    expected = write_zip(page_folder(tmp_path, 3), archive)
    raw = bytearray(archive.read_bytes())
    raw[data_offset(archive, 1) + 1000] ^= 0x01
    archive.write_bytes(raw)
    report = verify_archive(archive, None, expected)
    assert not report.ok
    assert any("0002.tif" in p and "CRC" in p for p in report.problems), report.problems
    with zipfile.ZipFile(archive) as zf:  # the same verdict as the standard library's
        assert zf.testzip() == "Аудитория 101/0002.tif"


def test_other_content_with_a_matching_crc_fails_on_sha256(tmp_path: Path) -> None:
    """A page swapped for another one (headers consistent): only the hash shows it."""
    folder = page_folder(tmp_path, 2)
    archive = tmp_path / "a.zip"
    expected = write_zip(folder, archive)
    other = noisy_page(tmp_path / "other.tif", seed=99)
    with zipfile.ZipFile(archive, "w") as zf:  # a different writer, same names
        zf.write(folder / "0001.tif", "Аудитория 101/0001.tif")
        zf.write(other, "Аудитория 101/0002.tif")
    report = verify_archive(archive, None, expected)
    assert report.problems == ["Аудитория 101/0002.tif: содержимое не совпадает (sha256)."]


@pytest.mark.parametrize(("damage", "problem"), [
    ("appended", "После конца архива 100 лишних байт."),
    ("prepended", "Аудитория 101/0001.tif: запись не там, где кончается предыдущая "
                  "(32 вместо 0)."),
    ("local name", "Аудитория 101/0002.tif: локальный заголовок не совпадает с оглавлением."),
    ("local time", "Аудитория 101/0002.tif: локальный заголовок не совпадает с оглавлением."),
    ("truncated", "Архив повреждён: Bad magic number for central directory"),
])
def test_damaged_layout_is_refused(tmp_path: Path, damage: str, problem: str) -> None:
    archive = tmp_path / "a.zip"
    expected = write_zip(page_folder(tmp_path, 2), archive)
    raw = archive.read_bytes()
    if damage == "appended":
        raw += b"\0" * 100
    elif damage == "prepended":
        raw = b"junk" * 8 + raw
    elif damage == "local name":
        raw = raw.replace(b"0002.tif", b"0009.tif", 1)  # local header only
    elif damage == "local time":  # the DOS time of the second local header, bytes 10-11
        with zipfile.ZipFile(archive) as zf:
            at = zf.infolist()[1].header_offset + 10
        raw = raw[:at] + bytes([raw[at] ^ 0x02]) + raw[at + 1:]
    else:
        raw = raw[:data_offset(archive, 1) + 10] + raw[-22:]
    archive.write_bytes(raw)
    report = verify_archive(archive, None, expected, hash_archive=True)
    assert report.problems[0] == problem
    assert not any("содержимое" in p for p in report.problems)  # no verdict on unread data


def test_page_bigger_than_the_buffer_is_read_twice_and_packed_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipwriter, "MAX_PAGE_BUFFER", 10_000)
    monkeypatch.setattr(zipwriter, "BIG_CHUNK", 4096)  # many chunks through the thread
    folder = page_folder(tmp_path, 2)
    archive = tmp_path / "a.zip"
    expected = write_zip(folder, archive)
    assert verify_archive(archive, None, expected).ok
    with zipfile.ZipFile(archive) as zf:
        assert zf.testzip() is None
        assert zf.read("Аудитория 101/0002.tif") == (folder / "0002.tif").read_bytes()


def test_missing_source_leaves_no_write_in_flight(tmp_path: Path) -> None:
    """A failure mid-archive: the error surfaces and the handle can be closed safely."""
    folder = page_folder(tmp_path, 2)
    target = tmp_path / "a.zip"
    with target.open("wb", buffering=0) as handle, StreamingZipWriter(handle) as writer:
        writer.add_file(folder / "0001.tif", "a/0001.tif", lambda _n: None)
        with pytest.raises(FileNotFoundError):
            writer.add_file(folder / "absent.tif", "a/absent.tif", lambda _n: None)
        written = handle.tell()
    assert target.stat().st_size == written > (folder / "0001.tif").stat().st_size


@pytest.mark.parametrize("encryption", [Encryption.NONE, Encryption.AES])
def test_hashing_file_gives_the_sha256_only_of_a_file_written_front_to_back(
        tmp_path: Path, encryption: Encryption) -> None:
    """Plain parts are hashed as they are written; AES entries seek back to patch their
    headers, so no digest is claimed for them (the packer then hashes the file)."""
    folder = page_folder(tmp_path, 2)
    archive = tmp_path / "a.zip"
    with archive.open("wb", buffering=0) as raw:
        hashing = HashingFile(raw)
        with StreamingZipWriter(hashing, encryption, "pw") as writer:  # type: ignore[arg-type]
            for path in sorted(folder.iterdir()):
                writer.add_file(path, path.name, lambda _n: None)
            size = writer.close()
    digest = hashing.hexdigest(size)
    if encryption == Encryption.NONE:
        assert digest == hashlib.sha256(archive.read_bytes()).hexdigest()
        assert hashing.hexdigest(size - 1) is None  # not what the writer says it wrote
    else:
        assert digest is None
