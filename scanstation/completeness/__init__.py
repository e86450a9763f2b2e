"""The collector's «Проверка комплектности», run on the station before anything is uploaded.

Pages (a file and its blank number) are matched against the protocol's kits with the event
profile: `kit_of` gives the kit, `page_of` the page; kits come out complete, partial,
missing or unexpected, and one number on several pages is a duplicate — the same sheet fed
twice (delete the repeat) or two different sheets (escalate, never merge).

This package's front door: `check_folders` runs it for the command line, and the names the
window, the xlsx writer and the tests use are re-exported from its parts: `report` (the
report as plain data), `match` (the collector's rules over pages), `sources` (a folder's
pages, from the database or read anew) and `xlsx` (the report as a workbook).
"""

from __future__ import annotations

from pathlib import Path

from scanstation.completeness.match import check_pages
from scanstation.completeness.report import (
    COLOURS,
    DUPLICATE_COLOUR,
    CompletenessReport,
    DuplicateGroup,
    KitReport,
    KitState,
    PageRef,
    UnexpectedPage,
    UnexpectedReason,
)
from scanstation.completeness.sources import (
    IMAGE_SUFFIXES,
    known_package_pages,
    pages_of_folder,
    recognise_folder,
)
from scanstation.profile import EventProfile

__all__ = [
    "COLOURS",
    "DUPLICATE_COLOUR",
    "IMAGE_SUFFIXES",
    "CompletenessReport",
    "DuplicateGroup",
    "KitReport",
    "KitState",
    "PageRef",
    "UnexpectedPage",
    "UnexpectedReason",
    "check_folders",
    "check_pages",
    "export_report_xlsx",
    "known_package_pages",
    "pages_of_folder",
    "recognise_folder",
]


def check_folders(folders: list[Path], protocol: Path,
                  profile: EventProfile) -> CompletenessReport:
    """`scanstation check --protocol`: the pages of every folder against the protocol file.

    A folder the station scanned itself (a known package) is taken from the database, with
    the operator's corrections and without trashed pages; any other folder is read, once
    per file content while the station's database remembers the reads.
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


def export_report_xlsx(report: CompletenessReport, path: Path) -> None:
    """The report as an xlsx workbook (summary, kits coloured as the collector does, ...)."""
    from scanstation.completeness.xlsx import write_report

    write_report(report, path)
