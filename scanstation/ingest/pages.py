"""A recorded page as a plain copy: what the pipeline returns and its events carry.

Defined here, under the pipeline, because the pipeline hands pages out (`add_page`, the
`saved`/`recognized` events); the station's services (`scanstation.station`) list and fix
pages in the same form, building on this layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scanstation.db.models import Page
from scanstation.ingest.storage import highest_seq_on_disk


@dataclass(frozen=True)
class PageInfo:
    """A page as the window lists it (a plain copy, safe to pass between threads)."""

    id: int
    seq: int
    file_name: str
    path: Path
    status: str
    blank_number: str | None
    read_method: str
    rotation: int
    trashed: bool
    file_missing: bool
    blank_back: bool
    sha256: str = ""
    suggestion: str | None = None  # printed digits (OCR) to confirm; never a blank number
    suggestion_unsure: tuple[int, ...] = ()  # 0-based digits OCR doubted


def page_info(folder: Path, page: Page) -> PageInfo:
    """The plain copy of a page row of the package in `folder`."""
    return PageInfo(
        id=page.id, seq=page.seq, file_name=page.file_name, path=folder / page.file_name,
        status=page.status, blank_number=page.blank_number, read_method=page.read_method,
        rotation=page.rotation, trashed=page.trashed_at is not None,
        file_missing=page.file_missing, blank_back=page.blank_back, sha256=page.sha256,
        suggestion=page.suggestion,
        suggestion_unsure=tuple(int(i) for i in (page.suggestion_unsure or "").split(",") if i),
    )


def next_free_name(session: Session, folder: Path, package_id: int,
                   suffix: str = ".tif") -> tuple[int, str]:
    """A page number and file name after every one used in rows, folder and trash."""
    highest_row = session.scalar(
        select(func.max(Page.seq)).where(Page.package_id == package_id)) or 0
    seq = max(highest_row, highest_seq_on_disk(folder)) + 1
    return seq, f"{seq:04d}{suffix}"
