"""Moving page bytes with few copies, and getting them to the disk early.

Packing is I/O bound with a little hashing on top, so the details decide the speed: whole
pages read with `readinto` into one reused buffer (no bytes object per chunk), written
straight from it, and — on Linux — the kernel asked to start writing each stretch of the
archive to disk as soon as it is written (`sync_file_range`). Without that hint a gigabyte
of dirty pages piles up, the kernel throttles the writer, and the final fsync waits for all
of it; with it the disk works while the CPU does, the fsync at the end finds almost nothing
left, and the written pages stay in the page cache for the verification's re-read.
"""

from __future__ import annotations

import ctypes
import hashlib
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from typing import BinaryIO

try:  # zlib-ng's CRC-32 uses the CPU's carry-less multiply: ~45 GB/s here against zlib's 4
    from zlib_ng.zlib_ng import crc32
except ImportError:  # same results, only slower
    from zlib import crc32

__all__ = ["BIG_CHUNK", "BackgroundWriter", "HashingFile", "Writeback", "crc32", "read_into",
           "write_all"]
BIG_CHUNK = 8 * 1024 * 1024  # sequential reads: few system calls, still small next to RAM
WRITEBACK_STEP = 8 * 1024 * 1024  # how much dirty data may wait before writeback starts
_SYNC_FILE_RANGE_WRITE = 2  # start writeback of dirty pages in the range, do not wait


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS: the final fsync alone
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.sync_file_range
    except (OSError, AttributeError):
        return None  # a libc without it (old musl): the final fsync alone
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_sync_file_range = _load_sync_file_range()


class Writeback:
    """Asks the kernel to start writing a file's new bytes to disk every few megabytes.

    Only a hint: durability still comes from the fsync when the file is complete. A file
    system that refuses the call (tmpfs, some network mounts) just stops getting it.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._started = 0
        self._enabled = _sync_file_range is not None

    def written_up_to(self, offset: int) -> None:
        if not self._enabled or offset - self._started < WRITEBACK_STEP:
            return
        assert _sync_file_range is not None
        if _sync_file_range(self._fd, self._started, offset - self._started,
                            _SYNC_FILE_RANGE_WRITE) != 0:
            self._enabled = False
        self._started = offset


def write_all(handle: BinaryIO, data: bytes | memoryview) -> int:
    """Write every byte (a raw file may take fewer per call); returns the count."""
    view = memoryview(data)
    total = len(view)
    while view:
        count = handle.write(view)
        if not count:
            raise OSError(f"write returned {count!r}")
        view = view[count:]
    return total


def read_into(handle: BinaryIO, view: memoryview) -> int:
    """Fill `view` from `handle` until it is full or the file ends; returns the count."""
    done = 0
    while done < len(view):
        count = handle.readinto(view[done:])  # type: ignore[attr-defined]
        if not count:
            break
        done += count
    return done


class HashingFile:
    """A raw binary file that takes the sha256 of the bytes as they are written.

    The packer's parts need their own sha256 for the manifest; taken here (on the writing
    thread, while the next page is read) the verification need not hash the whole archive
    a second time. Only a file written front to back has a digest: a write anywhere but at
    the end (the encrypted entries patch their headers) leaves `hexdigest()` None, and the
    caller hashes the finished file instead.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._digest = hashlib.sha256()
        self._position = raw.tell()
        self._hashed = self._position  # bytes before the wrapper started: not ours
        self._sequential = self._position == 0

    def write(self, data: bytes | memoryview) -> int:
        count: int = self._raw.write(data)
        if self._position != self._hashed:
            self._sequential = False
        elif self._sequential and count:
            self._digest.update(memoryview(data)[:count])
            self._hashed += count
        self._position += count
        return count

    def seek(self, offset: int, whence: int = 0) -> int:
        self._position = self._raw.seek(offset, whence)
        return self._position

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        self._raw.flush()

    def fileno(self) -> int:
        return self._raw.fileno()

    def hexdigest(self, size: int) -> str | None:
        """The sha256 of the whole file if it was written front to back and is `size`
        bytes long (what the writer says it wrote), else None."""
        if not self._sequential or self._hashed != size:
            return None
        return self._digest.hexdigest()


class BackgroundWriter:
    """Writes on a second thread while the caller reads and checksums the next page.

    Two page buffers alternate: the caller fills one (`buffer`) while the other is being
    written; `submit` waits for the previous write first, so at most one is in flight and
    writes reach the file in order. `wait` must run before the handle is used otherwise
    or closed (`close`, and the writer's `__exit__`, do it): a thread still writing to a
    closed descriptor could hit a file opened later under the same number.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._writeback = Writeback(handle.fileno())
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None
        self._buffers = [bytearray(), bytearray()]
        self._turn = 0

    def buffer(self, size: int) -> memoryview:
        """`size` bytes that no write in flight is using."""
        if len(self._buffers[self._turn]) < size:
            self._buffers[self._turn] = bytearray(size)
        return memoryview(self._buffers[self._turn])[:size]

    def submit(self, header: bytes, data: memoryview, end: int) -> None:
        """Write `header` then `data` (from `buffer`) in the background; `end`: the file
        offset once they are written (for the writeback hint)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zip-write")
        self.wait()
        self._pending = self._pool.submit(self._write, header, data, end)
        self._turn = 1 - self._turn

    def write_now(self, data: bytes | memoryview, end: int) -> None:
        """Write in this thread, after any write in flight."""
        self.wait()
        self._write(data, b"", end)

    def _write(self, first: bytes | memoryview, second: bytes | memoryview, end: int) -> None:
        write_all(self._handle, first)
        write_all(self._handle, second)
        self._writeback.written_up_to(end)

    def written_elsewhere(self, end: int) -> None:
        """The caller wrote to the handle itself (after `wait`), up to offset `end`."""
        self._writeback.written_up_to(end)

    def wait(self) -> None:
        """Until the write in flight is done; its error, if any, is raised here."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self.abandon()

    def abandon(self) -> None:
        """After a failure: let the write in flight end (the failure that got here is the
        one to report, not a write error behind it) and stop the thread."""
        pending, self._pending = self._pending, None
        if pending is not None:
            wait_for([pending])
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
