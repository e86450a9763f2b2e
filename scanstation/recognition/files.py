"""`recognise_files`: the one way to read the pages of files the station did not scan.

`recognize`, `check --protocol`, completeness and pack call it. With a database, a read is
remembered by the sha256 of the file's bytes, the page's index within the file and the
recogniser's fingerprint (`page_read`, migration 0007): hashing streams the file at disk
speed, far cheaper than decoding and reading a barcode, so the second `check` or pack of
the same files reads no page again. A change of the recogniser (its version, an engine's
version, the profile's number pattern) changes the fingerprint: everything is read afresh
and the outdated reads are dropped. Reads with an error (a damaged or missing file) are
never remembered: the file may be complete next time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from scanstation.db.models import PageRead as PageReadRow
from scanstation.db.store import Database
from scanstation.fsutil import sha256_file
from scanstation.profile import EventProfile
from scanstation.recognition.jobs import PageRead
from scanstation.recognition.result import ReadResult, ReadStatus

if TYPE_CHECKING:
    from scanstation.recognition.pool import RecognitionPool

log = logging.getLogger(__name__)
# Raise when reading changes in a way that gives other results on the same bytes (a new
# strategy, another acceptance rule): remembered reads of the old recogniser are then dropped.
RECOGNIZER_VERSION = "4"  # 2: pen-line fills, corner-global, deblur; no suggestion when
#    the Otsu look reads another whole line; 3: pen-line sides' mean also at 2×, the edge fill;
#    suggestions: a paler, strip-wise second search for the digit line, ¾ and ½ size looks agree;
#    4: the line's own glyphs judge a digit OCR disputes against a checked or twice-read code;
#    a suggestion: the Otsu look's dissent outvoted by every grey look, near misses softened
_ENGINES = ("zxing-cpp", "pyzbar", "tesserocr")
REMEMBER_BATCH = 50  # files per transaction: few commits, little lost to a crash
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileReads:
    """Every page of one file: its reads in page order and the sha256 of its bytes."""

    path: Path
    sha256: str | None  # None when the file could not be read at all
    reads: list[PageRead]
    remembered: bool = False  # from the database, no page decoded


def recognizer_fingerprint(profile: EventProfile) -> str:
    """What the reads of a page depend on besides its bytes: `<recogniser>-<profile>`, the
    recogniser's version and its engines' versions, then the profile's number pattern."""
    pattern = hashlib.sha256(profile.blank_number.encode()).hexdigest()[:16]
    return f"{_recognizer_version()}-{pattern}"


def _recognizer_version() -> str:
    return hashlib.sha256("|".join((RECOGNIZER_VERSION, *_engine_versions())).encode()
                          ).hexdigest()[:16]


@cache
def _engine_versions() -> tuple[str, ...]:
    versions = []
    for name in _ENGINES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return tuple(versions)


def file_sha256(path: Path) -> str | None:
    """The file's sha256 (`fsutil.sha256_file`); None when it cannot be read."""
    try:
        return sha256_file(path)
    except OSError:
        return None


def hash_files(files: Sequence[Path], progress: Progress | None = None
                ) -> dict[Path, str | None]:
    """`file_sha256` of every file, on every core: hashlib lets go of the GIL while it
    hashes, so threads are enough. `progress(done, total, name)` may raise to cancel."""
    digests: dict[Path, str | None] = {}
    if not files:
        return digests
    workers = max(1, min(4, os.cpu_count() or 1, len(files)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hash") as pool:
        try:
            for done, (path, digest) in enumerate(
                    zip(files, pool.map(file_sha256, files), strict=True), start=1):
                digests[path] = digest
                if progress is not None:
                    progress(done, len(files), path.name)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return digests


def result_to_json(result: ReadResult) -> str:
    return json.dumps(asdict(result), ensure_ascii=False, separators=(",", ":"))


def result_from_json(text: str) -> ReadResult:
    data = json.loads(text)
    data["status"] = ReadStatus(data["status"])
    for key in ("candidates", "suggestion_unsure"):
        data[key] = tuple(data[key])
    return ReadResult(**data)


def recognise_files(files: Sequence[Path], profile: EventProfile,
                    database: Database | None = None, pool: RecognitionPool | None = None,
                    progress: Progress | None = None,
                    hashes: dict[Path, str | None] | None = None) -> list[FileReads]:
    """Every page of `files`, in their order (see `iter_recognised`)."""
    return list(iter_recognised(files, profile, database, pool, progress, hashes))


def iter_recognised(files: Sequence[Path], profile: EventProfile,
                    database: Database | None = None, pool: RecognitionPool | None = None,
                    progress: Progress | None = None,
                    hashes: dict[Path, str | None] | None = None) -> Iterator[FileReads]:
    """Each file's pages as soon as they and the files before them are read: remembered
    reads first, the rest in `pool` (a pool for this call when none is given and anything
    is left to read). Fresh reads are remembered as they come, in batches.

    `hashes`: sha256 of files the caller already knows, so nothing is hashed twice.
    `progress(done, total, name)` after each file; it may raise to cancel."""
    fingerprint = recognizer_fingerprint(profile)
    digests: dict[Path, str | None] = {}
    if database is not None:
        given = hashes or {}
        digests = {**hash_files([p for p in files if p not in given]), **given}
    known = remembered_reads(database, profile, digests) if database is not None else {}
    to_read = [path for path in files if path not in known]
    fresh = _read_in_pool(to_read, profile, pool)
    batch: dict[Path, tuple[str | None, list[PageRead]]] = {}
    try:
        for done, path in enumerate(files, start=1):
            if path in known:
                item = FileReads(path, digests[path], known[path], True)
            else:
                read_path, reads = next(fresh)
                assert read_path == path  # jobs run in the order of the files
                item = FileReads(path, digests.get(path), reads)
                # Remembered only if the bytes read are the bytes hashed (a file still being
                # written would otherwise leave its read under another content's hash).
                digest = digests.get(path)
                batch[path] = (digest if digest and file_sha256(path) == digest else None,
                               reads)
                if database is not None and len(batch) >= REMEMBER_BATCH:
                    _remember(database, fingerprint, batch)
                    batch = {}
            if progress is not None:
                progress(done, len(files), path.name)
            yield item
    finally:
        fresh.close()  # a pool of this call is shut down, queued pages dropped
        if database is not None and batch:
            _remember(database, fingerprint, batch)
    log.info("recognition: %d files, %d remembered, %d read", len(files), len(known),
             len(to_read))


def _read_in_pool(files: list[Path], profile: EventProfile, pool: RecognitionPool | None
                  ) -> Generator[tuple[Path, list[PageRead]], None, None]:
    """(file, its reads) in the order of `files`; the pool is made only when needed."""
    if not files:
        return
    # Loaded only when something is left to read: the engines cost ~0.5 s of imports.
    from scanstation.recognition.jobs import jobs_for_files
    from scanstation.recognition.pool import RecognitionPool

    jobs = jobs_for_files(files, profile)
    active = pool if pool is not None else RecognitionPool.for_folder(len(jobs))
    try:
        current: Path | None = None
        reads: list[PageRead] = []
        for job, job_reads in active.read(jobs):
            path = Path(job.path)
            if current is not None and path != current:
                yield current, reads
                reads = []
            current = path
            reads.extend(job_reads)
        if current is not None:
            yield current, reads
    finally:
        if pool is None:
            active.shutdown()


def remembered_reads(database: Database, profile: EventProfile,
                     digests: dict[Path, str | None]) -> dict[Path, list[PageRead]]:
    """The remembered reads of every file whose pages are all remembered, by its sha256.
    Such a file was decoded completely when it was read: its bytes need no decode again."""
    fingerprint = recognizer_fingerprint(profile)
    wanted = {d for d in digests.values() if d is not None}
    if not wanted:
        return {}
    rows: dict[str, list[PageReadRow]] = {}
    with database.read() as session:
        for chunk in _chunks(sorted(wanted), 500):  # SQLite's limit of bound parameters
            for row in session.scalars(select(PageReadRow).where(
                    PageReadRow.recognizer == fingerprint, PageReadRow.sha256.in_(chunk))):
                rows.setdefault(row.sha256, []).append(row)
        found: dict[Path, list[PageRead]] = {}
        for path, digest in digests.items():
            pages = sorted(rows.get(digest or "", []), key=lambda r: r.page_index)
            if pages and len(pages) == pages[0].pages_in_file:
                found[path] = [PageRead(str(path), row.page_index,
                                        result_from_json(row.result)) for row in pages]
    return found


def _remember(database: Database, fingerprint: str,
              fresh: dict[Path, tuple[str | None, list[PageRead]]]) -> None:
    """Keep complete reads of whole files; drop the reads of other recogniser versions
    (other profiles' reads stay: a station packs events of several profiles)."""
    rows = [PageReadRow(sha256=digest, page_index=read.page_index, recognizer=fingerprint,
                        pages_in_file=len(reads), result=result_to_json(read.result))
            for digest, reads in fresh.values()
            if digest is not None and reads and all(r.result is not None for r in reads)
            for read in reads if read.result is not None]
    current = fingerprint.partition("-")[0] + "-%"
    with database.session() as session:
        session.execute(delete(PageReadRow).where(PageReadRow.recognizer.not_like(current)))
        for row in rows:
            session.merge(row)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
