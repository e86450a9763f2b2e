"""Pages matched against the protocol's kits, by the collector's rules.

A kit marked «использован» is complete when pages 1..pages_per_kit are all there (green),
partial otherwise (lilac), missing with no page at all (red). Pages of kits marked spoiled
or unused, or of kits the protocol does not list, are unexpected. One number on several
pages is a duplicate, told apart as the same sheet fed twice or two different sheets by
`scanstation.duplicates` from the images. Pure matching over `PageRef`s: where the pages
come from is `sources`' job.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from scanstation.completeness.report import (
    CompletenessReport,
    DuplicateGroup,
    KitReport,
    KitState,
    PageRef,
    UnexpectedPage,
    UnexpectedReason,
)
from scanstation.db.models import KitProtocolStatus
from scanstation.duplicates import DuplicateKind, classify_group
from scanstation.profile import EventProfile
from scanstation.protocol.model import Protocol, ProtocolKit, kit_counts

log = logging.getLogger(__name__)


def check_pages(pages: Iterable[PageRef], kits: Protocol | Iterable[ProtocolKit],
                profile: EventProfile, *, classify_duplicates: bool = True) -> CompletenessReport:
    """Match pages with kits. `classify_duplicates=False` skips reading images (kind is then
    the cautious «different_sheets»), for a quick first view in the window."""
    protocol_kits = list(kits.kits if isinstance(kits, Protocol) else kits)
    warnings = kits.warnings if isinstance(kits, Protocol) else ()
    by_key = {kit.key: kit for kit in protocol_kits}
    page_list = list(pages)
    unread: list[Path] = []
    by_number: dict[str, list[PageRef]] = defaultdict(list)
    number_of: dict[Path, str] = {}
    for page in page_list:
        number = page.blank_number
        if number is None or not profile.is_valid_number(number):
            unread.append(page.path)
        else:
            by_number[number].append(page)
            number_of[page.path] = number

    # kit key → page number → files
    found: dict[str, dict[int, list[Path]]] = defaultdict(lambda: defaultdict(list))
    kit_label: dict[str, str] = {}  # kit key → the number as printed on the blank
    out_of_range: list[UnexpectedPage] = []
    for number, refs in by_number.items():
        kit_text = profile.kit_of(number)
        key = EventProfile.normalize_kit(kit_text)
        kit_label.setdefault(key, kit_text)
        page_no = profile.page_of(number)
        if not 1 <= page_no <= profile.pages_per_kit:
            out_of_range.extend(UnexpectedPage(r.path, number, kit_text, page_no,
                                               UnexpectedReason.PAGE_OUT_OF_RANGE) for r in refs)
            continue
        found[key][page_no].extend(r.path for r in refs)

    duplicates = _duplicate_groups(by_number, classify_duplicates)
    duplicate_kits = {EventProfile.normalize_kit(profile.kit_of(d.number)) for d in duplicates}

    # Before a protocol is loaded nothing is «extra»: kits are judged by the profile's page
    # count alone, and the report says the protocol is missing instead.
    protocol_loaded = bool(protocol_kits)
    reports: list[KitReport] = []
    unexpected_pages: list[UnexpectedPage] = []
    for kit in protocol_kits:
        pages_of_kit = {p: tuple(files) for p, files in sorted(found.get(kit.key, {}).items())}
        reports.append(_kit_report(kit.number, kit.status, True, pages_of_kit, profile,
                                   kit.key in duplicate_kits))
        if pages_of_kit and kit.status in (KitProtocolStatus.SPOILED, KitProtocolStatus.UNUSED):
            reason = UnexpectedReason(str(kit.status))
            unexpected_pages.extend(_pages_as_unexpected(kit.number, pages_of_kit, reason,
                                                         number_of))
    for key in sorted(set(found) - set(by_key)):
        pages_of_kit = {p: tuple(files) for p, files in sorted(found[key].items())}
        reports.append(_kit_report(kit_label[key], None, False, pages_of_kit, profile,
                                   key in duplicate_kits, protocol_loaded))
        if not protocol_loaded:
            continue
        unexpected_pages.extend(_pages_as_unexpected(kit_label[key], pages_of_kit,
                                                     UnexpectedReason.NOT_IN_PROTOCOL,
                                                     number_of))
    counts = kit_counts(protocol_kits)
    return CompletenessReport(
        kits=tuple(reports),
        duplicates=tuple(duplicates),
        unexpected_pages=tuple(unexpected_pages + out_of_range),
        unread=tuple(unread),
        pages_total=len(page_list),
        protocol_counts=counts,
        pages_per_kit=profile.pages_per_kit,
        protocol_warnings=tuple(warnings),
        protocol_loaded=protocol_loaded,
    )


def _kit_report(number: str, status: KitProtocolStatus | None, listed: bool,
                pages: dict[int, tuple[Path, ...]], profile: EventProfile,
                duplicated: bool, protocol_loaded: bool = True) -> KitReport:
    expected = range(1, profile.pages_per_kit + 1)
    missing = tuple(p for p in expected if p not in pages)
    if not listed and not protocol_loaded:
        state = KitState.PARTIAL if missing else KitState.COMPLETE
    elif not listed or (pages and status in (KitProtocolStatus.SPOILED,
                                           KitProtocolStatus.UNUSED)):
        state = KitState.UNEXPECTED
    elif not pages:
        state = KitState.MISSING if status is KitProtocolStatus.USED else KitState.NOT_SCANNED
    else:
        # A kit whose comment is not filled in yet but has pages is checked as a used one.
        state = KitState.PARTIAL if missing else KitState.COMPLETE
    return KitReport(number, status, listed, state, pages, missing if pages or
                     state is KitState.MISSING else (), duplicated)


def _pages_as_unexpected(kit: str, pages: dict[int, tuple[Path, ...]],
                         reason: UnexpectedReason,
                         number_of: dict[Path, str]) -> list[UnexpectedPage]:
    return [UnexpectedPage(path, number_of[path], kit, page, reason)
            for page, files in sorted(pages.items()) for path in files]


def _duplicate_groups(by_number: dict[str, list[PageRef]],
                      classify: bool) -> list[DuplicateGroup]:
    groups = []
    for number in sorted(by_number):
        refs = by_number[number]
        if len(refs) < 2:
            continue
        kind = _kind_of(refs) if classify else DuplicateKind.DIFFERENT_SHEETS
        groups.append(DuplicateGroup(number, tuple(r.path for r in refs), kind))
    return groups


def _kind_of(refs: Sequence[PageRef]) -> DuplicateKind:
    fingerprints = {r.fingerprint for r in refs}
    if None not in fingerprints and len(fingerprints) == 1:
        return DuplicateKind.SAME_SHEET  # byte-identical files: one scan copied twice
    images: list[Image.Image] = []
    for ref in refs:
        try:
            with Image.open(ref.path) as image:
                images.append(image.convert("L"))
        except (OSError, UnidentifiedImageError) as exc:
            log.warning("duplicate check: cannot open %s: %s", ref.path, exc)
    if len(images) < len(refs):
        # Without every image the safe verdict is the one that deletes nothing.
        return DuplicateKind.DIFFERENT_SHEETS
    return classify_group(images)
