"""Pages sharing one blank number: find the groups, tell their kind, record the decision.

The same sheet fed twice is a repeat to delete; two different sheets with one number must
be escalated to the federal coordinator and are never merged. The kind is decided on the
page images (`scanstation.duplicates.classify_group`); the operator's decision is stored
per event and number in `DuplicateDecision`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from scanstation.db.models import DuplicateDecision, Package, Page, PageStatus
from scanstation.db.store import Database
from scanstation.duplicates import DuplicateKind, classify_group
from scanstation.errors import KnownError
from scanstation.i18n import t
from scanstation.ingest.audit import audit
from scanstation.ingest.packages import PageInfo, page_info
from scanstation.ingest.writelock import WRITE_LOCK


class DuplicateError(KnownError):
    """A duplicate decision the rules do not allow (merging different sheets)."""


@dataclass(frozen=True)
class DuplicateGroup:
    event_id: int
    blank_number: str
    pages: tuple[PageInfo, ...]  # scan order; the first one is the original
    decision: str | None  # deleted_repeat / escalated / None (open)


def duplicate_groups(database: Database, package_id: int | None = None,
                     event_id: int | None = None) -> list[DuplicateGroup]:
    """Groups of ≥ 2 pages in the folder with one number, in the event (of the package)."""
    with database.read() as session:
        if package_id is not None:
            package = session.get(Package, package_id)
            if package is None:
                return []
            event_id = package.event_id
        rows = session.execute(
            select(Page, Package.folder)
            .join(Package, Page.package_id == Package.id)
            .where(Package.event_id == event_id, Page.trashed_at.is_(None),
                   Page.status == PageStatus.OK, Page.blank_number.is_not(None))
            .order_by(Page.package_id, Page.seq)
        ).all()
        by_number: dict[str, list[tuple[Page, str]]] = defaultdict(list)
        for page, folder in rows:
            assert page.blank_number is not None
            by_number[page.blank_number].append((page, folder))
        decisions = {d.blank_number: d.decision for d in session.scalars(
            select(DuplicateDecision).where(DuplicateDecision.event_id == event_id))}
        groups = []
        for number, members in sorted(by_number.items()):
            if len(members) < 2:
                continue
            if package_id is not None and all(p.package_id != package_id for p, _ in members):
                continue
            assert event_id is not None
            groups.append(DuplicateGroup(
                event_id, number, tuple(page_info(Path(f), p) for p, f in members),
                decisions.get(number)))
        return groups


def classify(group: DuplicateGroup) -> DuplicateKind:
    """Same sheet twice or different sheets, from the page images."""
    images = []
    for page in group.pages:
        with Image.open(page.path) as image:
            image.load()
            images.append(image.copy())
    return classify_group(images)


def _decide(database: Database, group: DuplicateGroup, kind: DuplicateKind,
            decision: str) -> None:
    with WRITE_LOCK, database.session() as session:
        row = session.scalar(select(DuplicateDecision).where(
            DuplicateDecision.event_id == group.event_id,
            DuplicateDecision.blank_number == group.blank_number))
        if row is None:
            row = DuplicateDecision(event_id=group.event_id, blank_number=group.blank_number)
            session.add(row)
        row.kind, row.decision = str(kind), decision
        audit(session, f"duplicate_{decision}", group.pages[0].id, None,
              {"blank_number": group.blank_number, "kind": str(kind),
               "pages": [p.file_name for p in group.pages]}, package_of=True)


def delete_repeat(database: Database, group: DuplicateGroup,
                  keep_page_id: int | None = None) -> list[int]:
    """Trash every page of a same-sheet group but one (the first scanned by default).

    Refused for different sheets: those are escalated, never merged."""
    from scanstation.ingest.actions import PageActions

    kind = classify(group)
    if kind != DuplicateKind.SAME_SHEET:
        raise DuplicateError(t(
            f"Страницы с номером {group.blank_number} — разные листы: их нельзя объединять, "
            "передайте случай федеральному координатору («Эскалировать»).",
            f"The pages numbered {group.blank_number} are different sheets: they cannot be "
            "merged; escalate the case to the federal coordinator."))
    keep = keep_page_id if keep_page_id is not None else group.pages[0].id
    actions = PageActions(database)
    trashed = [p.id for p in group.pages if p.id != keep]
    for page_id in trashed:
        actions.delete(page_id, reason="duplicate_repeat")
    _decide(database, group, kind, "deleted_repeat")
    return trashed


def escalate(database: Database, group: DuplicateGroup) -> DuplicateKind:
    """Record that the group goes to the federal coordinator; every page stays."""
    kind = classify(group)
    _decide(database, group, kind, "escalated")
    return kind
