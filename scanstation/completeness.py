"""The collector's «Проверка комплектности», run on the station before anything is uploaded.

Pages (a file and its blank number) are matched against the protocol's kits with the event
profile: `kit_of` gives the kit, `page_of` the page. A kit marked «использован» is complete
when pages 1..pages_per_kit are all there (green), partial otherwise (lilac), missing with
no page at all (red). Pages of kits marked spoiled or unused, or of kits the protocol does
not list, are unexpected. One number on several pages is a duplicate: the same sheet fed
twice (delete the repeat) or two different sheets (escalate, never merge) —
`scanstation.duplicates` tells them apart from the images.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import repeat
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from scanstation.db.models import KitProtocolStatus, Package, Page, PageStatus
from scanstation.duplicates import DuplicateKind, classify_group
from scanstation.errors import KnownError
from scanstation.i18n import t
from scanstation.paths import database_path
from scanstation.profile import EventProfile
from scanstation.protocol.model import Protocol, ProtocolKit, kit_counts
from scanstation.recognition import read_blank_number

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = (".tif", ".tiff", ".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class PageRef:
    """One scanned page as the check sees it."""

    path: Path
    blank_number: str | None  # None: not read (yet)
    fingerprint: str | None = None  # the file's sha256: equal files are one sheet, no decoding


class KitState(StrEnum):
    COMPLETE = "complete"  # green: all pages there
    PARTIAL = "partial"  # lilac: some pages there
    MISSING = "missing"  # red: used in the protocol, no page scanned
    UNEXPECTED = "unexpected"  # pages of a spoiled / unused / unlisted kit
    NOT_SCANNED = "not_scanned"  # spoiled, unused or not filled in, and no pages: as it should


class UnexpectedReason(StrEnum):
    SPOILED = "spoiled"
    UNUSED = "unused"
    NOT_IN_PROTOCOL = "not_in_protocol"
    PAGE_OUT_OF_RANGE = "page_out_of_range"  # page number 0 or above pages_per_kit


# The collector's colours (fig. 15–21); unexpected kits have none there, amber here.
COLOURS: dict[KitState, str | None] = {
    KitState.COMPLETE: "C6EFCE",
    KitState.PARTIAL: "E4D7F5",
    KitState.MISSING: "FFC7CE",
    KitState.UNEXPECTED: "FFE699",
    KitState.NOT_SCANNED: None,
}
DUPLICATE_COLOUR = "E4D7F5"


@dataclass(frozen=True)
class KitReport:
    number: str
    protocol_status: KitProtocolStatus | None  # None: comment not filled in, or not listed
    in_protocol: bool
    state: KitState
    pages: dict[int, tuple[Path, ...]]  # page number → its files (several: a duplicate)
    missing_pages: tuple[int, ...]
    has_duplicates: bool = False

    @property
    def colour(self) -> str | None:
        """RGB hex the collector would paint this kit's row with."""
        if self.has_duplicates:
            return DUPLICATE_COLOUR
        return COLOURS[self.state]

    @property
    def files(self) -> list[Path]:
        return [path for page in sorted(self.pages) for path in self.pages[page]]


@dataclass(frozen=True)
class DuplicateGroup:
    number: str
    files: tuple[Path, ...]
    kind: DuplicateKind


@dataclass(frozen=True)
class UnexpectedPage:
    path: Path
    number: str
    kit: str
    page: int
    reason: UnexpectedReason


@dataclass(frozen=True)
class CompletenessReport:
    kits: tuple[KitReport, ...]
    duplicates: tuple[DuplicateGroup, ...]
    unexpected_pages: tuple[UnexpectedPage, ...]
    unread: tuple[Path, ...]
    pages_total: int
    protocol_counts: dict[str, int]
    pages_per_kit: int
    protocol_warnings: tuple[str, ...] = field(default=())

    def _numbers(self, state: KitState) -> list[str]:
        return [kit.number for kit in self.kits if kit.state is state]

    @property
    def complete(self) -> list[str]:
        return self._numbers(KitState.COMPLETE)

    @property
    def partial(self) -> dict[str, list[int]]:
        return {k.number: list(k.missing_pages) for k in self.kits
                if k.state is KitState.PARTIAL}

    @property
    def missing(self) -> list[str]:
        return self._numbers(KitState.MISSING)

    @property
    def unexpected(self) -> list[str]:
        return self._numbers(KitState.UNEXPECTED)

    @property
    def protocol_filled(self) -> bool:
        return self.protocol_counts.get("not_filled", 0) == 0

    @property
    def is_complete(self) -> bool:
        """Ready to upload: nothing partial, missing, unexpected, duplicated or unread, and
        every protocol row filled in (the collector's «отчёт — полный»)."""
        return not (self.partial or self.missing or self.unexpected or self.unexpected_pages
                    or self.duplicates or self.unread) and self.protocol_filled

    def kit(self, number: str) -> KitReport | None:
        key = EventProfile.normalize_kit(number)
        return next((k for k in self.kits if EventProfile.normalize_kit(k.number) == key), None)

    def summary(self) -> dict[str, Any]:
        """The collector's figures: «В электронном протоколе…» and «Ход загрузки…»."""
        return {
            "kits_in_protocol": self.protocol_counts.get("kits", 0),
            "used": self.protocol_counts.get("used", 0),
            "spoiled": self.protocol_counts.get("spoiled", 0),
            "unused": self.protocol_counts.get("unused", 0),
            "not_filled": self.protocol_counts.get("not_filled", 0),
            "protocol_filled": self.protocol_filled,
            "complete": len(self.complete),
            "partial": len(self.partial),
            "missing": len(self.missing),
            "unexpected": len(self.unexpected),
            "pages": self.pages_total,
            "unread_pages": len(self.unread),
            "unexpected_pages": len(self.unexpected_pages),
            "duplicate_numbers": len(self.duplicates),
            "pages_per_kit": self.pages_per_kit,
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "kits": {
                "complete": self.complete,
                "partial": self.partial,
                "missing": self.missing,
                "unexpected": self.unexpected,
            },
            "duplicates": [
                {"number": d.number, "files": [str(p) for p in d.files], "kind": str(d.kind)}
                for d in self.duplicates
            ],
            "unexpected_pages": [
                {"file": str(u.path), "number": u.number, "kit": u.kit, "page": u.page,
                 "reason": str(u.reason)}
                for u in self.unexpected_pages
            ],
            "unread": [str(p) for p in self.unread],
            "summary": self.summary(),
            "protocol_warnings": list(self.protocol_warnings),
            "is_complete": self.is_complete,
        }


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
                                   key in duplicate_kits))
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
    )


def _kit_report(number: str, status: KitProtocolStatus | None, listed: bool,
                pages: dict[int, tuple[Path, ...]], profile: EventProfile,
                duplicated: bool) -> KitReport:
    expected = range(1, profile.pages_per_kit + 1)
    missing = tuple(p for p in expected if p not in pages)
    if not listed or (pages and status in (KitProtocolStatus.SPOILED,
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


def check_folders(folders: list[Path], protocol: Path,
                  profile: EventProfile) -> CompletenessReport:
    """`scanstation check --protocol`: the pages of every folder against the protocol file.

    A folder the station scanned itself (a known package) is taken from the database, with
    the operator's corrections and without trashed pages; any other folder is read anew.
    """
    from scanstation.protocol.reader import read_protocol

    kits = read_protocol(protocol)
    pages: list[PageRef] = []
    seen: set[Path] = set()
    for folder in folders:
        if folder.resolve() in seen:
            continue  # one folder named twice must not turn every page into a duplicate
        seen.add(folder.resolve())
        pages.extend(pages_of_folder(folder, profile))
    return check_pages(pages, kits, profile)


def pages_of_folder(folder: Path, profile: EventProfile) -> list[PageRef]:
    if not folder.is_dir():
        raise KnownError(t(f"Папка не найдена: {folder}", f"Folder not found: {folder}"))
    known = known_package_pages(folder)
    if known is not None:
        log.info("completeness: %s is a known package, %d pages from the database",
                 folder, len(known))
        return known
    return recognise_folder(folder, profile)


def known_package_pages(folder: Path) -> list[PageRef] | None:
    """The live pages of the package scanned into `folder`, or None if it is not one.

    The database is only opened when it already exists: checking a stranger's folder must
    not create a station database as a side effect.
    """
    if not database_path().exists():
        return None
    from scanstation.db.store import open_database

    target = folder.resolve()
    db = open_database()
    try:
        with db.session() as session:
            for package in session.scalars(select(Package)):
                if Path(package.folder).resolve() != target:
                    continue
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
    finally:
        db.close()
    return None


def recognise_folder(folder: Path, profile: EventProfile) -> list[PageRef]:
    """Read every page image of the folder, in parallel processes (barcode reading is CPU)."""
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    if not files:
        return []
    workers = max(1, min(len(files), os.cpu_count() or 1))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            numbers = list(pool.map(_read_one, files, repeat(profile), chunksize=4))
    except BrokenProcessPool as exc:
        # A worker died (out of memory, killed): finish in this process rather than fail.
        log.warning("completeness: recognition workers failed (%s), reading in-process", exc)
        numbers = [_read_one(path, profile) for path in files]
    log.info("completeness: %s recognised, %d of %d pages read", folder,
             sum(n is not None for n in numbers), len(files))
    return [PageRef(path, number) for path, number in zip(files, numbers, strict=True)]


def _read_one(path: Path, profile: EventProfile) -> str | None:
    """Worker: the page's blank number, None when unreadable or not an image at all."""
    try:
        return read_blank_number(path, profile).number
    except KnownError as exc:  # PageImageError: truncated, not an image
        logging.getLogger(__name__).warning("cannot read %s: %s", path.name, exc.message)
        return None
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        logging.getLogger(__name__).warning("cannot read %s: %s", path.name, exc)
        return None


def export_report_xlsx(report: CompletenessReport, path: Path) -> None:
    """The report as an xlsx workbook (summary, kits coloured as the collector does, ...)."""
    from scanstation.protocol.report_xlsx import write_report

    write_report(report, path)
