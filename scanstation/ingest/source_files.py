"""Pages that came from a file (hot folder, `ingest`) remember it: sha256 and page index.

A file delivered again — its acknowledgement cut off by a crash, copied in twice, renamed —
is recognised page by page from these two columns, so no page of it is taken twice.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.db.models import Page


def recorded_source_page(session: Session, package_id: int, source_sha256: str,
                         source_page: int) -> Page | None:
    """The page of the package (not deleted) already taken from this page of this file.
    Per package, as `ImportedFile` is: the same file brought into another package on
    purpose is that package's business (and shows there as a duplicate)."""
    return session.scalar(select(Page).where(
        Page.package_id == package_id, Page.source_sha256 == source_sha256,
        Page.source_page == source_page, Page.trashed_at.is_(None)).order_by(Page.id).limit(1))
