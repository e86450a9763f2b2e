"""Pages made elsewhere (another scanning program, another station) brought into a package.

Each source file is taken once: its sha256 is recorded in `ImportedFile` when all its pages
are in. A run killed half-way through a multi-page file is resumed page by page: each page
records where it came from (`import:<sha256 prefix>:<page>`), so no page is taken twice.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError
from sqlalchemy import select

from scanstation.db.models import ImportedFile, Page
from scanstation.errors import KnownError
from scanstation.fsutil import sha256_file
from scanstation.i18n import tr
from scanstation.ingest.pipeline import IngestPipeline
from scanstation.interrupts import shielded
from scanstation.paths import data_dir
from scanstation.scanner.base import ScannedPage

IMAGE_SUFFIXES = {".tif", ".tiff", ".jpg", ".jpeg", ".png"}
_FORMATS = {"TIFF", "JPEG", "PNG", "MPO"}


class NotAPageImage(KnownError):
    """A file given to `ingest` is not a TIFF/JPEG/PNG page."""

    def __init__(self, path: Path, detail: str = "") -> None:
        suffix = f" ({detail})" if detail else ""
        super().__init__(tr(
            "{path_name} is not a page image (TIFF, JPEG or PNG expected){suffix} — skipped.",
            path_name=path.name,
            suffix=suffix,
        ))
        self.path = path


@dataclass
class ImportReport:
    files_taken: list[str] = field(default_factory=list)
    files_already: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    pages_added: int = 0
    pages_already: int = 0


def collect_files(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files named, and every file inside folders named (sorted; hidden files and the
    station's own folders — data, packages — skipped, so a package never eats itself)."""
    skip = [p.resolve() for p in (*exclude, data_dir())]
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(sorted(
                p for p in item.rglob("*")
                if p.is_file() and not any(part.startswith(".")
                                           for part in p.relative_to(item).parts)
                and not any(p.resolve().is_relative_to(s) for s in skip)))
        else:
            found.append(item)
    return found


def source_pages(path: Path) -> Iterator[tuple[int, Image.Image, int]]:
    """(page index from 1, image, dpi) for each page of a file; a multi-page TIFF splits."""
    try:
        with warnings.catch_warnings():  # a broken file is refused below, not warned about
            warnings.simplefilter("ignore")
            opened = Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise NotAPageImage(path) from exc
    with opened:
        if opened.format not in _FORMATS:
            raise NotAPageImage(path, opened.format or "")
        for index, frame in enumerate(ImageSequence.Iterator(opened), start=1):
            try:
                frame.load()
            except OSError as exc:
                raise NotAPageImage(path, str(exc)) from exc
            dpi = round(float(frame.info.get("dpi", (200, 200))[0])) or 200
            image = frame.copy()
            if image.mode not in ("1", "L", "RGB"):
                image = image.convert("RGB" if "A" in image.mode or image.mode == "P" else "L")
            yield index, image, dpi


def import_files(pipeline: IngestPipeline, files: Iterable[Path],
                 on_page: Callable[[str, int, str], None] | None = None) -> ImportReport:
    """Bring files into the pipeline's package; `on_page(source, index, file_name)`."""
    report = ImportReport()
    database, package_id = pipeline.database, pipeline.package_id
    for path in files:
        if not path.exists():
            report.rejected.append((str(path), tr("File not found: {path}", path=path)))
            continue
        digest = sha256_file(path)
        with database.read() as session:
            if session.scalar(select(ImportedFile.id).where(
                    ImportedFile.package_id == package_id, ImportedFile.sha256 == digest)):
                report.files_already.append(str(path))
                continue
            done_sources = set(session.scalars(select(Page.source).where(
                Page.package_id == package_id, Page.source.like(f"import:{digest[:16]}:%"))))
        pages = 0
        try:
            for index, image, dpi in source_pages(path):
                source = f"import:{digest[:16]}:{index}"
                pages += 1
                if source in done_sources:
                    report.pages_already += 1
                    continue
                with shielded():  # SIGTERM waits until the page is recorded
                    info = pipeline.add_page(ScannedPage(
                        image=image, dpi=dpi, source=source, index=index, original_path=path,
                        source_sha256=digest, source_page=index))
                report.pages_added += 1
                if on_page is not None:
                    on_page(str(path), index, info.file_name)
        except NotAPageImage as exc:
            report.rejected.append((str(path), exc.message))
            continue
        with database.session() as session:
            session.add(ImportedFile(package_id=package_id, source_path=str(path)[:2000],
                                     sha256=digest, size_bytes=path.stat().st_size,
                                     pages=pages))
        report.files_taken.append(str(path))
    return report
