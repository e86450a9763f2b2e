"""The page-reading half of `scanstation recognize`: files to one printed line per page.

Kept apart from the command's argparse definition so that building the command line never
imports the recognition engines (numpy, Pillow, zxing-cpp); `recognize` imports this module
only when it runs. A file may hold several pages (a vendor's multi-page TIFF or PDF): each
gets its own line, numbered. The pages are read by `recognition.files.iter_recognised`, the
one way every command reads pages it did not scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scanstation.db.store import Database
from scanstation.i18n import tr
from scanstation.profile import EventProfile
from scanstation.recognition import ReadResult, ReadStatus
from scanstation.recognition.files import iter_recognised
from scanstation.scanner.filepages import SUPPORTED_SUFFIXES

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


def page_lines(files: list[Path], profile: EventProfile,
               database: Database | None = None) -> Iterator[PageLine]:
    """Lines in the order of `files` (pages of a file in their order), read on every core
    by `recognise_files` (remembered reads from `database` first)."""
    for item in iter_recognised(files, profile, database):
        several = len(item.reads) > 1
        for read in item.reads:
            page = read.page_index + 1 if several else None
            if read.result is None:
                yield PageLine(str(item.path), None, None, None, ERROR_STATUS, read.error, page)
            else:
                yield _line(str(item.path), read.result, page)
