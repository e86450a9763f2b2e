"""A streaming ZIP writer whose output size is known before a byte is written.

Splitting at 250 MB needs the exact size of every entry in advance, and memory must stay
flat however large a package is, so entries are written chunk by chunk, STORED (scanned
TIFF/JPEG pages do not shrink; see benchmarks/pack.py), with names in UTF-8 (flag bit 11).
Encryption: WinZip AES-256 through pyzipper's encrypter (aes.py; AE-1, so the CRC is kept
and checked on verification), or traditional ZipCrypto (our own, pyzipper cannot write it).
No ZIP64: a part is at most a few hundred MB, far below 4 GiB, and the limit is enforced.
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from pyzipper.zipfile_aes import WZ_AES_V1

from scanstation.archive.aes import FastAESEncrypter
from scanstation.archive.progress import CHUNK, check_cancel
from scanstation.archive.zipcrypto import HEADER_SIZE as ZIPCRYPTO_HEADER
from scanstation.archive.zipcrypto import ZipCryptoEncrypter

MAX_ZIP_BYTES = 0xFFFFFFFF - 1  # no ZIP64
LOCAL_HEADER = 30
CENTRAL_HEADER = 46
END_RECORD = 22
DATA_DESCRIPTOR = 16
AES_EXTRA = 11
AES_OVERHEAD = 16 + 2 + 10  # salt (AES-256), password verifier, HMAC
FLAG_ENCRYPTED = 0x1
FLAG_DESCRIPTOR = 0x8
FLAG_UTF8 = 0x800
METHOD_STORED = 0
METHOD_AES = 99


class Encryption(StrEnum):
    NONE = "none"
    AES = "aes"
    ZIPCRYPTO = "zipcrypto"


def entry_size(name: str, data_size: int, encryption: Encryption) -> int:
    """Bytes one STORED entry adds to the archive: local header, data, central record."""
    name_len = len(name.encode("utf-8"))
    extra = AES_EXTRA if encryption == Encryption.AES else 0
    size = LOCAL_HEADER + name_len + extra + data_size + CENTRAL_HEADER + name_len + extra
    if encryption == Encryption.AES:
        size += AES_OVERHEAD
    elif encryption == Encryption.ZIPCRYPTO:
        size += ZIPCRYPTO_HEADER + DATA_DESCRIPTOR
    return size


@dataclass(frozen=True)
class WrittenMember:
    name: str
    size: int
    crc32: int
    sha256: str


@dataclass
class _Entry:
    member: WrittenMember
    offset: int
    flags: int
    method: int
    dos_time: int
    dos_date: int
    stored_size: int
    extra: bytes


def _dos_datetime(mtime: float) -> tuple[int, int]:
    tm = time.localtime(mtime)
    year = max(tm.tm_year, 1980)
    dos_date = ((year - 1980) << 9) | (tm.tm_mon << 5) | tm.tm_mday
    dos_time = (tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec // 2)
    return dos_time, dos_date


class StreamingZipWriter:
    """Appends whole files to an open, seekable binary handle; `close()` writes the index."""

    def __init__(self, handle: BinaryIO, encryption: Encryption = Encryption.NONE,
                 password: str | None = None) -> None:
        if encryption != Encryption.NONE and not password:
            raise ValueError("encryption needs a password")
        self._handle = handle
        self._encryption = encryption
        self._password = (password or "").encode("utf-8")
        self._entries: list[_Entry] = []
        self._offset = handle.tell()

    def add_file(self, source: Path, name: str, on_bytes: Callable[[int], None],
                 cancel: threading.Event | None = None, *, hash_data: bool = True
                 ) -> WrittenMember:
        """Stream `source` in as `name`; `on_bytes(n)` after every chunk (for progress).

        `hash_data=False` skips the sha256 (the member's `sha256` is then empty): when the
        expected hash is already known, verification computes it from the archive anyway.
        """
        stat = source.stat()
        dos_time, dos_date = _dos_datetime(stat.st_mtime)
        flags = FLAG_UTF8
        method = METHOD_STORED
        extra = b""
        aes: FastAESEncrypter | None = None
        zipcrypto: ZipCryptoEncrypter | None = None
        if self._encryption == Encryption.AES:
            flags |= FLAG_ENCRYPTED
            method = METHOD_AES
            extra = struct.pack("<HHH2sBH", 0x9901, 7, WZ_AES_V1, b"AE", 3, METHOD_STORED)
            aes = FastAESEncrypter(self._password)
        elif self._encryption == Encryption.ZIPCRYPTO:
            # Bit 3: the CRC is unknown until the data has streamed past, so the check
            # byte is the high byte of the DOS time and sizes follow in a data descriptor.
            flags |= FLAG_ENCRYPTED | FLAG_DESCRIPTOR
            zipcrypto = ZipCryptoEncrypter(self._password)
        name_bytes = name.encode("utf-8")
        start = self._offset
        out = self._handle
        out.write(self._local_header(flags, method, dos_time, dos_date, 0, 0, 0,
                                     name_bytes, extra))
        written = 0
        if aes is not None:
            written += out.write(aes.encryption_header())
        if zipcrypto is not None:
            written += out.write(zipcrypto.header(dos_time >> 8))
        crc = 0
        digest = hashlib.sha256()
        size = 0
        with source.open("rb") as src:
            while chunk := src.read(CHUNK):
                check_cancel(cancel)
                crc = zlib.crc32(chunk, crc)
                if hash_data:
                    digest.update(chunk)
                size += len(chunk)
                if aes is not None:
                    chunk = aes.encrypt(chunk)
                elif zipcrypto is not None:
                    chunk = zipcrypto.encrypt(chunk)
                written += out.write(chunk)
                on_bytes(len(chunk))
        if aes is not None:
            written += out.write(aes.flush())
        header_len = LOCAL_HEADER + len(name_bytes) + len(extra)
        if flags & FLAG_DESCRIPTOR:
            out.write(struct.pack("<IIII", 0x08074B50, crc, written, size))
            self._offset = start + header_len + written + DATA_DESCRIPTOR
        else:
            end = start + header_len + written
            out.seek(start + 14)
            out.write(struct.pack("<III", crc, written, size))
            out.seek(end)
            self._offset = end
        member = WrittenMember(name, size, crc, digest.hexdigest() if hash_data else "")
        self._entries.append(_Entry(member, start, flags, method, dos_time, dos_date,
                                    written, extra))
        return member

    @staticmethod
    def _local_header(flags: int, method: int, dos_time: int, dos_date: int, crc: int,
                      stored: int, size: int, name: bytes, extra: bytes) -> bytes:
        needed = 51 if method == METHOD_AES else 20
        return struct.pack("<IHHHHHIIIHH", 0x04034B50, needed, flags, method, dos_time,
                           dos_date, crc, stored, size, len(name), len(extra)) + name + extra

    def close(self) -> int:
        """Write the central directory and end record; returns the archive's total size."""
        out = self._handle
        directory_start = self._offset
        for entry in self._entries:
            name = entry.member.name.encode("utf-8")
            needed = 51 if entry.method == METHOD_AES else 20
            out.write(struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | needed, needed, entry.flags,
                entry.method, entry.dos_time, entry.dos_date, entry.member.crc32,
                entry.stored_size, entry.member.size, len(name), len(entry.extra), 0, 0, 0,
                0o100644 << 16, entry.offset) + name + entry.extra)
        directory_size = out.tell() - directory_start
        count = len(self._entries)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, directory_size,
                              directory_start, 0))
        total = out.tell()
        if total > MAX_ZIP_BYTES or count > 0xFFFF:
            raise ValueError("archive too large for a ZIP without ZIP64")
        out.flush()
        os.fsync(out.fileno())
        return total
