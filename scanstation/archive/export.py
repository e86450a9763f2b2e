"""Copying verified archives to a removable drive, and knowing the copy is good.

Each archive goes to a temporary file on the target (`fsutil.atomic_writer`), is fsynced,
dropped from the page cache and read back from the drive, and only when its sha256 matches
gets its real name and an Export row. A stick pulled or full mid-copy leaves no file that
looks complete (the temporary file is removed, or stays as a hidden `.NAME.….tmp` if the
drive is gone) and nothing marked exported.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from scanstation.archive.errors import ExportFailed
from scanstation.archive.progress import CHUNK, ProgressCallback, check_cancel, no_progress
from scanstation.archive.stale import mark_stale_archives
from scanstation.db import Database
from scanstation.db.lookup import archive_at
from scanstation.db.models import AuditEntry, Export
from scanstation.fsutil import atomic_writer, sha256_file
from scanstation.i18n import tr


@dataclass(frozen=True)
class ExportedArchive:
    source: Path
    target: Path
    size: int
    sha256: str
    export_id: int | None


def export_archives(archives: list[Path], target_dir: Path, database: Database | None = None,
                    progress: ProgressCallback = no_progress,
                    cancel: threading.Event | None = None) -> list[ExportedArchive]:
    if not target_dir.is_dir():
        raise ExportFailed(tr(
            "The target folder is not available: {target_dir}. Insert the drive.",
            target_dir=target_dir,
        ))
    for archive in archives:
        if not archive.is_file():
            raise ExportFailed(tr("Archive not found: {archive}", archive=archive))
    total = sum(a.stat().st_size for a in archives)
    free = shutil.disk_usage(target_dir).free
    if total > free:
        raise ExportFailed(tr(
            "Not enough space on the drive: {total} bytes needed, {free} free.",
            total=total,
            free=free,
        ))
    done: list[ExportedArchive] = []
    offset = 0
    for archive in archives:
        size = archive.stat().st_size

        def step(copied: int, _size: int, label: str, base: int = offset) -> None:
            progress(base + copied, total, label)

        expected = _known_sha256(database, archive)
        copied = _export_one(archive, target_dir, expected, step, cancel)
        # Recorded at once: if a later archive fails, this one is still on the drive, good.
        done.append(_record(database, copied) if database is not None else copied)
        offset += size
    progress(total, total, "")
    return done


def _known_sha256(database: Database | None, archive: Path) -> str | None:
    """The packed archive's hash; refuses an archive whose package changed since packing."""
    if database is None:
        return None
    with database.session() as session:
        row = archive_at(session, archive)
        if row is None:
            return None
        package_id, sha256 = row.package_id, row.sha256
    if row.id in mark_stale_archives(database, package_id):
        raise ExportFailed(tr(
            "Archive {archive_name} is out of date: the package folder changed after packing. "
            "Pack the package again.",
            archive_name=archive.name,
        ))
    return sha256


def _export_one(archive: Path, target_dir: Path, expected: str | None,
                progress: ProgressCallback, cancel: threading.Event | None) -> ExportedArchive:
    target = target_dir / archive.name
    digest = ""

    def read_back(temp: Path) -> None:
        """The copy, fsynced and out of the page cache, read from the drive itself."""
        if sha256_file(temp, lambda: check_cancel(cancel)) != digest:
            raise ExportFailed(tr(
                "The copy of {archive_name} on the drive differs from the original: the drive is "
                "faulty or was removed.",
                archive_name=archive.name,
            ))

    try:
        with atomic_writer(target, before_commit=read_back) as out:
            digest = _copy(archive, out, progress, cancel)
            if expected is not None and digest != expected:
                raise ExportFailed(tr(
                    "Archive {archive_name} changed on the station's disk since packing — pack it "
                    "again.",
                    archive_name=archive.name,
                ))
    except OSError as exc:
        raise ExportFailed(_os_error_message(exc, archive, target_dir)) from exc
    return ExportedArchive(archive, target, archive.stat().st_size, digest, None)


def _copy(source: Path, dst: BinaryIO, progress: ProgressCallback,
          cancel: threading.Event | None) -> str:
    digest = hashlib.sha256()
    size = source.stat().st_size
    copied = 0
    with source.open("rb") as src:
        while chunk := src.read(CHUNK):
            check_cancel(cancel)
            dst.write(chunk)
            digest.update(chunk)
            copied += len(chunk)
            progress(copied, size, source.name)
        dst.flush()
        os.fsync(dst.fileno())
        _drop_cache(dst)
    return digest.hexdigest()


def _drop_cache(handle: BinaryIO) -> None:
    """Forget the cached pages so the read-back really comes from the drive."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_GONE = {errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT, errno.EROFS}
_WIN_DISK_FULL, _WIN_HANDLE_DISK_FULL = 112, 39
# ERROR_NOT_READY, ERROR_BAD_NETPATH, ERROR_DEV_NOT_EXIST, ERROR_IO_DEVICE,
# ERROR_DEVICE_NOT_CONNECTED, ERROR_WRITE_PROTECT: what Windows says when a stick is pulled.
_WIN_GONE = {21, 53, 55, 1117, 1167, 19}


def _os_error_message(exc: OSError, archive: Path, target_dir: Path) -> str:
    winerror = getattr(exc, "winerror", None)
    if exc.errno in _FULL or winerror in (_WIN_DISK_FULL, _WIN_HANDLE_DISK_FULL):
        return tr(
            "The drive {target_dir} is full: {archive_name} was not copied. Free some space or "
            "use another drive.",
            target_dir=target_dir,
            archive_name=archive.name,
        )
    if exc.errno in _GONE or winerror in _WIN_GONE:
        return tr(
            "The drive {target_dir} was removed or is not writable: {archive_name} was not "
            "copied. Insert the drive and try again.",
            target_dir=target_dir,
            archive_name=archive.name,
        )
    return tr(
        "Could not copy {archive_name} to {target_dir}: {exc_strerror}",
        archive_name=archive.name,
        target_dir=target_dir,
        exc_strerror=exc.strerror,
    )


def _record(database: Database, item: ExportedArchive) -> ExportedArchive:
    with database.session() as session:
        row = archive_at(session, item.source)
        if row is None:
            return item  # an archive the station did not make: copied, nothing to mark
        export = Export(archive_id=row.id, target_path=str(item.target),
                        finished_at=datetime.now(UTC), verified=True)
        session.add(export)
        session.flush()
        session.add(AuditEntry(action="export", package_id=row.package_id,
                               details=json.dumps({"archive": item.source.name,
                                                   "target": str(item.target)})))
        return replace(item, export_id=export.id)
