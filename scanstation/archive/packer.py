"""Packing a package folder into verified ZIP parts of at most `limit` bytes.

The order is what makes a result trustworthy: check the folder by the collector's rules,
plan the parts, write each to a hidden temporary file (`.NAME.zip.….tmp`, fsync), re-read it
completely (every CRC, every page's sha256 against the database), write every manifest under
a temporary name too, and only then swap the whole new set for the previous one
(`swap_sets`) and record it in the database. A failure or cancel at any point removes every
file of the run and leaves the previous set byte for byte as it was.
"""

from __future__ import annotations

import glob
import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from scanstation.archive.check import check_folder, folder_files
from scanstation.archive.errors import ArchiveError, FolderRejected
from scanstation.archive.fileio import HashingFile
from scanstation.archive.limits import DEFAULT_LIMIT
from scanstation.archive.manifest import (
    MANIFEST_SUFFIX,
    ManifestPage,
    manifest_path,
    write_manifest,
)
from scanstation.archive.packed import PackedArchive, PackResult
from scanstation.archive.plan import PlannedPage, PlannedPart, plan_parts
from scanstation.archive.progress import ProgressCallback, check_cancel, no_progress
from scanstation.archive.records import record_archives
from scanstation.archive.sources import (
    SourcePage,
    pages_by_recognition,
    pages_from_database,
)
from scanstation.archive.stale import mark_stale_archives
from scanstation.archive.swap import JOURNAL_SUFFIX, finish_interrupted_swaps, swap_in
from scanstation.archive.verify import require_valid, verify_archive
from scanstation.archive.zipwriter import (
    MAX_ZIP_BYTES,
    Encryption,
    StreamingZipWriter,
    WrittenMember,
)
from scanstation.db import Database
from scanstation.db.lookup import package_of_folder
from scanstation.fsutil import TMP_SUFFIX, staged_writer, sync_file
from scanstation.i18n import tr
from scanstation.ingest.crashpoints import crash_point
from scanstation.package_lock import PackageLock
from scanstation.profile import EventProfile, default_profile

# PackResult and PackedArchive are what `pack_package` returns (defined in `packed`).
__all__ = ["MIN_LIMIT", "PackOptions", "PackResult", "PackedArchive", "archive_names",
           "pack_package", "previous_set", "swap_sets"]
log = logging.getLogger(__name__)
MIN_LIMIT = 100_000


@dataclass
class PackOptions:
    out_dir: Path
    limit: int = DEFAULT_LIMIT
    encryption: Encryption = Encryption.NONE
    password: str | None = None
    profile: EventProfile | None = None  # for folders the database does not know
    replace: bool = False  # drop the folder's earlier archives once the new set is verified
    # «Упаковать всё равно»: the gate's problems and the reason (`GateOverride.as_json()`),
    # written into every manifest and the audit entry of the run.
    incomplete: dict[str, Any] | None = None


def archive_names(folder: Path, parts: int) -> list[str]:
    if parts == 1:
        return [f"{folder.name}.zip"]
    return [f"{folder.name}_{i}_of_{parts}.zip" for i in range(1, parts + 1)]


def pack_package(folder: Path, options: PackOptions, database: Database | None = None,
                 progress: ProgressCallback = no_progress,
                 cancel: threading.Event | None = None) -> PackResult:
    """Pack `folder` into verified parts in `options.out_dir`, holding the package's lock
    (no page can change while it is packed). A previous set is replaced only as a whole,
    once the new one is verified (`swap_sets`)."""
    folder = folder.absolute()
    if not folder.is_dir():  # refused by the check, with its message
        return _pack(folder, options, database, progress, cancel)
    with PackageLock(folder):
        return _pack(folder, options, database, progress, cancel)


def _pack(folder: Path, options: PackOptions, database: Database | None,
          progress: ProgressCallback, cancel: threading.Event | None) -> PackResult:
    if options.encryption != Encryption.NONE and not options.password:
        raise ArchiveError(tr("Encryption needs a password."))
    if not MIN_LIMIT <= options.limit <= MAX_ZIP_BYTES:
        raise ArchiveError(tr(
            "The archive size must be {min_limit} to {max_zip_bytes} bytes.",
            min_limit=MIN_LIMIT,
            max_zip_bytes=MAX_ZIP_BYTES,
        ))
    # A folder the database knows has every page's sha256: the packed bytes are compared
    # with it, so a header-only check is enough (decoding is most of the time otherwise).
    # So has a page from elsewhere whose read is remembered: its bytes decoded completely
    # when it was read, and its sha256 (hashed here once) is what the packed bytes must be.
    known = database is not None and _is_known(database, folder)
    hashes: dict[Path, str | None] = {}
    decoded: set[Path] = set()
    if database is not None and not known and folder.is_dir():
        hashes, decoded = _remembered_files(folder, database, options, progress, cancel)
    report = check_folder(folder, _stage(progress, tr("Checking")), cancel,
                          decode=not known, decoded=decoded)
    if not report.ok:
        listed = "; ".join(f"{p.file or '.'}: {p.message}" for p in report.errors[:10])
        raise FolderRejected(tr(
            "The folder failed the check ({report_errors_count} errors), no archive made: {listed}",
            report_errors_count=len(report.errors),
            listed=listed,
        ))
    package_id: int | None = None
    sources: list[SourcePage] = []
    if database is not None:
        with database.session() as session:
            package = package_of_folder(session, folder)
            if package is not None:
                package_id = package.id
                sources = pages_from_database(package, folder, report.files)
    if package_id is not None and database is not None:
        mark_stale_archives(database, package_id)  # earlier parts now out of date
    if package_id is None:
        sources = pages_by_recognition(folder, report.files, options.profile, database,
                                       hashes,
                                       _stage(progress, tr("Reading numbers")),
                                       cancel)
    planned = [PlannedPage(i, f"{folder.name}/{s.rel}", s.size, s.kit)
               for i, s in enumerate(sources)]
    parts = plan_parts(planned, options.limit, options.encryption)
    names = archive_names(folder, len(parts))
    options.out_dir.mkdir(parents=True, exist_ok=True)
    finish_interrupted_swaps(options.out_dir)  # a power cut in an earlier swap
    remove_leftover_temporaries(options.out_dir, folder.name)  # a pack killed midway
    targets = [options.out_dir / name for name in names]
    old_set = previous_set(options.out_dir, folder.name)
    if old_set and not options.replace:
        raise ArchiveError(tr(
            "Archives of this folder already exist: {old_set}. Delete them, choose another folder "
            "(--out) or replace them (--replace).",
            old_set=old_set[0],
        ))
    result = PackResult(folder, options.encryption, package_id)
    made: list[Path] = []  # temporary files of this run, removed on any failure
    try:
        job = _Job(sources, options, progress, cancel, sum(s.size for s in sources) * 2)
        verified = job.write_and_verify(parts, targets, made)
        staged = _stage_manifests(verified, options.encryption, made, options.incomplete)
        result.archives = swap_sets(staged, old_set)
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise
    if database is not None and package_id is not None:
        record_archives(database, package_id, result, sources, folder, options.incomplete)
    return result


def _stage(progress: ProgressCallback, name: str) -> ProgressCallback:
    """Progress of a preparatory stage, its name in front of the file being worked on."""
    return lambda done, total, label: progress(done, total, f"{name}: {label}")


def _remembered_files(folder: Path, database: Database, options: PackOptions,
                      progress: ProgressCallback, cancel: threading.Event | None
                      ) -> tuple[dict[Path, str | None], set[Path]]:
    """Every file of a folder from elsewhere hashed (streamed, once), and which of them
    have remembered reads."""
    from scanstation.recognition.files import hash_files, remembered_reads

    def report(done: int, total: int, name: str) -> None:
        check_cancel(cancel)
        progress(done, total, tr("Checksums: {name}", name=name))

    check_cancel(cancel)
    hashes = hash_files(folder_files(folder), report)
    profile = options.profile or default_profile()
    return hashes, set(remembered_reads(database, profile, hashes))


def _is_known(database: Database, folder: Path) -> bool:
    with database.read() as session:  # a lookup: no write lock
        return package_of_folder(session, folder) is not None


class _Job:
    """State shared by the parts of one packing run (progress across all parts)."""

    def __init__(self, sources: list[SourcePage], options: PackOptions,
                 progress: ProgressCallback, cancel: threading.Event | None,
                 total: int) -> None:
        self.sources = sources
        self.options = options
        self.progress = progress
        self.cancel = cancel
        self.total = total
        self.done = 0
        self._lock = threading.Lock()  # the writing and the verifying thread both count

    def _advance(self, label: str, count: int) -> None:
        with self._lock:
            self.done += count
            self.progress(min(self.done, self.total), self.total, label)

    def write_and_verify(self, parts: list[PlannedPart], targets: list[Path],
                         made: list[Path]) -> list[_VerifiedPart]:
        """Every part written, and each verified on a second thread while the next one is
        written (the two use different cores: hashing the re-read against writing). A
        failure anywhere waits for the verification in flight before it is raised, so the
        caller can remove every file of the run."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack-verify") as pool:
            pending: list[Future[_VerifiedPart]] = []
            try:
                for part, target in zip(parts, targets, strict=True):
                    for earlier in pending:
                        if earlier.done():
                            earlier.result()  # a failed verification stops the run now
                    written = self.write_part(part, target, made)
                    pending.append(pool.submit(self.verify_part, written))
                return [future.result() for future in pending]
            except BaseException:
                for future in pending:
                    future.cancel()
                wait_for(pending)
                raise

    def _counter(self, label: str) -> Callable[[int], None]:
        return lambda count: self._advance(label, count)

    def _verify_progress(self) -> ProgressCallback:
        """Verification reports bytes read so far in this part; the job counts increments."""
        seen = [0]

        def report(done: int, _total: int, label: str) -> None:
            self._advance(tr("Verifying: {label}", label=label), done - seen[0])
            seen[0] = done

        return report

    def write_part(self, part: PlannedPart, target: Path, made: list[Path]) -> _WrittenPart:
        """Write one part to a temporary file (`fsutil.staged_writer`); it keeps the
        temporary name until the whole set is swapped in. Its fsync is left to the
        verifying thread (`verify_part`), so the next part is written while this one
        reaches the disk. The part's sha256 is taken from the bytes as they are written."""
        members: list[tuple[SourcePage, WrittenMember, PlannedPage]] = []
        with staged_writer(target, buffering=0, sync=False) as staging:
            hashing = HashingFile(staging.file)
            size = self._write_members(part, cast(BinaryIO, hashing), members)
        written_sha256 = hashing.hexdigest(size)
        temp = staging.path
        made.append(temp)
        crash_point("archive_part_written")
        if size > self.options.limit:
            raise ArchiveError(f"internal: part {size} > limit {self.options.limit}")
        return _WrittenPart(temp, target, size, written_sha256, members)

    def verify_part(self, part: _WrittenPart) -> _VerifiedPart:
        """The written part made durable (one fsync: on a slow disk this is where the
        time goes, overlapped with writing the next part), then re-read and judged
        (`verify.verify_archive`)."""
        temp, target, size, written_sha256, members = (
            part.temp, part.target, part.size, part.sha256, part.members)
        sync_file(temp)
        expected = {p.name: s.expected_sha256 or w.sha256 for s, w, p in members}
        # The complete re-read of the written file (still in the page cache): its layout,
        # every CRC and every page's sha256 against the database; the archive's own sha256
        # only if the writing could not take it (encrypted entries patch their headers).
        report = verify_archive(temp, self.options.password, expected,
                                limit=self.options.limit, progress=self._verify_progress(),
                                cancel=self.cancel, hash_archive=written_sha256 is None)
        require_valid(report)
        digest = written_sha256 or report.sha256
        pages = [ManifestPage(p.name, w.size, w.crc32, report.members[p.name], s.blank_number,
                              s.kit)
                 for s, w, p in members]
        return _VerifiedPart(temp, target, size, digest, pages)

    def _write_members(self, part: PlannedPart, handle: BinaryIO,
                       members: list[tuple[SourcePage, WrittenMember, PlannedPage]]) -> int:
        """The part's pages and directory written to `handle`; returns its size."""
        with StreamingZipWriter(handle, self.options.encryption,
                                self.options.password) as writer:
            for page in part.pages:
                check_cancel(self.cancel)
                source = self.sources[page.index]
                written = writer.add_file(source.path, page.name,
                                          self._counter(page.name), self.cancel,
                                          hash_data=source.expected_sha256 is None)
                members.append((source, written, page))
            return writer.close()


@dataclass(frozen=True)
class _WrittenPart:
    temp: Path
    target: Path
    size: int
    sha256: str | None  # None: not written front to back, read from the file instead
    members: list[tuple[SourcePage, WrittenMember, PlannedPage]]


@dataclass(frozen=True)
class _VerifiedPart:
    temp: Path
    target: Path
    size: int
    sha256: str
    pages: list[ManifestPage]


@dataclass(frozen=True)
class _StagedPart:
    """A verified part and its manifest, both still under temporary names."""

    part: _VerifiedPart
    manifest_temp: Path
    archive: PackedArchive


def _stage_manifests(parts: list[_VerifiedPart], encryption: Encryption,
                     made: list[Path], incomplete: dict[str, Any] | None = None
                     ) -> list[_StagedPart]:
    """Every manifest written (temporary names, fsynced) before anything is renamed: a
    full disk here leaves the previous set as it was."""
    staged: list[_StagedPart] = []
    for number, part in enumerate(parts, start=1):
        final = manifest_path(part.target)
        temp = write_manifest(part.target, part_no=number, parts_total=len(parts),
                              archive_sha256=part.sha256, archive_size=part.size,
                              encryption=str(encryption), pages=part.pages,
                              incomplete=incomplete)
        made.append(temp)
        staged.append(_StagedPart(part, temp, PackedArchive(
            part.target, final, number, len(parts), part.size, part.sha256, len(part.pages),
            sorted({p.kit for p in part.pages if p.kit}), None)))
    return staged


def swap_sets(staged: list[_StagedPart], old_set: list[Path]) -> list[PackedArchive]:
    """Replace the previous set by the new one as a whole (`swap.swap_in`)."""
    if not staged:
        return []
    first = staged[0].part.target
    news = [(s.part.temp, s.part.target) for s in staged]
    news += [(s.manifest_temp, s.archive.manifest) for s in staged]
    olds = {path for archive in old_set for path in (archive, manifest_path(archive))}
    swap_in(news, olds, first.with_name(f".{first.name}{JOURNAL_SUFFIX}"))
    for item in staged:
        log.info("packed %s: %d pages, %d bytes", item.part.target.name,
                 len(item.part.pages), item.part.size)
    return [item.archive for item in staged]


def remove_leftover_temporaries(out_dir: Path, folder_name: str) -> list[Path]:
    """Remove the hidden temporary parts and manifests an earlier pack of this folder left
    when it was killed (kill -9, power cut): up to a part's size each, never used again.

    Called under the package's lock, so no pack of this folder is writing them now; the
    set's names belong to one folder name in `out_dir` (as for `previous_set`)."""
    archive = re.escape(folder_name) + r"(?:_\d+_of_\d+)?\.zip"
    pattern = re.compile(r"\." + archive + r"(?:" + re.escape(MANIFEST_SUFFIX) + r")?\.[^.]+"
                         + re.escape(TMP_SUFFIX))
    removed = []
    for path in out_dir.glob(f".{glob.escape(folder_name)}*{TMP_SUFFIX}"):
        if pattern.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    if removed:
        log.info("removed %d temporary files an interrupted pack left in %s",
                 len(removed), out_dir)
    return removed


def previous_set(out_dir: Path, folder_name: str) -> list[Path]:
    """Archives an earlier run made for this folder in `out_dir` (one file or numbered parts)."""
    single = out_dir / f"{folder_name}.zip"
    found = [single] if single.exists() else []
    pattern = re.compile(re.escape(folder_name) + r"_\d+_of_\d+\.zip")
    found += sorted(p for p in out_dir.glob(f"{glob.escape(folder_name)}_*_of_*.zip")
                    if pattern.fullmatch(p.name))
    return found
