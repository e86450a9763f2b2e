"""What the completeness check finds, as plain data: kit states, the collector's colours,
duplicates, unexpected pages, and the report with its figures and JSON.

Kept apart from the matching and from reading folders so that the window, the xlsx writer
and the command line can hold, show and serialise a report without the code that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from scanstation.db.models import KitProtocolStatus
from scanstation.duplicates import DuplicateKind
from scanstation.profile import EventProfile


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
    protocol_loaded: bool = True  # False: kits judged by the profile's page count only

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
        """Ready to upload: a protocol loaded, nothing partial, missing, unexpected,
        duplicated or unread, and every protocol row filled in («отчёт — полный»)."""
        return self.protocol_loaded and self.protocol_filled and not (
            self.partial or self.missing or self.unexpected or self.unexpected_pages
            or self.duplicates or self.unread)

    def kit(self, number: str) -> KitReport | None:
        key = EventProfile.normalize_kit(number)
        return next((k for k in self.kits if EventProfile.normalize_kit(k.number) == key), None)

    def summary(self) -> dict[str, Any]:
        """The collector's figures: «В электронном протоколе…» and «Ход загрузки…»."""
        return {
            "protocol_loaded": self.protocol_loaded,
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
