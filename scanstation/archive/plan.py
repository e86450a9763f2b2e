"""How pages are shared out between archive parts: as few parts as possible, each within
the limit, and never a kit split across two parts (the collector matches a kit's pages
within one upload).

Bin packing is NP-hard; both the order-keeping greedy and first-fit-decreasing are tried
and the plan with fewer parts wins (order-keeping on a tie, since it reads naturally).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanstation.archive.errors import ArchiveError
from scanstation.archive.zipwriter import END_RECORD, Encryption, entry_size
from scanstation.i18n import tr


@dataclass(frozen=True)
class PlannedPage:
    index: int  # position in the folder's order
    name: str  # name inside the ZIP (package folder / file)
    size: int
    kit: str | None  # None: kit unknown, the page travels alone


@dataclass
class PlannedPart:
    pages: list[PlannedPage] = field(default_factory=list)
    size: int = END_RECORD


def _groups(pages: list[PlannedPage]) -> list[list[PlannedPage]]:
    by_kit: dict[str, list[PlannedPage]] = {}
    groups: list[list[PlannedPage]] = []
    for page in pages:
        if page.kit is None:
            groups.append([page])
        elif page.kit in by_kit:
            by_kit[page.kit].append(page)
        else:
            by_kit[page.kit] = [page]
            groups.append(by_kit[page.kit])
    return groups


def _greedy(groups: list[tuple[int, list[PlannedPage]]], limit: int) -> list[PlannedPart]:
    parts: list[PlannedPart] = [PlannedPart()]
    for size, group in groups:
        if parts[-1].size + size > limit and parts[-1].pages:
            parts.append(PlannedPart())
        parts[-1].pages.extend(group)
        parts[-1].size += size
    return parts


def _first_fit_decreasing(groups: list[tuple[int, list[PlannedPage]]],
                          limit: int) -> list[PlannedPart]:
    parts: list[PlannedPart] = []
    for size, group in sorted(groups, key=lambda g: -g[0]):
        target = next((p for p in parts if p.size + size <= limit), None)
        if target is None:
            target = PlannedPart()
            parts.append(target)
        target.pages.extend(group)
        target.size += size
    for part in parts:
        part.pages.sort(key=lambda p: p.index)
    parts.sort(key=lambda p: p.pages[0].index)
    return parts


def plan_parts(pages: list[PlannedPage], limit: int,
               encryption: Encryption) -> list[PlannedPart]:
    sized: list[tuple[int, list[PlannedPage]]] = []
    for group in _groups(pages):
        size = sum(entry_size(p.name, p.size, encryption) for p in group)
        if size + END_RECORD > limit:
            what = tr("kit {kit}", kit=group[0].kit) if group[0].kit \
                else group[0].name
            raise ArchiveError(tr(
                "{what} ({size} bytes) does not fit in an archive of at most {limit} bytes.",
                what=what,
                size=size,
                limit=limit,
            ))
        sized.append((size, group))
    greedy = _greedy(sized, limit)
    packed = _first_fit_decreasing(sized, limit)
    return packed if len(packed) < len(greedy) else greedy
