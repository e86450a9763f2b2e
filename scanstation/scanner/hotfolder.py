"""The hot folder: pages from the vendor's own scanning program, which drops files there.

A file is taken only when it is completely written: its size and time stay the same for
`settle_seconds` and every page decodes. Multi-page TIFF and PDF are split into pages.

Nothing is lost and nothing taken twice, even across a crash:
1. pages are handed over, each carrying the file's sha256 and its place in the file; the
   consumer (a writer thread behind a queue) calls the page's `on_recorded` once the page
   is durable and its row committed;
2. when every page of the file has been confirmed so, `acknowledge()` appends the file's
   sha256 to the ledger (fsync), then
3. moves the original to `processed/`.
A crash before 2 hands the file over again at the next start; the consumer finds the pages
it recorded by sha256 and page (`Page.source_sha256`, `Page.source_page`) and takes only the
rest. A crash between 2 and 3 only leaves the move to finish. A file whose sha256 is in the
ledger (the same file again, under any name) is skipped with a message. A file that never
decodes goes to `rejected/` with a note saying why.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scanstation.fsutil import sha256_file
from scanstation.i18n import tr
from scanstation.scanner.base import (
    Capabilities,
    ColorMode,
    DeviceGone,
    DeviceInfo,
    ScannedPage,
    ScanOptions,
    ScanSource,
)
from scanstation.scanner.duplex import flag_blank_back, side_for
from scanstation.scanner.filepages import (
    SUPPORTED_SUFFIXES,
    UnreadableFile,
    count_pages,
    iter_file_pages,
)

log = logging.getLogger(__name__)

LEDGER_NAME = ".scanstation-ledger.jsonl"
PROCESSED = "processed"
REJECTED = "rejected"
REFUSED_GRACE = 30.0  # seconds a folder may refuse to be listed before it counts as gone
# Names scanning programs and copy tools use while a file is still being written.
_TEMP_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", ".filepart")


@dataclass(frozen=True)
class ReadyFile:
    path: Path
    sha256: str
    page_count: int


@dataclass
class _Delivery:
    """A file handed over and not yet acknowledged: the pages not yet confirmed recorded."""

    ready: ReadyFile
    unconfirmed: set[int]


@dataclass
class _Watch:
    signature: tuple[int, int]  # (size, mtime_ns)
    since: float  # clock time the signature was first seen


def _free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)`… when taken: never overwrite an original."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


class HotFolder:
    def __init__(self, folder: Path, settle_seconds: float = 2.0, reject_after: float = 60.0,
                 default_dpi: int = 200, clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = Path(folder)
        self.settle_seconds = settle_seconds
        self.reject_after = max(reject_after, settle_seconds)
        self.default_dpi = default_dpi
        self.clock = clock
        self.processed_dir = self.folder / PROCESSED
        self.rejected_dir = self.folder / REJECTED
        self.ledger_path = self.folder / LEDGER_NAME
        self.rejections: list[tuple[str, str]] = []  # (file name, reason) for the operator
        self.skipped: list[tuple[str, str]] = []  # (file name, message): taken before
        self._watch: dict[Path, _Watch] = {}
        self._lock = threading.Lock()  # pages are confirmed from the consumer's thread
        self._in_flight: dict[str, _Delivery] = {}
        self._taken = self._load_ledger()
        self._refused_since: float | None = None  # the listing was first refused then

    def _load_ledger(self) -> dict[str, dict[str, object]]:
        taken: dict[str, dict[str, object]] = {}
        try:
            lines = self.ledger_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return taken
        for line in lines:
            try:
                entry = json.loads(line)
                taken[str(entry["sha256"])] = entry
            except (ValueError, KeyError, TypeError):
                log.warning("hot folder ledger: skipping a damaged line")  # torn last write
        return taken

    def check_folder(self) -> None:
        if not self.folder.is_dir():
            raise DeviceGone(0)

    def pending(self) -> int:
        """Files seen but not yet complete."""
        return len(self._watch)

    def unacknowledged(self) -> int:
        """Files handed over whose pages are not all confirmed recorded yet."""
        with self._lock:
            return len(self._in_flight)

    def _candidates(self) -> list[tuple[Path, os.stat_result]] | None:
        """The files to look at, or None when the folder refused this listing.

        Windows refuses to list a folder that is being deleted (a sharing violation) and a
        share can deny access for a moment while it reconnects: one refused look is not a
        device gone, but refusals that last `REFUSED_GRACE` seconds are."""
        found = []
        try:
            entries = list(self.folder.iterdir())
        except (FileNotFoundError, NotADirectoryError) as exc:
            # gone between `check_folder` and the listing (a share unmounted, a stick pulled)
            raise DeviceGone(0) from exc
        except PermissionError as exc:
            now = self.clock()
            if self._refused_since is None:
                self._refused_since = now
            if now - self._refused_since >= REFUSED_GRACE:
                raise DeviceGone(0) from exc
            return None
        self._refused_since = None
        for entry in entries:
            name = entry.name
            if (name.startswith((".", "~")) or name.lower().endswith(_TEMP_SUFFIXES)
                    or entry.suffix.lower() not in SUPPORTED_SUFFIXES):
                continue
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue  # moved away between listing and looking
            if entry.is_file():
                found.append((entry, stat))
        return sorted(found, key=lambda item: (item[1].st_mtime_ns, item[0].name))

    def poll(self) -> list[ReadyFile]:
        """One look at the folder: the files now complete, oldest first."""
        self.check_folder()
        now = self.clock()
        ready: list[ReadyFile] = []
        present = set()
        candidates = self._candidates()
        if candidates is None:
            return ready  # the folder refused this look: the watches wait for the next
        for path, stat in candidates:
            present.add(path)
            signature = (stat.st_size, stat.st_mtime_ns)
            watch = self._watch.get(path)
            if watch is None or watch.signature != signature:
                self._watch[path] = _Watch(signature, now)
                continue
            stable_for = now - watch.since
            if stable_for < self.settle_seconds or stat.st_size == 0:
                continue
            taken = self._take(path, stable_for)
            if taken is not None and taken.sha256 in {r.sha256 for r in ready}:
                continue  # the same file twice in one look: the copy waits for the ledger
            if taken is not None:
                ready.append(taken)
        for gone in set(self._watch) - present:
            del self._watch[gone]
        return ready

    def _take(self, path: Path, stable_for: float) -> ReadyFile | None:
        with self._lock:
            if any(d.ready.path == path for d in self._in_flight.values()):
                return None  # handed over, its pages still being stored
        try:
            sha = sha256_file(path)
        except PermissionError:
            return None  # the scanning program still holds it open (Windows)
        except FileNotFoundError:
            return None  # moved away meanwhile (acknowledged from the consumer's thread)
        with self._lock:
            if sha in self._in_flight:
                return None  # a copy of a file being stored: the ledger decides after it
            earlier = self._taken.get(sha)
        if earlier is not None:
            self._skip(path, earlier)
            return None
        try:
            pages = count_pages(path, self.default_dpi)
        except UnreadableFile as exc:
            if stable_for >= self.reject_after:
                self.reject(path, exc.message)
            return None  # may still be being written by a program that pauses
        except PermissionError:
            return None
        self._watch.pop(path, None)
        ready = ReadyFile(path, sha, pages)
        with self._lock:
            self._in_flight[sha] = _Delivery(ready, set(range(1, pages + 1)))
        return ready

    def _skip(self, path: Path, earlier: dict[str, object]) -> None:
        """The same file (by content) was taken before: never again; told, and moved away."""
        message = tr(
            "{path_name} was taken before (as {earlier_name}, {earlier_taken_at}) — the repeat "
            "is skipped and moved to {processed}/.",
            path_name=path.name,
            earlier_name=earlier.get('name'),
            earlier_taken_at=earlier.get('taken_at'),
            processed=PROCESSED,
        )
        log.warning("hot folder: %s", message)
        self._watch.pop(path, None)
        try:
            target = self._move(path, self.processed_dir)
        except FileNotFoundError:
            return  # someone took it away meanwhile
        target.with_name(target.name + ".txt").write_text(message + "\n", encoding="utf-8")
        self.skipped.append((path.name, message))

    def iter_pages(self, ready: ReadyFile, options: ScanOptions,
                   first_index: int) -> Iterator[ScannedPage]:
        color = options.mode is ColorMode.COLOR
        for number, (image, dpi) in enumerate(iter_file_pages(ready.path, options.dpi, color)):
            page = ScannedPage(
                image=image, dpi=dpi, source=f"hotfolder:{self.folder}",
                index=first_index + number, side=side_for(options, number),
                original_path=ready.path,
                extra={"hotfolder_file": ready.path.name, "sha256": ready.sha256,
                       "file_page": f"{number + 1}/{ready.page_count}"},
                source_sha256=ready.sha256, source_page=number + 1,
                on_recorded=functools.partial(self.confirm, ready.sha256, number + 1),
            )
            yield flag_blank_back(page, options)

    def confirm(self, sha256: str, page: int) -> None:
        """The consumer has made page `page` of the file durable and recorded it; the file
        is acknowledged with its last page."""
        with self._lock:
            delivery = self._in_flight.get(sha256)
            if delivery is None:
                return
            delivery.unconfirmed.discard(page)
            if delivery.unconfirmed:
                return
        # Still «in flight» until moved, so a look at the folder meanwhile leaves it alone.
        # Runs on the consumer's thread: a failure here is logged, never raised into it;
        # the ledger (if written) or the pages' records settle the file at the next look.
        try:
            self.acknowledge(delivery.ready)
        except OSError as exc:
            log.warning("hot folder: %s stored but not acknowledged yet: %s",
                        delivery.ready.path.name, exc)
        finally:
            with self._lock:
                self._in_flight.pop(sha256, None)

    def acknowledge(self, ready: ReadyFile) -> Path:
        """Every page of `ready` is durable and recorded: record the file, then move it."""
        entry = {"sha256": ready.sha256, "name": ready.path.name, "pages": ready.page_count,
                 "taken_at": datetime.now(UTC).isoformat(timespec="seconds")}
        with self._lock:
            with self.ledger_path.open("a", encoding="utf-8") as stream:
                stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
                stream.flush()
                os.fsync(stream.fileno())
            self._taken[ready.sha256] = entry
        log.info("hot folder: %s taken (%d pages)", ready.path.name, ready.page_count)
        moved = self._move(ready.path, self.processed_dir)
        with self._lock:
            self._in_flight.pop(ready.sha256, None)  # only now: a look meanwhile left it be
        return moved

    def reject(self, path: Path, reason: str) -> Path:
        target = self._move(path, self.rejected_dir)
        note = target.with_name(target.name + ".txt")
        note.write_text(reason + "\n", encoding="utf-8")
        self.rejections.append((path.name, reason))
        self._watch.pop(path, None)
        log.warning("hot folder: rejected %s: %s", path.name, reason)
        return target

    def _move(self, path: Path, folder: Path) -> Path:
        folder.mkdir(exist_ok=True)
        target = _free_name(folder, path.name)
        os.replace(path, target)  # same file system: atomic, never a half-moved file
        return target


class HotFolderDevice:
    """The hot folder as a scanner: `scan()` hands over pages as files complete, until
    cancelled (or, with `stop_when_idle`, until nothing is left to wait for)."""

    def __init__(self, folder: Path, settle_seconds: float = 2.0, poll_interval: float = 1.0,
                 stop_when_idle: bool = False, reject_after: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.hot = HotFolder(folder, settle_seconds, reject_after, clock=clock)
        self.poll_interval = poll_interval
        self.stop_when_idle = stop_when_idle
        self.info = DeviceInfo(id=f"hotfolder:{folder}",
                               name=tr("Hot folder: {folder}", folder=folder),
                               driver="hotfolder")

    def capabilities(self) -> Capabilities:
        # The vendor's program decides resolution and mode; dpi is used for PDF pages.
        return Capabilities((200,), (ColorMode.GRAY, ColorMode.COLOR, ColorMode.BW),
                            (ScanSource.FEEDER, ScanSource.DUPLEX))

    def scan(self, options: ScanOptions, cancel: threading.Event | None = None
             ) -> Iterator[ScannedPage]:
        waiter = cancel if cancel is not None else threading.Event()
        index = options.first_index
        while not waiter.is_set():
            try:
                ready = self.hot.poll()
            except DeviceGone as exc:  # a network share or USB disk went away
                raise DeviceGone(index - 1) from exc
            for item in ready:
                # Acknowledged by the consumer's confirmations (`HotFolder.confirm`), not
                # here: a page handed over is not yet a page stored.
                for page in self.hot.iter_pages(item, options, index):
                    index += 1
                    yield page
                if waiter.is_set():
                    return
            if not ready and self.stop_when_idle and self.hot.pending() == 0:
                return
            if not ready:
                waiter.wait(self.poll_interval)

    def close(self) -> None:
        """Nothing to release: the folder stays as it is."""


class HotFolderDriver:
    name = "hotfolder"

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self.folders = [Path(f) for f in folders]

    def list_devices(self) -> list[DeviceInfo]:
        return [HotFolderDevice(f).info for f in self.folders if f.is_dir()]

    def open(self, device_id: str) -> HotFolderDevice:
        folder = Path(device_id.removeprefix("hotfolder:"))
        if not folder.is_dir():
            raise DeviceGone(0)
        return HotFolderDevice(folder)
