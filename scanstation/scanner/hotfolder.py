"""The hot folder: pages from the vendor's own scanning program, which drops files there.

A file is taken only when it is completely written: its size and time stay the same for
`settle_seconds` and every page decodes. Multi-page TIFF and PDF are split into pages.

Nothing is lost and nothing taken twice, even across a crash:
1. pages are handed over; the consumer stores them before asking for more;
2. `acknowledge()` appends the file's sha256 to the ledger (fsync), then
3. moves the original to `processed/`.
A crash before 2 hands the file over again (the pages carry the sha256 and their place in
the file, so the consumer can recognise them); a crash between 2 and 3 only leaves the move
to finish. A file that never decodes goes to `rejected/` with a note saying why.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scanstation.i18n import t
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
# Names scanning programs and copy tools use while a file is still being written.
_TEMP_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".download", ".filepart")


@dataclass(frozen=True)
class ReadyFile:
    path: Path
    sha256: str
    page_count: int


@dataclass
class _Watch:
    signature: tuple[int, int]  # (size, mtime_ns)
    since: float  # clock time the signature was first seen


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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
        self._watch: dict[Path, _Watch] = {}
        self._taken = self._load_ledger()

    def _load_ledger(self) -> set[str]:
        taken: set[str] = set()
        try:
            lines = self.ledger_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return taken
        for line in lines:
            try:
                taken.add(str(json.loads(line)["sha256"]))
            except (ValueError, KeyError, TypeError):
                log.warning("hot folder ledger: skipping a damaged line")  # torn last write
        return taken

    def check_folder(self) -> None:
        if not self.folder.is_dir():
            raise DeviceGone(0)

    def pending(self) -> int:
        """Files seen but not yet complete."""
        return len(self._watch)

    def _candidates(self) -> list[tuple[Path, os.stat_result]]:
        found = []
        for entry in self.folder.iterdir():
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
        for path, stat in self._candidates():
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
        try:
            sha = _sha256(path)
        except PermissionError:
            return None  # the scanning program still holds it open (Windows)
        if sha in self._taken:
            log.info("hot folder: %s was taken before; moving it to %s", path.name, PROCESSED)
            self._move(path, self.processed_dir)
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
        return ReadyFile(path, sha, pages)

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
            )
            yield flag_blank_back(page, options)

    def acknowledge(self, ready: ReadyFile) -> Path:
        """The consumer has stored every page of `ready`: record it, then move it away."""
        entry = {"sha256": ready.sha256, "name": ready.path.name, "pages": ready.page_count,
                 "taken_at": datetime.now(UTC).isoformat(timespec="seconds")}
        with self.ledger_path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        self._taken.add(ready.sha256)
        return self._move(ready.path, self.processed_dir)

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
                               name=t(f"Папка сканов: {folder}", f"Hot folder: {folder}"),
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
                for page in self.hot.iter_pages(item, options, index):
                    index += 1
                    yield page
                # Resumed after the file's last page: the consumer has stored them all.
                self.hot.acknowledge(item)
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
