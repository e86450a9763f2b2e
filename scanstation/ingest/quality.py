"""The collector's quality gate: more than 10 % unreadable pages → rescan the package.

Counted over the package's pages in the folder (not trashed), leaving out empty duplex
backs and pages whose recognition has not finished. Recomputed after every change so the
flag the window shows is never stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.db.models import Package, Page, PageStatus

RESCAN_THRESHOLD = 0.10  # the collector's rule: more than 10 % unreadable


@dataclass(frozen=True)
class QualityFigures:
    pages: int  # counted pages (in the folder, not blank backs)
    unreadable: int  # unreadable or ambiguous: no number the collector can use
    pending: int

    @property
    def unreadable_share(self) -> float:
        decided = self.pages - self.pending
        return self.unreadable / decided if decided else 0.0

    @property
    def rescan_recommended(self) -> bool:
        return self.unreadable_share > RESCAN_THRESHOLD


def quality_figures(session: Session, package_id: int) -> QualityFigures:
    statuses = session.scalars(
        select(Page.status).where(
            Page.package_id == package_id,
            Page.trashed_at.is_(None),
            Page.blank_back.is_(False),
        )
    ).all()
    unreadable = sum(1 for s in statuses if s in (PageStatus.UNREADABLE, PageStatus.AMBIGUOUS))
    pending = sum(1 for s in statuses if s == PageStatus.PENDING)
    return QualityFigures(len(statuses), unreadable, pending)


def recompute_quality(session: Session, package_id: int) -> QualityFigures:
    """Update `Package.rescan_recommended` from the pages as they are now (no commit)."""
    figures = quality_figures(session, package_id)
    package = session.get(Package, package_id)
    if package is not None and package.rescan_recommended != figures.rescan_recommended:
        package.rescan_recommended = figures.rescan_recommended
    return figures
