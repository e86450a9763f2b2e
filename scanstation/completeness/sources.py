"""Where the pages of a folder come from for the completeness check.

A folder the station scanned itself (a known package) is taken from the database, with the
operator's corrections and without trashed pages; any other folder is read anew, in worker
processes because barcode reading is CPU-bound. Kept apart from the matching, which needs
neither the database nor the recognition engines.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from scanstation.completeness.report import PageRef
from scanstation.db.lookup import package_of_folder
from scanstation.db.models import Page, PageStatus
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.parentwatch import watch_parent
from scanstation.paths import database_path
from scanstation.profile import EventProfile
from scanstation.recognition import read_blank_number

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = (".tif", ".tiff", ".jpg", ".jpeg", ".png")


def pages_of_folder(folder: Path, profile: EventProfile) -> list[PageRef]:
    if not folder.is_dir():
        raise KnownError(tr("Folder not found: {folder}", folder=folder))
    known = known_package_pages(folder)
    if known is not None:
        log.info("completeness: %s is a known package, %d pages from the database",
                 folder, len(known))
        return known
    return recognise_folder(folder, profile)


def known_package_pages(folder: Path) -> list[PageRef] | None:
    """The live pages of the package scanned into `folder`, or None if it is not one.

    The database is only opened when it already exists: checking a stranger's folder must
    not create a station database as a side effect.
    """
    if not database_path().exists():
        return None
    from scanstation.db.store import open_database

    target = folder.resolve()
    db = open_database()
    try:
        with db.read() as session:
            package = package_of_folder(session, folder)
            if package is not None:
                rows = session.scalars(
                    select(Page).where(Page.package_id == package.id,
                                       Page.trashed_at.is_(None)).order_by(Page.seq)
                )
                return [
                    PageRef(target / row.file_name,
                            row.blank_number if row.status == PageStatus.OK else None,
                            row.sha256)
                    for row in rows
                    if not row.file_missing and not row.blank_back
                ]
    finally:
        db.close()
    return None


def recognise_folder(folder: Path, profile: EventProfile) -> list[PageRef]:
    """Read every page image of the folder, in parallel processes (barcode reading is CPU)."""
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    if not files:
        return []
    workers = max(1, min(len(files), os.cpu_count() or 1))
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=watch_parent) as pool:
            numbers = list(pool.map(_read_one, files, repeat(profile), chunksize=4))
    except BrokenProcessPool as exc:
        # A worker died (out of memory, killed): finish in this process rather than fail.
        log.warning("completeness: recognition workers failed (%s), reading in-process", exc)
        numbers = [_read_one(path, profile) for path in files]
    log.info("completeness: %s recognised, %d of %d pages read", folder,
             sum(n is not None for n in numbers), len(files))
    return [PageRef(path, number) for path, number in zip(files, numbers, strict=True)]


def _read_one(path: Path, profile: EventProfile) -> str | None:
    """Worker: the page's blank number, None when unreadable or not an image at all."""
    try:
        return read_blank_number(path, profile).number
    except KnownError as exc:  # PageImageError: truncated, not an image
        logging.getLogger(__name__).warning("cannot read %s: %s", path.name, exc.message)
        return None
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        logging.getLogger(__name__).warning("cannot read %s: %s", path.name, exc)
        return None
