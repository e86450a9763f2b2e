"""Verifying a plain archive (every member STORED, none encrypted) in one sequential pass.

zipfile reads member by member — a seek and a new bytes object per chunk — and the
archive's own sha256 needed a second read of the whole file. Here the written file is read
once, front to back, in big chunks into two reused buffers: while the next chunk is read
and every member's sha256 taken from it on one core, the other core takes the members'
CRCs (and, when asked, the whole archive's sha256) from the same bytes. The packer takes
its parts' sha256 as it writes them (`fileio.HashingFile`), so it does not ask.

Nothing is judged less strictly than zipfile judges it, and the layout more: the central
directory is parsed by the standard library's zipfile, every local header must repeat it
(signature, version needed, flags, method, time, date, CRC, sizes, name), and the entries
must follow each other from byte 0 with no gap, overlap or hidden bytes up to the central
directory, which must end the file (or its comment). Encrypted, compressed and ZIP64
archives are left to zipfile.
"""

from __future__ import annotations

import hashlib
import struct
import threading
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from scanstation.archive.fileio import BIG_CHUNK, crc32, read_into
from scanstation.archive.progress import ProgressCallback, check_cancel
from scanstation.i18n import tr

LOCAL = struct.Struct("<IHHHHHIIIHH")
END = struct.Struct("<IHHHHIIH")
HEAD_BYTES = 512  # what sniff_bytes needs to tell a page from anything else


@dataclass
class PlainMember:
    info: zipfile.ZipInfo
    start: int  # first data byte in the file
    end: int
    crc: int = 0
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    head: bytearray = field(default_factory=bytearray)


@dataclass
class PlainResult:
    members: list[PlainMember]
    archive_sha256: str
    problems: list[str]


def is_plain(infos: list[zipfile.ZipInfo]) -> bool:
    """Every member STORED, unencrypted, sizes in its local header (no data descriptor)."""
    return all(i.compress_type == zipfile.ZIP_STORED and not i.flag_bits & 0x9
               for i in infos)


def read_plain(archive: Path, infos: list[zipfile.ZipInfo], progress: ProgressCallback,
               cancel: threading.Event | None, *,
               hash_archive: bool) -> PlainResult | None:
    """Check the layout, then every member's CRC and sha256, and the archive's sha256
    when `hash_archive` (else `archive_sha256` is empty).

    None for ZIP64 (never made here): the caller then reads it with zipfile instead.
    """
    with archive.open("rb", buffering=0) as handle:
        size = handle.seek(0, 2)
        found = _end_record(handle, size)
        if found is None:
            return None
        (_sig, disk, cd_disk, count, total, cd_size, cd_offset, comment), stray = found
        if cd_offset == 0xFFFFFFFF or count == 0xFFFF:
            return None  # ZIP64: not what our writer makes; zipfile reads it
        members, problems = _layout(handle, infos, cd_offset)
        if (disk, cd_disk) != (0, 0) or not count == total == len(infos) or \
                cd_offset + cd_size != size - stray - END.size - comment:
            problems.append(tr("The end of the archive does not match its directory."))
        if stray > 0:
            problems.append(tr("{stray} stray bytes after the end of the archive.", stray=stray))
        elif stray < 0:
            problems.append(tr("The archive is truncated."))
        if problems:
            return PlainResult([], "", problems)  # not read: nothing to judge by content
        handle.seek(0)
        digest = _scan(handle, members, progress, cancel, hash_archive)
    for member in members:
        if member.crc != member.info.CRC:
            problems.append(tr(
                "{info_filename}: CRC mismatch — the data is damaged.",
                info_filename=member.info.filename,
            ))
    return PlainResult(members, digest, problems)


def _end_record(handle: BinaryIO,
                size: int) -> tuple[tuple[int, ...], int] | None:
    """The end-of-central-directory record and how many bytes follow it beyond its
    comment (0 in a sound file). Searched like zipfile does, from the end, within the
    largest possible comment; a record whose comment ends exactly at the file's end wins."""
    window = min(size, END.size + 0xFFFF)
    handle.seek(size - window)
    tail = handle.read(window)
    candidates: list[tuple[tuple[int, ...], int]] = []
    position = tail.rfind(b"PK\x05\x06")
    while position >= 0:
        if position + END.size <= len(tail):
            record = END.unpack_from(tail, position)
            stray = len(tail) - position - END.size - record[7]
            if stray == 0:
                return record, 0
            candidates.append((record, stray))
        position = tail.rfind(b"PK\x05\x06", 0, position)
    return candidates[0] if candidates else None


def _layout(handle: BinaryIO, infos: list[zipfile.ZipInfo],
            cd_offset: int) -> tuple[list[PlainMember], list[str]]:
    """Each local header against the central directory; entries back to back from 0."""
    members: list[PlainMember] = []
    problems: list[str] = []
    expected = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        name = info.filename
        if info.header_offset != expected:
            problems.append(tr(
                "{name}: entry not where the previous one ends ({info_header_offset}, not "
                "{expected}).",
                name=name,
                info_header_offset=info.header_offset,
                expected=expected,
            ))
            return members, problems
        handle.seek(info.header_offset)
        fixed = handle.read(LOCAL.size)
        if len(fixed) != LOCAL.size:
            problems.append(tr("{name}: the archive is truncated.", name=name))
            return members, problems
        (sig, needed, flags, method, dos_time, dos_date, crc, stored, plain, name_len,
         extra_len) = LOCAL.unpack(fixed)
        local_name = handle.read(name_len)
        encoding = "utf-8" if flags & 0x800 else "cp437"
        if sig != 0x04034B50 or flags != info.flag_bits or method != info.compress_type or \
                needed != info.extract_version or (dos_time, dos_date) != _dos(info) or \
                (crc, stored, plain) != (info.CRC, info.compress_size, info.file_size) or \
                stored != plain or local_name.decode(encoding, "replace") != info.orig_filename:
            problems.append(tr("{name}: the local header does not match the directory.", name=name))
            return members, problems
        start = info.header_offset + LOCAL.size + name_len + extra_len
        members.append(PlainMember(info, start, start + stored))
        expected = start + stored
    if expected != cd_offset:
        problems.append(tr(
            "{stray_bytes} stray bytes between the last entry and the directory.",
            stray_bytes=cd_offset - expected,
        ))
    return members, problems


def _dos(info: zipfile.ZipInfo) -> tuple[int, int]:
    """The directory's DOS time and date as stored (zipfile decodes them losslessly)."""
    year, month, day, hour, minute, second = info.date_time
    return (hour << 11) | (minute << 5) | (second // 2), \
        ((year - 1980) << 9) | (month << 5) | day


def _scan(handle: BinaryIO, members: list[PlainMember], progress: ProgressCallback,
          cancel: threading.Event | None, hash_archive: bool) -> str:
    """One pass over the file; returns the archive's sha256 ("" unless `hash_archive`).

    Two buffers alternate: the other core works on chunk n (archive sha256, member CRCs)
    while this one reads chunk n+1 and takes the members' sha256 from it.
    """
    archive = hashlib.sha256() if hash_archive else None
    buffers = [bytearray(BIG_CHUNK), bytearray(BIG_CHUNK)]
    total = sum(m.end - m.start for m in members)
    done, position, index, turn = 0, 0, 0, 0
    pending: Future[None] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify") as pool:
        try:
            while True:
                check_cancel(cancel)
                view = memoryview(buffers[turn])
                count = read_into(handle, view)
                if not count:
                    break
                chunk = view[:count]
                slices, index = _slices(members, index, position, chunk)
                if pending is not None:
                    pending.result()
                pending = pool.submit(_crc_work, archive, chunk, slices)
                for member, part in slices:
                    member.digest.update(part)
                    if len(member.head) < HEAD_BYTES:
                        member.head += part[:HEAD_BYTES - len(member.head)]
                    done += len(part)
                if slices:
                    progress(done, total, slices[-1][0].info.filename)
                position += count
                turn = 1 - turn
        finally:
            if pending is not None:
                pending.result()
    return archive.hexdigest() if archive is not None else ""


def _slices(members: list[PlainMember], index: int, position: int,
            chunk: memoryview) -> tuple[list[tuple[PlainMember, memoryview]], int]:
    """The parts of `chunk` (at `position` in the file) that are member data."""
    found: list[tuple[PlainMember, memoryview]] = []
    end = position + len(chunk)
    while index < len(members) and members[index].start < end:
        member = members[index]
        low, high = max(member.start, position), min(member.end, end)
        if low < high:
            found.append((member, chunk[low - position:high - position]))
        if member.end > end:
            break
        index += 1
    return found, index


def _crc_work(archive: hashlib._Hash | None, chunk: memoryview,
              slices: list[tuple[PlainMember, memoryview]]) -> None:
    if archive is not None:
        archive.update(chunk)
    for member, part in slices:
        member.crc = crc32(part, member.crc)

