"""`scanstation recognize`: read the blank numbers of scanned pages from files or folders.

Pages are read in worker processes (one per core) because decoding is CPU-bound; results
are printed in sorted path order so two runs over the same folder print the same lines.
A file that cannot be opened becomes an `error` line, never a crash: the other pages of
the package still matter.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scanstation.cli import new_parser
from scanstation.commands._common import add_json_flag, print_json
from scanstation.i18n import t
from scanstation.profile import EventProfile, resolve_profile
from scanstation.recognition import ReadStatus, read_blank_number
from scanstation.recognition.preprocessing import PageImageError

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png"})
ERROR_STATUS = "error"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = new_parser(
        subparsers, "recognize",
        t("распознать номера бланков на сканах", "read blank numbers from scanned pages"),
        t("Распознаёт номер бланка на каждой странице (файлы TIFF/JPEG/PNG или папки, "
          "рекурсивно) и сообщает поворот, при котором страница стоит правильно. "
          "Код выхода 0 — всё распознано, 1 — есть нераспознанные, неоднозначные или "
          "повреждённые страницы.",
          "Reads the blank number on every page (TIFF/JPEG/PNG files or folders, "
          "recursively) and the rotation that makes the page upright. Exit code 0: all "
          "read; 1: some pages unreadable, ambiguous or damaged."),
    )
    add_json_flag(parser)
    parser.add_argument("--profile", metavar="P",
                        help=t("профиль мероприятия (имя или файл .toml)",
                               "event profile (name or .toml file)"))
    parser.add_argument("paths", nargs="+", metavar=t("ПУТЬ", "PATH"),
                        help=t("файлы страниц или папки", "page files or folders"))
    parser.set_defaults(func=run)


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


def run(args: argparse.Namespace) -> int:
    profile = resolve_profile(args.profile)
    files = collect_pages(args.paths)
    all_read = True
    for line in read_pages(files, profile):
        all_read = all_read and line.status == ReadStatus.OK
        if args.json:
            print_json(line.as_json())
        else:
            print(line.as_text(), flush=True)
    if not files:
        print(t("Изображения страниц не найдены.", "No page images found."), file=sys.stderr)
        return 1
    return 0 if all_read else 1
