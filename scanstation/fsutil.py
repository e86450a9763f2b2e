"""The one way the core writes a file atomically and durably.

A reader sees either the old file or the whole new one, after a crash too: the data goes to
a temporary file of its own (`tempfile.mkstemp`: a unique, hidden `.NAME.XXXX.tmp` created
exclusively, so two threads or processes writing one target never share, and never delete,
each other's temporary file), is flushed and fsynced, renamed over the target, and the
folder is fsynced so the rename itself survives a power cut. On any error the temporary
file is removed and the old file stays as it was.

`no_clobber=True` puts the new file in place only if no file has the name (a hard link, or a
rename that refuses an existing name on Windows): a page is never written over another.
`staged_writer` (or `stage_bytes`) + `place` split the write for callers that must check
something between the durable temporary file and the rename (the recognition's upright
page, the packer's set of manifests swapped in as a whole).

`sha256_file` is the one way to hash a whole file (pages, sources, archives), here at the
bottom so the scanner drivers may use it too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Literal, TextIO, cast, overload

TMP_SUFFIX = ".tmp"
HASH_CHUNK = 1024 * 1024  # one reused buffer; big enough for few system calls


def sha256_file(path: Path, between_chunks: Callable[[], object] | None = None) -> str:
    """The sha256 of a whole file, streamed through one reused buffer (memory stays flat
    however big the file). `between_chunks()` runs before each chunk is hashed and may
    raise to stop (a job's cancel)."""
    digest = hashlib.sha256()
    buffer = memoryview(bytearray(HASH_CHUNK))
    with path.open("rb", buffering=0) as handle:
        while count := handle.readinto(buffer):
            if between_chunks is not None:
                between_chunks()
            digest.update(buffer[:count])
    return digest.hexdigest()


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, at import: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = _read_umask()


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable. Windows cannot open a directory, and NTFS
    journals renames itself, so there is nothing to do there."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(temp: Path, error: BaseException) -> None:
    try:
        temp.unlink(missing_ok=True)
    except OSError as cleanup:  # the disk may be gone; recovery removes `*.tmp` later
        error.add_note(f"temporary file left: {temp} ({cleanup})")


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes a file only its owner can read; the new file gets the mode the target
    has, or a new file's usual one (pages and archives are read by other accounts too)."""
    if os.name != "posix":
        return  # Windows: no mode bits beyond read-only, and mkstemp sets none
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    os.fchmod(fd, mode)


@contextmanager
def _staged(target: Path, mode: str, encoding: str | None, temp_dir: Path | None,
            buffering: int = -1, sync: bool = True
            ) -> Iterator[tuple[IO[bytes] | IO[str], Path]]:
    """A new temporary file for `target`, open for writing; made durable (flush, fsync,
    close; without the fsync when not `sync`) when the block ends, removed when it raises."""
    folder = target.parent
    if temp_dir is not None:  # must be on the target's file system, or the rename fails
        temp_dir.mkdir(parents=True, exist_ok=True)
        folder = temp_dir
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=folder)
    temp = Path(name)
    try:
        _set_mode(fd, target)
        with os.fdopen(fd, mode, buffering, encoding=encoding) as handle:
            yield handle, temp
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException as exc:
        _remove(temp, exc)
        raise


@dataclass(frozen=True)
class Staging:
    """A temporary file being written for `target`: durable once `staged_writer`'s block
    ends, at `path`, not yet in place."""

    file: BinaryIO
    path: Path


@contextmanager
def staged_writer(target: Path, *, temp_dir: Path | None = None,
                  buffering: int = -1, sync: bool = True) -> Iterator[Staging]:
    """`with staged_writer(target) as staging:` write `staging.file`; afterwards
    `staging.path` is a durable temporary file (beside `target`, or in `temp_dir` on the same
    file system) for `place` to put in place once the caller has checked what it must. On an
    error nothing is left behind. `buffering=0`: a raw file, for a writer that sends large
    blocks itself and hints the kernel by file offset (the packer's ZIP parts).

    `sync=False` closes it without the fsync: the caller must `sync_file` it before `place`.
    The packer does that on its verifying thread, so that one part reaches the disk while
    the next is written instead of the writing waiting for the disk part by part."""
    with _staged(target, "wb", None, temp_dir, buffering, sync) as (handle, temp):
        yield Staging(cast(BinaryIO, handle), temp)


def sync_file(path: Path) -> None:
    """Make a file written earlier durable (a `staged_writer(sync=False)` file). Opened for
    writing, without truncating: Windows flushes only through a handle that may write."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stage_bytes(target: Path, data: bytes, *, temp_dir: Path | None = None) -> Path:
    """`data` as a durable temporary file for `target` (see `staged_writer`)."""
    with staged_writer(target, temp_dir=temp_dir) as staging:
        staging.file.write(data)
    return staging.path


def _link_no_clobber(source: Path, target: Path) -> None:
    if os.name == "nt":
        os.rename(source, target)  # refuses an existing target on Windows
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links (FAT on a stick): claim the name, then fill it.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        os.replace(source, target)
        return
    os.unlink(source)


# Windows refuses to rename over a file another handle has open (a reader, an antivirus
# scan, another writer renaming onto the same name at that instant): «Access denied» for a
# few milliseconds. Retried with backoff, about 1.3 s in all, then the error stands.
_REPLACE_RETRIES_S = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.5)


def _replace(source: Path, target: Path) -> None:
    for delay in (*_REPLACE_RETRIES_S, None):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or delay is None:
                raise
            time.sleep(delay)


def place(source: Path, target: Path, *, no_clobber: bool = False) -> None:
    """Rename the file `source` to `target` atomically and durably (the target's folder
    fsynced). `no_clobber`: only if no file has that name — FileExistsError otherwise, with
    `source` kept, so the caller can offer the next name. `source` is never removed here
    on an error: it may be a file the caller still needs."""
    if no_clobber:
        _link_no_clobber(source, target)
    else:
        _replace(source, target)
    fsync_dir(target.parent)


@overload
def atomic_writer(path: Path, mode: Literal["wb"] = "wb", *, encoding: None = None,
                  no_clobber: bool = False, temp_dir: Path | None = None,
                  before_commit: Callable[[Path], None] | None = None
                  ) -> AbstractContextManager[BinaryIO]: ...


@overload
def atomic_writer(path: Path, mode: Literal["w"], *, encoding: str = "utf-8",
                  no_clobber: bool = False, temp_dir: Path | None = None,
                  before_commit: Callable[[Path], None] | None = None
                  ) -> AbstractContextManager[TextIO]: ...


def atomic_writer(path: Path, mode: Literal["wb", "w"] = "wb", *, encoding: str | None = None,
                  no_clobber: bool = False, temp_dir: Path | None = None,
                  before_commit: Callable[[Path], None] | None = None
                  ) -> AbstractContextManager[IO[bytes] | IO[str]]:
    """`with atomic_writer(path) as out:` — a file to stream into (a ZIP, a workbook's
    `save`); when the block ends without an error the whole file replaces `path`.
    `before_commit(temp)` runs on the durable temporary file just before the rename (a
    read-back check, a crash point); raising there keeps the old file."""
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_writer writes a new file: mode 'wb' or 'w', not {mode!r}")
    return _atomic_writer(path, mode, "utf-8" if mode == "w" and encoding is None
                          else encoding, no_clobber, temp_dir, before_commit)


@contextmanager
def _atomic_writer(path: Path, mode: str, encoding: str | None, no_clobber: bool,
                   temp_dir: Path | None, before_commit: Callable[[Path], None] | None
                   ) -> Iterator[IO[bytes] | IO[str]]:
    with _staged(path, mode, encoding, temp_dir) as (handle, temp):
        yield handle
    try:
        if before_commit is not None:
            before_commit(temp)
        place(temp, path, no_clobber=no_clobber)
    except BaseException as exc:
        _remove(temp, exc)
        raise


def atomic_write_bytes(path: Path, data: bytes, *, no_clobber: bool = False,
                       temp_dir: Path | None = None) -> None:
    """Replace (or, with `no_clobber`, create) `path` with `data`, atomically and durably."""
    with atomic_writer(path, "wb", no_clobber=no_clobber, temp_dir=temp_dir) as out:
        out.write(data)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8", *,
                      no_clobber: bool = False) -> None:
    """Replace (or, with `no_clobber`, create) `path` with `text`, atomically and durably."""
    with atomic_writer(path, "w", encoding=encoding, no_clobber=no_clobber) as out:
        out.write(text)
