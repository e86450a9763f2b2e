"""One writer per package across processes: a lock file in the package folder.

The window and every command that writes to a package (`ingest`, `pack`, `fix`) hold
`.scanstation.lock` while they work. The lock is the operating system's lock on the open
file (`fcntl.flock` on Linux, `msvcrt.locking` on Windows), not the file's existence: when
the holder dies however it dies (SIGKILL, power cut, crash) the system drops the lock and
the next writer takes it over at once; a pid file would need guessing whether the pid still
means the same program. The file's text says who holds it (program, pid, host, since) so a
second writer is told plainly whom to wait for.

Within one process the lock is shared (counted): the window's pipeline, its packer and its
recovery of one package are one writer, kept in order by `writelock.WRITE_LOCK`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from scanstation.errors import KnownError
from scanstation.i18n import tr

log = logging.getLogger(__name__)

LOCK_NAME = ".scanstation.lock"
# Windows locks are mandatory: a locked byte cannot be read by others. The byte locked is
# far beyond the holder's text, so a refused writer can still read who holds the lock.
_WINDOWS_LOCK_OFFSET = 1 << 30
_identity = {"program": Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "scanstation"}


def set_program(name: str) -> None:
    """How this process is named to a refused writer («scanstation ingest», «окно»)."""
    _identity["program"] = name


class PackageLocked(KnownError):
    """Another process is writing to this package now."""

    def __init__(self, folder: Path, holder: dict[str, Any]) -> None:
        program = str(holder.get("program") or tr("unknown program"))
        pid = holder.get("pid", "?")
        host = holder.get("host", "?")
        since = holder.get("since", "?")
        super().__init__(tr(
            "The package «{folder_name}» is being changed by another program: {program} (process "
            "{pid}, host {host}, since {since}). Wait for it to finish or close it and try again. "
            "Lock file: {folder_path}.",
            folder_name=folder.name,
            program=program,
            pid=pid,
            host=host,
            since=since,
            folder_path=folder / LOCK_NAME,
        ))
        self.folder = folder
        self.holder = holder


@dataclass
class _Held:
    handle: IO[bytes]
    count: int


_held: dict[str, _Held] = {}
_registry_lock = threading.Lock()


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _still_named(handle: IO[bytes], path: Path) -> bool:
    """True when `path` is still the file `handle` has open (not removed or replaced)."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(handle.fileno())
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def read_holder(folder: Path) -> dict[str, Any]:
    """Who the lock file says holds it ({} when it says nothing readable)."""
    try:
        with (folder / LOCK_NAME).open("rb") as handle:
            data = json.loads(handle.read(4096).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(folder: Path) -> str:
    return os.path.normcase(str(folder.resolve()))


class PackageLock:
    """`with PackageLock(folder):` — this process writes to the package; raises
    `PackageLocked` at once (never waits) when another process does."""

    def __init__(self, folder: Path, program: str | None = None) -> None:
        self.folder = Path(folder)
        self.program = program
        self._key: str | None = None

    def acquire(self) -> None:
        if self._key is not None:
            return
        key = _key(self.folder)
        with _registry_lock:
            held = _held.get(key)
            if held is not None:
                held.count += 1
                self._key = key
                return
            handle = self._open_locked()
            if handle is None:
                return
            holder = {"program": self.program or _identity["program"], "pid": os.getpid(),
                      "host": socket.gethostname(),
                      "since": datetime.now().astimezone().isoformat(timespec="seconds")}
            previous = read_holder(self.folder)
            if previous:  # the previous holder died without releasing: the OS did it
                log.info("package lock of %s taken over from %s", self.folder, previous)
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(holder, ensure_ascii=False).encode("utf-8"))
            os.fsync(handle.fileno())
            _held[key] = _Held(handle, 1)
            self._key = key

    def _open_locked(self) -> IO[bytes] | None:
        """The lock file, open and locked by us; None for a folder nobody can write to."""
        path = self.folder / LOCK_NAME
        for _attempt in range(50):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            except OSError as exc:
                if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT):
                    raise
                # A read-only medium: nobody else can change it either. No folder (a disk
                # not plugged in): the change itself will fail, with its own message.
                log.info("package %s is read-only, not locked: %s", self.folder, exc)
                return None
            handle = os.fdopen(fd, "r+b", buffering=0)
            if not _try_lock(handle):
                handle.close()
                raise PackageLocked(self.folder, read_holder(self.folder))
            if _still_named(handle, path):
                return handle
            # The holder released and removed the file between our open and our lock: a
            # lock on a file nobody else will open is no lock. Open the new one.
            handle.close()
        raise PackageLocked(self.folder, read_holder(self.folder))

    def release(self) -> None:
        key, self._key = self._key, None
        if key is None:
            return
        with _registry_lock:
            held = _held[key]
            held.count -= 1
            if held.count > 0:
                return
            del _held[key]
            emptied = False
            try:
                # Removed while still locked (a writer that opened it meanwhile sees it
                # gone, see `_still_named`); Windows refuses to remove an open file, so
                # there it is emptied instead: a lock file nobody holds names nobody.
                try:
                    (self.folder / LOCK_NAME).unlink()
                except OSError:
                    held.handle.seek(0)
                    held.handle.truncate()
                    emptied = True
                _unlock(held.handle)
            except OSError as exc:  # the disk went away: closing drops the lock anyway
                log.warning("releasing the package lock of %s: %s", self.folder, exc)
            finally:
                held.handle.close()
            if emptied:  # Windows: now that it is closed it can go (unless another has it)
                with contextlib.suppress(OSError):
                    (self.folder / LOCK_NAME).unlink()

    @property
    def held(self) -> bool:
        return self._key is not None

    def __enter__(self) -> PackageLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
