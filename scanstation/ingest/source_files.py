"""Pages that came from a file (hot folder, `ingest`) remember it: sha256 and page index.

A file delivered again — its acknowledgement cut off by a crash, copied in twice, renamed —
is recognised page by page from these two columns, so no page of it is taken twice.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.db.models import Page


def recorded_source_page(session: Session, source_sha256: str, source_page: int
                         ) -> Page | None:
    """The page (of any package, not deleted) already taken from this page of this file."""
    return session.scalar(select(Page).where(
        Page.source_sha256 == source_sha256, Page.source_page == source_page,
        Page.trashed_at.is_(None)).order_by(Page.id).limit(1))
