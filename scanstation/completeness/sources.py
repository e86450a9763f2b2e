"""Where the pages of a folder come from for the completeness check.

A folder the station scanned itself (a known package) is taken from the database, with the
operator's corrections and without trashed pages; any other folder is read by
`recognise_files`, the one way pages from elsewhere are read (on every core, and only once
for the same bytes while the station's database remembers them). Kept apart from the
matching, which needs neither the database nor the recognition engines.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from scanstation.completeness.report import PageRef
from scanstation.db.lookup import package_of_folder
from scanstation.db.models import Page, PageStatus
from scanstation.db.store import Database
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.paths import database_path
from scanstation.profile import EventProfile

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = (".tif", ".tiff", ".jpg", ".jpeg", ".png")


def pages_of_folder(folder: Path, profile: EventProfile) -> list[PageRef]:
    if not folder.is_dir():
        raise KnownError(tr("Folder not found: {folder}", folder=folder))
    # The database is only opened when it already exists: checking a stranger's folder must
    # not create a station database as a side effect.
    if not database_path().exists():
        return recognise_folder(folder, profile, None)
    from scanstation.db.store import open_database

    db = open_database()
    try:
        known = known_package_pages(folder, db)
        if known is not None:
            log.info("completeness: %s is a known package, %d pages from the database",
                     folder, len(known))
            return known
        return recognise_folder(folder, profile, db)
    finally:
        db.close()


def known_package_pages(folder: Path, db: Database) -> list[PageRef] | None:
    """The live pages of the package scanned into `folder`, or None if it is not one."""
    target = folder.resolve()
    with db.read() as session:
        package = package_of_folder(session, folder)
        if package is None:
            return None
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


def recognise_folder(folder: Path, profile: EventProfile,
                     database: Database | None) -> list[PageRef]:
    """Every page image of the folder read (remembered reads first); an unreadable or
    damaged page has no number. Every page of a multi-page file is a page of its own."""
    from scanstation.recognition.files import recognise_files

    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    pages: list[PageRef] = []
    for item in recognise_files(files, profile, database):
        for read in item.reads:
            if read.error is not None:
                log.warning("cannot read %s: %s", item.path.name, read.error)
            number = read.result.number if read.result is not None else None
            # Equal bytes are one sheet; the pages of one multi-page file are not.
            fingerprint = item.sha256 if len(item.reads) == 1 else None
            pages.append(PageRef(item.path, number, fingerprint))
    log.info("completeness: %s recognised, %d of %d pages read", folder,
             sum(p.blank_number is not None for p in pages), len(pages))
    return pages
