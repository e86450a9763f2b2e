"""The page-reading half of `scanstation recognize`: files to one printed line per page.

Kept apart from the command's argparse definition so that building the command line never
imports the recognition engines (numpy, Pillow, zxing-cpp); `recognize` imports this module
only when it runs. A file may hold several pages (a vendor's multi-page TIFF or PDF): each
gets its own line, numbered. `read_file` is the worker the process pool pickles by module
path, so it stays a plain module-level function.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scanstation.i18n import tr
from scanstation.parentwatch import watch_parent
from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, ReadStatus, read_blank_number
from scanstation.scanner.filepages import (
    SUPPORTED_SUFFIXES,
    UnreadableFile,
    iter_file_pages,
    open_page,
    quick_page_count,
)

ERROR_STATUS = "error"


@dataclass(frozen=True)
class PageLine:
    """One page's outcome, as printed; plain data so it crosses process boundaries."""

    file: str
    number: str | None
    rotation: int | None
    symbology: str | None
    status: str
    message: str | None = None
    page: int | None = None  # 1-based, only for a file that holds several pages
    suggestion: str | None = None  # printed digits (OCR) on a page not read: to confirm
    source: str | None = None  # "barcode", "ocr", "both"

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"file": self.file, "number": self.number,
                                   "rotation": self.rotation, "symbology": self.symbology,
                                   "status": self.status, "suggestion": self.suggestion,
                                   "source": self.source}
        if self.page is not None:
            data["page"] = self.page
        if self.message is not None:
            data["message"] = self.message
        return data

    def as_text(self) -> str:
        where = self.file if self.page is None else self.file + tr(" [page {page}]", page=self.page)
        if self.status == ReadStatus.OK:
            turn = tr(", rotate by {rotation}°", rotation=self.rotation)
            return f"{where}: {self.number} ({self.symbology}" + (
                turn if self.rotation else "") + ")"
        if self.status == ReadStatus.AMBIGUOUS:
            return f"{where}: " + tr("ambiguous — different numbers on the page")
        if self.status == ReadStatus.UNREADABLE and self.suggestion:
            return f"{where}: " + tr(
                "number not read; suggested from the printed digits: {suggestion}",
                suggestion=self.suggestion,
            )
        if self.status == ReadStatus.UNREADABLE:
            return f"{where}: " + tr("number not read")
        return f"{where}: " + tr("error: ") + (self.message or "")


def collect_pages(paths: Iterable[str]) -> list[Path]:
    """Files as given plus page files found under folders, sorted, without repeats."""
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.update(p for p in path.rglob("*")
                         if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.add(path)  # a missing or odd file becomes an error line, not a stop
    return sorted(found)


def _line(path: str, result: ReadResult, page: int | None) -> PageLine:
    if result.status != ReadStatus.OK:
        return PageLine(path, None, None, None, str(result.status), page=page,
                        suggestion=result.suggestion, source=result.source)
    return PageLine(path, result.number, result.rotation, result.symbology,
                    str(result.status), page=page, source=result.source)


def _message(exc: UnreadableFile | PermissionError) -> str:
    return exc.message if isinstance(exc, UnreadableFile) else str(exc)


def read_file(job: tuple[str, EventProfile]) -> list[PageLine]:
    """Worker: every page of one file to its line; a file that breaks midway keeps the
    lines of the pages before the break and ends with an error line."""
    path, profile = job
    results: list[ReadResult] = []
    error: str | None = None
    if not Path(path).is_file():
        error = tr("Page file not found: {path}", path=path)
    else:
        try:
            with warnings.catch_warnings():
                # A damaged file's decoder chatter is noise: the error line says it all.
                warnings.simplefilter("ignore", UserWarning)
                for image, _dpi in iter_file_pages(Path(path)):
                    results.append(read_blank_number(image, profile))
        except (UnreadableFile, PermissionError) as exc:
            error = _message(exc)
    several = len(results) + (error is not None) > 1
    lines = [_line(path, result, index if several else None)
             for index, result in enumerate(results, start=1)]
    if error is not None:
        lines.append(PageLine(path, None, None, None, ERROR_STATUS, error,
                              len(results) + 1 if several else None))
    return lines


def read_one_page(job: tuple[str, int, EventProfile]) -> list[PageLine]:
    """Worker: page `index` of a file of several pages, so a long PDF uses every core."""
    path, index, profile = job
    try:
        image, _dpi = open_page(Path(path), index)  # quiet about a damaged file's chatter
    except (UnreadableFile, PermissionError) as exc:
        return [PageLine(path, None, None, None, ERROR_STATUS, _message(exc), index + 1)]
    return [_line(path, read_blank_number(image, profile), index + 1)]


def _read_job(job: tuple[str, int | None, EventProfile]) -> list[PageLine]:
    path, index, profile = job
    return read_file((path, profile)) if index is None else read_one_page(
        (path, index, profile))


def read_pages(files: list[Path], profile: EventProfile) -> Iterator[PageLine]:
    """Lines in the order of `files` (pages of a file in their order), on every core: a
    file of several pages is split into one job per page; a file whose pages cannot be
    counted is read whole, so it can say where it breaks."""
    jobs: list[tuple[str, int | None, EventProfile]] = []
    for path in files:
        count = quick_page_count(path)  # None for a missing or damaged file
        if count is not None and count > 1:
            jobs.extend((str(path), index, profile) for index in range(count))
        else:
            jobs.append((str(path), None, profile))
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        for lines in map(_read_job, jobs):
            yield from lines
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=watch_parent) as pool:
        chunk = max(1, min(8, len(jobs) // (4 * workers)))
        for lines in pool.map(_read_job, jobs, chunksize=chunk):
            yield from lines
