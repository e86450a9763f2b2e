"""What goes into a package's archives: the folder's files, with kit and expected hash.

A folder the station knows (`Package.folder`) takes kits from the database's blank numbers
and must match the database exactly (a file added, removed or changed since scanning is
refused: the archive would not be what the operator reviewed). An unknown folder (pages
from elsewhere) gets its kits by reading each page's barcode, once for the same bytes while
the database remembers the reads; unreadable pages travel alone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from scanstation.archive.errors import FolderRejected
from scanstation.archive.progress import ProgressCallback, check_cancel, no_progress
from scanstation.db.models import Package, Page, PageStatus
from scanstation.db.store import Database
from scanstation.i18n import tr
from scanstation.profile import EventProfile, default_profile, event_profile


@dataclass(frozen=True)
class SourcePage:
    path: Path
    rel: str  # relative to the package folder, POSIX separators
    size: int
    blank_number: str | None
    kit: str | None
    expected_sha256: str | None
    page_id: int | None


def live_pages(package: Package) -> list[Page]:
    return [p for p in package.pages if p.trashed_at is None and not p.file_missing]


def pages_from_database(package: Package, folder: Path, files: list[Path]) -> list[SourcePage]:
    profile = event_profile(package.event)
    pages = {p.file_name.replace("\\", "/"): p for p in live_pages(package)}
    on_disk = {f.relative_to(folder).as_posix(): f for f in files}
    extra = sorted(on_disk.keys() - pages.keys())
    missing = sorted(pages.keys() - on_disk.keys())
    if extra or missing:
        changes = []
        if extra:
            changes.append(tr("extra files: {extra_list}", extra_list=', '.join(extra[:10])))
        if missing:
            changes.append(tr(
                "missing files: {missing_list}",
                missing_list=', '.join(missing[:10]),
            ))
        raise FolderRejected(tr(
            "The folder changed since scanning: {changes_list}",
            changes_list='; '.join(changes),
        ))
    result: list[SourcePage] = []
    for page in sorted(pages.values(), key=lambda p: p.seq):
        number = page.blank_number if page.status == PageStatus.OK else None
        path = on_disk[page.file_name.replace("\\", "/")]
        result.append(SourcePage(path, page.file_name.replace("\\", "/"), path.stat().st_size,
                                 number, profile.kit_of(number) if number else None,
                                 page.sha256, page.id))
    return result


def pages_by_recognition(folder: Path, files: list[Path], profile: EventProfile | None,
                         database: Database | None, hashes: dict[Path, str | None],
                         progress: ProgressCallback = no_progress,
                         cancel: threading.Event | None = None) -> list[SourcePage]:
    """Kits by reading each page (`recognise_files`: remembered reads need no decoding).
    The file's sha256 hashed for the lookup is the packed bytes' expected sha256, so a page
    changed between reading and packing is caught by the verification."""
    from scanstation.recognition.files import recognise_files
    from scanstation.recognition.result import ReadStatus

    def report(done: int, total: int, name: str) -> None:
        check_cancel(cancel)
        progress(done, total, name)

    check_cancel(cancel)
    profile = profile or default_profile()
    result: list[SourcePage] = []
    for item in recognise_files(files, profile, database, progress=report, hashes=hashes):
        read = item.reads[0].result  # the check let only one-page files through
        number = read.number if read is not None and read.status == ReadStatus.OK else None
        result.append(SourcePage(item.path, item.path.relative_to(folder).as_posix(),
                                 item.path.stat().st_size, number,
                                 profile.kit_of(number) if number else None, item.sha256,
                                 None))
    return result
