"""Pages sharing one blank number: find the groups, tell their kind, record the decision.

The same sheet fed twice is a repeat to delete; two different sheets with one number must
be escalated to the federal coordinator and are never merged. The kind is decided on the
page images (`scanstation.duplicates.classify_group`); the operator's decision is stored
per pair of pages in `DuplicatePair`, so a page that joins a decided number later reopens
the group. Groups span the whole event: the collector compares every room of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from scanstation.db.models import DuplicatePair, Package, Page, PageStatus
from scanstation.db.store import Database
from scanstation.duplicates import DuplicateKind, classify_group
from scanstation.errors import KnownError
from scanstation.i18n import tr
from scanstation.ingest.audit import audit
from scanstation.ingest.pages import PageInfo, page_info
from scanstation.ingest.writelock import WRITE_LOCK
from scanstation.station.actions import PageActions


class DuplicateError(KnownError):
    """A duplicate decision the rules do not allow (merging different sheets)."""


@dataclass(frozen=True)
class DuplicateGroup:
    event_id: int
    blank_number: str
    pages: tuple[PageInfo, ...]  # room order, then scan order; the first one is kept
    decision: str | None  # escalated / answered when every pair is; None: open
    rooms: tuple[str, ...] = ()  # the package name of each page, parallel to `pages`
    package_ids: tuple[int, ...] = ()  # the package of each page, parallel to `pages`

    def touches(self, package_id: int) -> bool:
        return package_id in self.package_ids

    @property
    def repeat(self) -> PageInfo:
        """The page «Удалить повтор» removes: the latest scan, so the first keeps its place."""
        return self.pages[-1]

    @property
    def keep(self) -> PageInfo:
        return self.pages[0]

    @property
    def key(self) -> tuple[str, tuple[int, ...]]:
        """Changes whenever a page joins or leaves: a cached verdict is for these pages."""
        return self.blank_number, tuple(p.id for p in self.pages)


OPEN, ESCALATED, ANSWERED = None, "escalated", "answered"


def _pairs(page_ids: list[int]) -> list[tuple[int, int]]:
    ordered = sorted(page_ids)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]


def group_decision(page_ids: list[int], decided: dict[tuple[int, int], str]) -> str | None:
    """Escalated (or answered) only when every pair of the live pages was decided so: a
    page that joined later forms undecided pairs, and the group is open again."""
    found = [decided.get(pair) for pair in _pairs(page_ids)]
    if not found or any(d not in (ESCALATED, ANSWERED) for d in found):
        return OPEN
    return ANSWERED if all(d == ANSWERED for d in found) else ESCALATED


def pair_decisions(session: Session, event_id: int) -> dict[tuple[int, int], str]:
    return {(row.page_a, row.page_b): row.decision for row in session.scalars(
        select(DuplicatePair).where(DuplicatePair.event_id == event_id))}


def duplicate_groups(database: Database, package_id: int | None = None,
                     event_id: int | None = None) -> list[DuplicateGroup]:
    """Groups of ≥ 2 live pages with one number anywhere in the event (the collector
    compares the whole event); with `package_id`, the event of that package."""
    with database.read() as session:
        if package_id is not None:
            package = session.get(Package, package_id)
            if package is None:
                return []
            event_id = package.event_id
        if event_id is None:
            return []
        rows = session.execute(
            select(Page, Package.folder, Package.name)
            .join(Package, Page.package_id == Package.id)
            .where(Package.event_id == event_id, Page.trashed_at.is_(None),
                   Page.status == PageStatus.OK, Page.blank_number.is_not(None))
            .order_by(Page.package_id, Page.seq)
        ).all()
        by_number: dict[str, list[tuple[Page, str, str]]] = defaultdict(list)
        for page, folder, room in rows:
            assert page.blank_number is not None
            by_number[page.blank_number].append((page, folder, room))
        decided = pair_decisions(session, event_id)
        groups = []
        for number, members in sorted(by_number.items()):
            if len(members) < 2:
                continue
            groups.append(DuplicateGroup(
                event_id, number, tuple(page_info(Path(f), p) for p, f, _r in members),
                group_decision([p.id for p, _f, _r in members], decided),
                tuple(r for _p, _f, r in members), tuple(p.package_id for p, _f, _r in members)))
        return groups


def open_or_escalated(groups: list[DuplicateGroup]) -> list[DuplicateGroup]:
    """The operator's queue: open groups first, then escalations awaiting an answer."""
    return ([g for g in groups if g.decision is OPEN]
            + [g for g in groups if g.decision == ESCALATED])


def classify(group: DuplicateGroup) -> DuplicateKind:
    """Same sheet twice or different sheets, from the page images."""
    images = []
    for page in group.pages:
        with Image.open(page.path) as image:
            image.load()
            images.append(image.copy())
    return classify_group(images)


def _decide(database: Database, group: DuplicateGroup, kind: DuplicateKind,
            decision: str, operator: str | None = None) -> None:
    with WRITE_LOCK, database.session() as session:
        existing = {(r.page_a, r.page_b): r for r in session.scalars(
            select(DuplicatePair).where(DuplicatePair.event_id == group.event_id,
                                        DuplicatePair.blank_number == group.blank_number))}
        for a, b in _pairs([p.id for p in group.pages]):
            row = existing.get((a, b))
            if row is None:
                row = DuplicatePair(event_id=group.event_id, blank_number=group.blank_number,
                                    page_a=a, page_b=b)
                session.add(row)
            row.kind, row.decision, row.operator = str(kind), decision, operator
            row.decided_at = datetime.now(UTC)
        details: dict[str, object] = {
            "blank_number": group.blank_number, "kind": str(kind),
            "pages": [p.file_name for p in group.pages]}
        if len(set(group.rooms)) > 1:
            details["rooms"] = list(group.rooms)
        if operator:
            details["operator"] = operator
        audit(session, f"duplicate_{decision}", group.pages[0].id, None, details,
              package_of=True)


def delete_repeat(database: Database, group: DuplicateGroup,
                  keep_page_id: int | None = None, operator: str | None = None) -> list[int]:
    """Trash every page of a same-sheet group but one (the first scanned by default).

    Refused for different sheets: those are escalated, never merged."""
    kind = classify(group)
    if kind != DuplicateKind.SAME_SHEET:
        raise DuplicateError(tr(
            "The pages numbered {group_blank_number} are different sheets: they cannot be merged; "
            "escalate the case to the federal coordinator.",
            group_blank_number=group.blank_number,
        ))
    keep = keep_page_id if keep_page_id is not None else group.pages[0].id
    actions = PageActions(database)
    trashed = [p.id for p in group.pages if p.id != keep]
    for page_id in trashed:
        actions.delete(page_id, reason="duplicate_repeat")
    _decide(database, group, kind, "deleted_repeat", operator)
    return trashed


def escalate(database: Database, group: DuplicateGroup,
             operator: str | None = None) -> DuplicateKind:
    """Record that the group goes to the federal coordinator; every page stays."""
    kind = classify(group)
    _decide(database, group, kind, ESCALATED, operator)
    return kind


def answered(database: Database, group: DuplicateGroup, operator: str | None = None) -> None:
    """The coordinator answered an escalation: it leaves the queue (pages stay as they are;
    whatever the answer asks — deleting one sheet — the operator does as usual)."""
    _decide(database, group, DuplicateKind.DIFFERENT_SHEETS, ANSWERED, operator)


def delete_exact_repeats(database: Database, groups: list[DuplicateGroup],
                         operator: str | None = None) -> list[int]:
    """«Удалить все точные повторы»: every open group whose pages are one sheet fed again.

    Each group is classified again from its images here (not trusted from a dialog): a
    group of different sheets is skipped, never merged."""
    trashed: list[int] = []
    for group in groups:
        if group.decision is not OPEN or classify(group) != DuplicateKind.SAME_SHEET:
            continue
        trashed += delete_repeat(database, group, group.keep.id, operator)
    return trashed
