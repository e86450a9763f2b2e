"""What the ingest pipeline writes into a page's row: its file's facts and a reading.

The saving half records a freshly written file; the recognition half records an outcome and
puts the upright re-save in place, but only while the row still describes the file that was
read — an operator's fix made meanwhile always wins. Plain functions on a session, so both
halves (and their tests) share one definition of what a row must say.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from scanstation.db.models import Page, PageStatus, ReadMethod
from scanstation.ingest.page_job import StoredPageDone, StoredPageWork
from scanstation.ingest.storage import StoredFile, commit_staged
from scanstation.recognition import ReadResult, ReadStatus

_STATUS = {ReadStatus.OK: PageStatus.OK, ReadStatus.UNREADABLE: PageStatus.UNREADABLE,
           ReadStatus.AMBIGUOUS: PageStatus.AMBIGUOUS}


def apply_outcome(session: Session, page: Page, path: Path, work: StoredPageWork,
                  result: ReadResult, done: StoredPageDone) -> bool:
    """Write a recognition outcome into a pending row and put the upright version of the
    file in place. False (and the staged file dropped) when the row moved on: the operator
    typed a number, rotated, trashed or replaced the page meanwhile."""
    folder = Path(page.package.folder)
    current = (page.status == PageStatus.PENDING and page.trashed_at is None
               and folder / page.file_name == path and page.sha256 == work.sha256)
    staged = done.rotated_file
    if not current:
        if staged is not None:
            staged.path.unlink(missing_ok=True)
        return False
    page.status = _STATUS[result.status]
    page.blank_number = result.number if result.status == ReadStatus.OK else None
    page.read_method = ReadMethod.BARCODE if result.status == ReadStatus.OK else ReadMethod.NONE
    page.symbology, page.engine, page.strategy = result.symbology, result.engine, result.strategy
    page.phash = done.phash
    accepted = result.status == ReadStatus.OK
    page.suggestion = None if accepted else result.suggestion
    page.suggestion_unsure = (None if accepted or result.suggestion is None
                              else ",".join(str(i) for i in result.suggestion_unsure))
    if staged is not None:
        commit_staged(staged.path, path)
        page.rotation = (page.rotation + result.rotation) % 360
        set_file_facts(page, staged)
    return True


def set_file_facts(page: Page, stored: StoredFile) -> None:
    """The row describes the file as written: hash, size and pixel dimensions."""
    page.sha256, page.size_bytes = stored.sha256, stored.size_bytes
    page.width_px, page.height_px = stored.width_px, stored.height_px
