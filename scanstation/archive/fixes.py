"""Explicit repairs the check offers: split a multi-page TIFF, re-save a TIFF with LZW,
turn a PDF or PNG scan into LZW TIFF pages.

Never silent and never lossy for the operator: the original goes to `.originals/` inside
the folder (hidden, so neither the check nor the archive sees it), new files are written to
a temporary name, fsynced and renamed (`fsutil.atomic_writer`), and an existing name is
never overwritten.
"""

from __future__ import annotations

import importlib
import os
import shutil
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageSequence

from scanstation.archive.check import check_folder
from scanstation.archive.errors import ArchiveError
from scanstation.archive.imagecheck import REQUIRED_DPI
from scanstation.archive.sniff import sniff
from scanstation.fsutil import atomic_writer
from scanstation.i18n import tr

ORIGINALS = ".originals"
FIX_ACTIONS = ("split", "to-lzw", "to-tiff", "pdf-to-tiff")
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class FixDone:
    source: str  # relative to the folder
    action: str
    created: list[str] = field(default_factory=list)
    kept_original: str = ""


def _dpi(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if value >= 50 else REQUIRED_DPI  # 1 or 72 "dpi" means: not recorded


def _pages(path: Path) -> Iterator[tuple[Image.Image, int]]:
    if sniff(path) == "pdf":
        yield from _pdf_pages(path)
        return
    with Image.open(path) as image:
        for frame in ImageSequence.Iterator(image):
            frame.load()
            page = frame.copy() if frame.mode in ("1", "L", "RGB") else frame.convert("RGB")
            yield page, _dpi(frame)


def _pdf_pages(path: Path) -> Iterator[tuple[Image.Image, int]]:
    # Imported by name: pypdfium2 ships no type information, and only PDFs need it.
    pdfium: Any = importlib.import_module("pypdfium2")
    document = pdfium.PdfDocument(path)
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                bitmap = page.render(scale=REQUIRED_DPI / POINTS_PER_INCH, grayscale=True)
                yield bitmap.to_pil().convert("L"), REQUIRED_DPI
            finally:
                page.close()
    finally:
        document.close()


def _save_lzw(image: Image.Image, dpi: int, target: Path, replace: bool) -> None:
    """Atomic; only the file being fixed itself is replaced, another name never."""
    try:
        with atomic_writer(target, no_clobber=not replace) as handle:
            image.save(handle, "TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
    except FileExistsError as exc:
        raise ArchiveError(tr(
            "{target_name} already exists, fix cancelled.",
            target_name=target.name,
        )) from exc


def fix_file(folder: Path, rel: str) -> FixDone:
    """Rewrite one file as LZW TIFF page(s); the original is kept under `.originals/`."""
    source = folder / rel
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            pages = list(_pages(source))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise ArchiveError(tr(
                "{rel}: cannot read the file to fix it: {exc}",
                rel=rel,
                exc=exc,
            )) from exc
    if not pages:
        raise ArchiveError(tr("{rel}: the file has no pages.", rel=rel))
    if len(pages) == 1:
        targets = [source.with_suffix(".tif")]
    else:
        targets = [source.with_name(f"{source.stem}_{i:02d}.tif")
                   for i in range(1, len(pages) + 1)]
    for target in targets:
        if target.exists() and target != source:
            raise ArchiveError(tr(
                "{rel}: {target_name} already exists, fix cancelled.",
                rel=rel,
                target_name=target.name,
            ))
    keep = folder / ORIGINALS / rel
    keep.parent.mkdir(parents=True, exist_ok=True)
    if keep.exists():
        keep = keep.with_name(f"{keep.stem}.{os.getpid()}{keep.suffix}")
    shutil.copy2(source, keep)
    for (image, dpi), target in zip(pages, targets, strict=True):
        _save_lzw(image, dpi, target, replace=target == source)
    if source not in targets:
        source.unlink()
    action = "split" if len(pages) > 1 else "to-lzw"
    return FixDone(rel, action, [t_.relative_to(folder).as_posix() for t_ in targets],
                   keep.relative_to(folder).as_posix())


def fix_folder(folder: Path, actions: set[str], dry_run: bool = False) -> list[FixDone]:
    """Apply the chosen fixes to every file whose problem offers one of them."""
    unknown = actions - set(FIX_ACTIONS)
    if unknown:
        raise ArchiveError(tr(
            "Unknown fix: {sorted_unknown_list}",
            sorted_unknown_list=', '.join(sorted(unknown)),
        ))
    wanted: dict[str, str] = {}
    for problem in check_folder(folder).problems:
        if problem.fix in actions and problem.file not in wanted:
            wanted[problem.file] = problem.fix
    if dry_run:
        return [FixDone(rel, action) for rel, action in sorted(wanted.items())]
    return [fix_file(folder, rel) for rel in sorted(wanted)]
