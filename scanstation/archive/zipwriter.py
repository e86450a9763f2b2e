"""A streaming ZIP writer whose output size is known before a byte is written.

Splitting at 250 MB needs the exact size of every entry in advance, and memory must stay
flat however large a package is, so entries are STORED (scanned TIFF/JPEG pages do not
shrink; see benchmarks/pack.py), with names in UTF-8 (flag bit 11), each plain page read
once into one of two reused buffers and written by a second thread while the next page is
read (fileio.py); memory is two pages, whatever the package's size.
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
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from scanstation.archive.errors import ArchiveError
from scanstation.archive.fileio import BIG_CHUNK, BackgroundWriter, crc32, read_into, write_all
from scanstation.archive.progress import CHUNK, check_cancel
from scanstation.archive.zipcrypto import HEADER_SIZE as ZIPCRYPTO_HEADER
from scanstation.i18n import tr

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
WZ_AES_V1 = 1  # WinZip AE-1: the CRC is kept (pyzipper.zipfile_aes.WZ_AES_V1)
# A page at most this big is read whole into one reused buffer; scanned pages are a few MB.
MAX_PAGE_BUFFER = 64 * 1024 * 1024


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
    """Appends whole files to an open, seekable binary handle; `close()` writes the index.

    Use it as a context manager inside the handle's own `with`: on an error it lets the
    write in flight finish before the handle is closed.
    """

    def __init__(self, handle: BinaryIO, encryption: Encryption = Encryption.NONE,
                 password: str | None = None) -> None:
        if encryption != Encryption.NONE and not password:
            raise ValueError("encryption needs a password")
        self._handle = handle
        self._encryption = encryption
        self._password = (password or "").encode("utf-8")
        self._entries: list[_Entry] = []
        self._offset = handle.tell()
        self._out = BackgroundWriter(handle)

    def __enter__(self) -> StreamingZipWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        """No write may still be in flight once the caller closes the handle."""
        self._out.abandon()

    def add_file(self, source: Path, name: str, on_bytes: Callable[[int], None],
                 cancel: threading.Event | None = None, *, hash_data: bool = True
                 ) -> WrittenMember:
        """Copy `source` in as `name`; `on_bytes(n)` as the bytes go (for progress).

        `hash_data=False` skips the sha256 (the member's `sha256` is then empty): when the
        expected hash is already known, verification computes it from the archive anyway.
        """
        check_cancel(cancel)
        try:
            if self._encryption == Encryption.NONE:
                return self._add_stored(source, name, on_bytes, cancel, hash_data)
            return self._add_encrypted(source, name, on_bytes, cancel, hash_data)
        except BaseException:
            self._out.abandon()  # nothing may write on once the caller closes the handle
            raise

    def _add_stored(self, source: Path, name: str, on_bytes: Callable[[int], None],
                    cancel: threading.Event | None, hash_data: bool) -> WrittenMember:
        """Plain STORED: the page is read once into a buffer, its CRC taken from there, and
        header and data handed to the writing thread (no seek back to patch the header)
        while the next page is read. A page larger than the buffer is read twice, CRC
        first, then copied with its CRC taken again, so a file changing in between is
        refused rather than packed half-old."""
        start = self._offset
        with source.open("rb", buffering=0) as src:
            stat = os.fstat(src.fileno())
            dos_time, dos_date = _dos_datetime(stat.st_mtime)
            name_bytes = name.encode("utf-8")
            if stat.st_size < MAX_PAGE_BUFFER:
                view = self._out.buffer(stat.st_size + 1)  # a spare byte: a grown file shows
                size = read_into(src, view)
                data = view[:size]
                crc = crc32(data)
                digest = hashlib.sha256(data).hexdigest() if hash_data else ""
                header = self._local_header(FLAG_UTF8, METHOD_STORED, dos_time, dos_date,
                                            crc, size, size, name_bytes, b"")
                self._offset += len(header) + size
                self._out.submit(header, data, self._offset)
                on_bytes(size)
            else:
                crc, size, digest = self._add_big(src, name_bytes, dos_time, dos_date,
                                                  on_bytes, cancel, hash_data)
        member = WrittenMember(name, size, crc, digest)
        self._entries.append(_Entry(member, start, FLAG_UTF8, METHOD_STORED, dos_time,
                                    dos_date, size, b""))
        return member

    def _add_big(self, src: BinaryIO, name: bytes, dos_time: int, dos_date: int,
                 on_bytes: Callable[[int], None], cancel: threading.Event | None,
                 hash_data: bool) -> tuple[int, int, str]:
        crc, size, _ = self._scan(src, copy=False, hash_data=False, cancel=cancel)
        header = self._local_header(FLAG_UTF8, METHOD_STORED, dos_time, dos_date, crc, size,
                                    size, name, b"")
        self._offset += len(header)
        self._out.write_now(header, self._offset)
        src.seek(0)
        again, copied, digest = self._scan(src, copy=True, hash_data=hash_data, cancel=cancel,
                                           on_bytes=on_bytes)
        if (again, copied) != (crc, size):
            shown = name.decode("utf-8")
            raise ArchiveError(tr("File {shown} changed while being packed.", shown=shown))
        return crc, size, digest

    def _scan(self, src: BinaryIO, *, copy: bool, hash_data: bool,
              cancel: threading.Event | None,
              on_bytes: Callable[[int], None] | None = None) -> tuple[int, int, str]:
        """CRC and size (and, when copying, the write and the sha256) of a very big page."""
        crc, size = 0, 0
        digest = hashlib.sha256() if hash_data else None
        while count := read_into(src, view := self._out.buffer(BIG_CHUNK)):
            check_cancel(cancel)
            chunk = view[:count]
            crc = crc32(chunk, crc)
            size += count
            if digest is not None:
                digest.update(chunk)
            if copy:
                self._offset += count
                self._out.submit(b"", chunk, self._offset)
            if on_bytes is not None:
                on_bytes(count)
        return crc, size, digest.hexdigest() if digest is not None else ""

    def _add_encrypted(self, source: Path, name: str, on_bytes: Callable[[int], None],
                       cancel: threading.Event | None, hash_data: bool) -> WrittenMember:
        """AES or ZipCrypto, streamed chunk by chunk (encryption dominates the time)."""
        from scanstation.archive.aes import FastAESEncrypter  # pyzipper: only when needed
        from scanstation.archive.zipcrypto import ZipCryptoEncrypter

        self._out.wait()  # written in this thread, straight to the handle
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
        write_all(out, self._local_header(flags, method, dos_time, dos_date, 0, 0, 0,
                                          name_bytes, extra))
        written = 0
        if aes is not None:
            written += write_all(out, aes.encryption_header())
        if zipcrypto is not None:
            written += write_all(out, zipcrypto.header(dos_time >> 8))
        crc = 0
        digest = hashlib.sha256()
        size = 0
        with source.open("rb") as src:
            while chunk := src.read(CHUNK):
                check_cancel(cancel)
                crc = crc32(chunk, crc)
                if hash_data:
                    digest.update(chunk)
                size += len(chunk)
                if aes is not None:
                    chunk = aes.encrypt(chunk)
                elif zipcrypto is not None:
                    chunk = zipcrypto.encrypt(chunk)
                written += write_all(out, chunk)
                on_bytes(len(chunk))
        if aes is not None:
            written += write_all(out, aes.flush())
        header_len = LOCAL_HEADER + len(name_bytes) + len(extra)
        if flags & FLAG_DESCRIPTOR:
            write_all(out, struct.pack("<IIII", 0x08074B50, crc, written, size))
            self._offset = start + header_len + written + DATA_DESCRIPTOR
        else:
            end = start + header_len + written
            out.seek(start + 14)
            write_all(out, struct.pack("<III", crc, written, size))
            out.seek(end)
            self._offset = end
        member = WrittenMember(name, size, crc, digest.hexdigest() if hash_data else "")
        self._entries.append(_Entry(member, start, flags, method, dos_time, dos_date,
                                    written, extra))
        self._out.written_elsewhere(self._offset)
        return member

    @staticmethod
    def _local_header(flags: int, method: int, dos_time: int, dos_date: int, crc: int,
                      stored: int, size: int, name: bytes, extra: bytes) -> bytes:
        needed = 51 if method == METHOD_AES else 20
        return struct.pack("<IHHHHHIIIHH", 0x04034B50, needed, flags, method, dos_time,
                           dos_date, crc, stored, size, len(name), len(extra)) + name + extra

    def close(self) -> int:
        """Write the central directory and end record; returns the archive's total size.
        No fsync: the caller makes the file durable (`fsutil.staged_writer`), once."""
        self._out.close()  # every page written
        out = self._handle
        directory_start = self._offset
        records = []
        for entry in self._entries:
            name = entry.member.name.encode("utf-8")
            needed = 51 if entry.method == METHOD_AES else 20
            records.append(struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | needed, needed, entry.flags,
                entry.method, entry.dos_time, entry.dos_date, entry.member.crc32,
                entry.stored_size, entry.member.size, len(name), len(entry.extra), 0, 0, 0,
                0o100644 << 16, entry.offset) + name + entry.extra)
        directory = b"".join(records)
        count = len(self._entries)
        write_all(out, directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count,
                                               len(directory), directory_start, 0))
        total = out.tell()
        if total > MAX_ZIP_BYTES or count > 0xFFFF:
            raise ValueError("archive too large for a ZIP without ZIP64")
        out.flush()  # durability is the caller's: the packer fsyncs each part once, whole
        return total
