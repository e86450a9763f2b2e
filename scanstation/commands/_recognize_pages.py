"""The page-reading half of `scanstation recognize`: files to one printed line per page.

Kept apart from the command's argparse definition so that building the command line never
imports the recognition engines (numpy, Pillow, zxing-cpp); `recognize` imports this module
only when it runs. `read_page` is the worker the process pool pickles by module path, so it
stays a plain module-level function.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scanstation.i18n import t
from scanstation.profile import EventProfile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.recognition.preprocessing import PageImageError

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"})
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

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"file": self.file, "number": self.number,
                                   "rotation": self.rotation, "symbology": self.symbology,
                                   "status": self.status}
        if self.message is not None:
            data["message"] = self.message
        return data

    def as_text(self) -> str:
        if self.status == ReadStatus.OK:
            turn = t(f", повернуть на {self.rotation}°", f", rotate by {self.rotation}°")
            return f"{self.file}: {self.number} ({self.symbology}" + (
                turn if self.rotation else "") + ")"
        if self.status == ReadStatus.AMBIGUOUS:
            return f"{self.file}: " + t("неоднозначно — на странице разные номера",
                                        "ambiguous — different numbers on the page")
        if self.status == ReadStatus.UNREADABLE:
            return f"{self.file}: " + t("номер не распознан", "number not read")
        return f"{self.file}: " + t("ошибка: ", "error: ") + (self.message or "")


def collect_pages(paths: Iterable[str]) -> list[Path]:
    """Files as given plus image files found under folders, sorted, without repeats."""
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.update(p for p in path.rglob("*")
                         if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        else:
            found.add(path)  # a missing or odd file becomes an error line, not a stop
    return sorted(found)


def read_page(job: tuple[str, EventProfile]) -> PageLine:
    """Worker: one page file to one line. Module-level so it pickles into processes."""
    path, profile = job
    try:
        result = read_blank_number(path, profile)
    except PageImageError as exc:
        return PageLine(path, None, None, None, ERROR_STATUS, exc.message)
    if result.status != ReadStatus.OK:
        return PageLine(path, None, None, None, str(result.status))
    return PageLine(path, result.number, result.rotation, result.symbology, str(result.status))


def read_pages(files: list[Path], profile: EventProfile) -> Iterator[PageLine]:
    """Lines in the order of `files`; a pool only when there is more than one page."""
    jobs = [(str(f), profile) for f in files]
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        yield from map(read_page, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(read_page, jobs, chunksize=max(1, min(8, len(jobs) // (4 * workers))))
