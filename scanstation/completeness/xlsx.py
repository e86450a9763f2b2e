"""The completeness report as an xlsx workbook, for the organiser and the regional coordinator.

Kit and blank numbers are text cells (Excel would round a 20-digit number); rows are filled
with the collector's colours so the sheet reads like the collector's dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scanstation.db.models import KitProtocolStatus
from scanstation.i18n import tr
from scanstation.protocol.model import COMMENT_TEXT
from scanstation.protocol.writer import TEXT_FORMAT, save_workbook_atomically

if TYPE_CHECKING:
    from scanstation.completeness.report import CompletenessReport, KitReport


def write_report(report: CompletenessReport, path: Path) -> None:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = tr("Summary")
    _summary_sheet(summary, report)
    _kits_sheet(book.create_sheet(tr("Kits")), report)
    duplicates = book.create_sheet(tr("Duplicates"))
    _table(duplicates, (tr("Blank number"), tr("Kind"),
                        tr("Files")),
           [(d.number, _duplicate_kind(str(d.kind)), "\n".join(str(p) for p in d.files))
            for d in report.duplicates], text_columns=(1,))
    unexpected = book.create_sheet(tr("Unexpected pages"))
    _table(unexpected, (tr("File"), tr("Blank number"),
                        tr("Kit"), tr("Page"), tr("Reason")),
           [(str(u.path), u.number, u.kit, u.page, _reason(str(u.reason)))
            for u in report.unexpected_pages], text_columns=(2, 3))
    unread = book.create_sheet(tr("Unread"))
    _table(unread, (tr("File"),), [(str(p),) for p in report.unread])
    save_workbook_atomically(book, path)


def _summary_sheet(sheet: Worksheet, report: CompletenessReport) -> None:
    figures = report.summary()
    rows: list[tuple[str, object]] = [
        (tr("In the electronic protocol"), None),
        (tr("kits in the protocol"), figures["kits_in_protocol"]),
        (tr("used"), figures["used"]),
        (tr("spoiled"), figures["spoiled"]),
        (tr("unused"), figures["unused"]),
        (tr("not filled in"), figures["not_filled"]),
        (tr("report"), tr("full") if figures["protocol_filled"]
         else tr("incomplete")),
        (tr("Loading progress"), None),
        (tr("loaded completely"), figures["complete"]),
        (tr("loaded partly"), figures["partial"]),
        (tr("not loaded"), figures["missing"]),
        (tr("unexpected kits"), figures["unexpected"]),
        (tr("Scans"), None),
        (tr("pages"), figures["pages"]),
        (tr("unread"), figures["unread_pages"]),
        (tr("unexpected pages"), figures["unexpected_pages"]),
        (tr("duplicated numbers"), figures["duplicate_numbers"]),
        (tr("pages per kit"), figures["pages_per_kit"]),
        (tr("Ready to upload"),
         tr("yes") if report.is_complete else tr("no")),
    ]
    for label, value in rows:
        sheet.append([label, value])
        if value is None:
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for warning in report.protocol_warnings:
        sheet.append((tr("Warning"), warning))
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 16


def _kits_sheet(sheet: Worksheet, report: CompletenessReport) -> None:
    headers = (tr("Kit number"), tr("Protocol"),
               tr("State"), tr("Pages present"),
               tr("Missing pages"), tr("Duplicates"),
               tr("Files"))
    rows = [
        (kit.number, _status(kit), _state(str(kit.state)),
         ", ".join(str(p) for p in sorted(kit.pages)),
         ", ".join(str(p) for p in kit.missing_pages),
         tr("yes") if kit.has_duplicates else "",
         "\n".join(str(p) for p in kit.files))
        for kit in report.kits
    ]
    _table(sheet, headers, rows, text_columns=(1,))
    for row_no, kit in enumerate(report.kits, start=2):
        colour = kit.colour
        if colour is None:
            continue
        fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        for col in range(1, len(headers) + 1):
            sheet.cell(row_no, col).fill = fill


def _table(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[object]],
           text_columns: Sequence[int] = ()) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for col in text_columns:
            cell = sheet.cell(sheet.max_row, col)
            cell.number_format = TEXT_FORMAT
            if cell.value is not None:
                cell.value = str(cell.value)
    for col in range(1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 24 if col == 1 else 20
    sheet.freeze_panes = "A2"


def _status(kit: KitReport) -> str:
    if not kit.in_protocol:
        return tr("not in the protocol")
    if kit.protocol_status in (None, KitProtocolStatus.NOT_FILLED, KitProtocolStatus.UNKNOWN):
        return tr("not filled in")
    return COMMENT_TEXT[kit.protocol_status]


def _state(state: str) -> str:
    return {
        "complete": tr("complete"),
        "partial": tr("partial"),
        "missing": tr("missing"),
        "unexpected": tr("unexpected"),
        "not_scanned": tr("no scans (as expected)"),
    }.get(state, state)


def _duplicate_kind(kind: str) -> str:
    return {
        "same_sheet": tr("same sheet scanned twice — delete the repeat"),
        "different_sheets": tr("different sheets with one number — tell the federal coordinator"),
    }.get(kind, kind)


def _reason(reason: str) -> str:
    return {
        "spoiled": tr("kit marked spoiled"),
        "unused": tr("kit marked unused"),
        "not_in_protocol": tr("kit not in the protocol"),
        "page_out_of_range": tr("page number outside the kit"),
    }.get(reason, reason)
